package io.meshwarden.quality.observed;

import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.util.Map;
import java.util.TreeMap;

/** What the observed-mode integration tests write to a product topic and read back from the snapshots. */
public final class ObservedRecords {
    private ObservedRecords() {
    }

    /** A JSON row of {@link io.meshwarden.quality.rules.QualityRules#SCHEMA}; a null campaign id does not decode. */
    public static String row(String campaignId) {
        return "{\"campaign_id\": " + (campaignId == null ? "null" : "\"" + campaignId + "\"")
                + ", \"channel\": \"search\", \"email\": null, \"clicks\": 1}";
    }

    /** Records expected over the product's snapshots so far, one per window (the latest snapshot of each). */
    public static long expectedInSnapshots(TopicTail tail, TopicCatalog topics, String productId) {
        EventCodec<QualitySnapshot> codec = EventCodec.of(QualitySnapshot.class);
        Map<Long, Long> byWindow = new TreeMap<>();
        tail.poll(topics.name(Topics.SNAPSHOTS)).stream().map(record -> codec.decode(record.value()))
                .filter(snapshot -> snapshot.getProductId().equals(productId))
                .forEach(snapshot -> byWindow.put(snapshot.getWindowEnd().toEpochMilli(), snapshot.getRecordsExpected()));
        return byWindow.values().stream().mapToLong(Long::longValue).sum();
    }
}
