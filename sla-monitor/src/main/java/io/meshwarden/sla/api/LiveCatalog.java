package io.meshwarden.sla.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.sla.cluster.Answer;
import io.meshwarden.sla.cluster.ClusterReader;
import io.meshwarden.sla.cluster.ClusterReader.Read;
import io.meshwarden.sla.cluster.Scope;
import io.meshwarden.sla.streams.SlaStores;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Every contract of the catalog, whole, from every instance's catalog store: what the documentation
 * pages and the policy plan are made of. Instances ask each other at {@value #PATH}, which answers
 * with the contracts in their plain JSON form ({@link ProductDetail#plain}).
 */
@Singleton
public class LiveCatalog {
    static final String PATH = "/api/contracts";
    private static final Argument<List<Map<String, Object>>> PLAIN = Argument.listOf(Argument.mapOf(String.class, Object.class));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec<DataProductContract> CONTRACTS = EventCodec.of(DataProductContract.class);

    private final ClusterReader cluster;

    public LiveCatalog(ClusterReader cluster) {
        this.cluster = cluster;
    }

    /** The contracts in their plain JSON form, by id, from the instances {@code scope} names (asked at {@code path}). */
    Answer<List<Map<String, Object>>> plain(Scope scope, String path) {
        return cluster.fanOut(scope, new Read<>(SlaStores.CATALOG, path,
                        view -> new SlaReader(view).contracts().stream().map(ProductDetail::plain).toList(), cluster.json(PLAIN)),
                parts -> parts.stream().flatMap(List::stream)
                        .sorted(Comparator.comparing((Map<String, Object> c) -> String.valueOf(c.get("id")))).toList());
    }

    /** Every contract of the catalog, from every instance; partial (and said so by the coverage) when a partition did not answer. */
    public Answer<List<DataProductContract>> contracts() {
        Answer<List<Map<String, Object>>> plain = plain(Scope.CLUSTER, PATH);
        return new Answer<>(plain.body().stream().map(c -> CONTRACTS.fromJson(JSON.valueToTree(c))).toList(), plain.coverage());
    }
}
