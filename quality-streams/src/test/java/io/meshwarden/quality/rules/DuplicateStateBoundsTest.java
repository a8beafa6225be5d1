package io.meshwarden.quality.rules;

import static io.meshwarden.quality.TopologyHarness.START;
import static io.meshwarden.quality.rules.QualityRules.path;
import static io.meshwarden.quality.rules.QualityRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.quality.rolling.RollingQualityTopology;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The distinct values kept for duplicateValues rules are bounded by the steps still open, not by
 * time: with a product sending {@value #PER_STEP} records a minute, {@value #DISTINCT_IDS} distinct
 * campaign ids among them, the store holds as many entries after an hour as after twenty minutes, never
 * more than two steps' distinct values (the step filling and the one in its grace). Prints the
 * serialized bytes per distinct value kept.
 */
class DuplicateStateBoundsTest {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final int PER_STEP = 40;
    private static final int DISTINCT_IDS = 15;
    private static final int OPEN_STEPS = 2;

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start(QualityOptions.defaults().withObservedTopics(".*\\.v[0-9]+"));
    private final TestInputTopic<byte[], byte[]> output = harness.driver().createInputTopic(PRODUCT + ".v1",
            Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    private long sent;

    @Test
    void keepsOnlyTheDistinctValuesOfTheOpenSteps() {
        harness.input(Topics.CATALOG).pipeInput(PRODUCT, QualityRules.contract(PRODUCT,
                rule(path(0, 0), "campaign_id", "duplicateValues", "mustBe", 0),
                rule(path(-1, 0), null, "duplicateValues", "mustBe", 0)), START);

        load(20);
        long afterTwentyMinutes = entries();
        load(40);
        long afterAnHour = entries();
        long bytes = bytes();
        System.out.printf(Locale.ROOT, "DuplicateStateBoundsTest: %d records a minute, %d distinct campaign ids: %d entries after 20 min,"
                        + " %d after 1 h, %d bytes, %.1f bytes per distinct value kept (key + count; the value itself is in the key)%n",
                PER_STEP, DISTINCT_IDS, afterTwentyMinutes, afterAnHour, bytes, (double) bytes / afterAnHour);

        assertThat(afterAnHour).isEqualTo(afterTwentyMinutes)
                .isLessThanOrEqualTo((long) OPEN_STEPS * (DISTINCT_IDS + PER_STEP));
    }

    /** Sends {@value #PER_STEP} records a minute for {@code minutes} minutes; every record distinct, campaign ids repeating. */
    private void load(int minutes) {
        for (int minute = 0; minute < minutes; minute++) {
            long stepStart = START.toEpochMilli() + (sent / PER_STEP) * 60_000;
            for (int i = 0; i < PER_STEP; i++) {
                String json = String.format(Locale.ROOT, "{\"campaign_id\": \"c-%d\", \"channel\": \"search\", \"email\": \"u%d@x\","
                        + " \"clicks\": %d}", i % DISTINCT_IDS, sent, i);
                output.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8),
                        java.time.Instant.ofEpochMilli(stepStart + i * 500L)));
                sent++;
            }
        }
    }

    private long entries() {
        long count = 0;
        try (KeyValueIterator<String, Long> all = store().all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    private long bytes() {
        long total = 0;
        try (KeyValueIterator<String, Long> all = store().all()) {
            while (all.hasNext()) {
                var entry = all.next();
                total += entry.key.getBytes(StandardCharsets.UTF_8).length + Serdes.Long().serializer().serialize("", entry.value).length;
            }
        }
        return total;
    }

    private KeyValueStore<String, Long> store() {
        return harness.store(RollingQualityTopology.DUPLICATES_STORE);
    }
}
