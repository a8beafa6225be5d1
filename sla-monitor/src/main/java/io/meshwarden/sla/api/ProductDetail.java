package io.meshwarden.sla.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.schemas.EventCodec;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything about one product: its catalog entry, the whole contract and latest quality snapshot
 * (plain JSON, as {@link EventCodec#toJson} writes them), its lineage (the products it reads and
 * those whose contracts name it upstream), and its alerts, active first.
 */
@Serdeable
public record ProductDetail(ProductSummary product, Map<String, Object> contract, List<String> upstream,
                            List<String> downstream, Map<String, Object> latestSnapshot, List<AlertView> alerts) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final EventCodec<DataProductContract> CONTRACTS = EventCodec.of(DataProductContract.class);
    private static final EventCodec<QualitySnapshot> SNAPSHOTS = EventCodec.of(QualitySnapshot.class);

    public static ProductDetail of(ProductSummary product, DataProductContract contract, List<String> downstream,
                                   QualitySnapshot snapshot, List<AlertView> alerts) {
        return new ProductDetail(product, plain(CONTRACTS, contract), List.copyOf(contract.getUpstreamProducts()),
                downstream, snapshot == null ? null : plain(snapshot), alerts);
    }

    /** This detail with the snapshot and downstream products found elsewhere (their stores live in other tasks). */
    public ProductDetail with(Map<String, Object> snapshot, List<String> downstreamProducts) {
        return new ProductDetail(product, contract, upstream, List.copyOf(downstreamProducts), snapshot, alerts);
    }

    /** A contract in the plain JSON form of {@link #contract}. */
    public static Map<String, Object> plain(DataProductContract contract) {
        return plain(CONTRACTS, contract);
    }

    /** A snapshot in the plain JSON form of {@link #latestSnapshot}. */
    public static Map<String, Object> plain(QualitySnapshot snapshot) {
        return plain(SNAPSHOTS, snapshot);
    }

    private static <T extends SpecificRecord> Map<String, Object> plain(EventCodec<T> codec, T event) {
        return JSON.convertValue(codec.toJson(event), MAP);
    }
}
