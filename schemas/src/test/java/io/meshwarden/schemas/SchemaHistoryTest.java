package io.meshwarden.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.MetricEvent;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class SchemaHistoryTest {

    @Test
    void readsBytesWrittenWithTheFirstReleasedMetricEventSchema() throws Exception {
        Schema v1 = SchemaHistory.olderVersionsOf(MetricEvent.getClassSchema().getFullName()).stream()
                .filter(schema -> schema.getField("fieldNullCounts") == null).findFirst().orElseThrow();
        GenericRecord old = new GenericData.Record(v1);
        old.put("productId", "email.send-engagement");
        old.put("pipelineRunId", "run-7");
        old.put("recordsLoaded", 990L);
        old.put("recordsExpected", 1000L);
        old.put("newestRecordTime", 1_795_597_140_000L);
        old.put("eventTime", 1_795_597_200_000L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old, out);

        MetricEvent decoded = EventCodec.of(MetricEvent.class).decode(out.toByteArray());

        assertThat(decoded.getRecordsLoaded()).isEqualTo(990L);
        assertThat(decoded.getNewestRecordTime()).isEqualTo(Instant.ofEpochMilli(1_795_597_140_000L));
        assertThat(decoded.getFieldNullCounts()).isEmpty();
        assertThat(decoded.getSourcePlatform()).isNull();
    }

    @Test
    void everyShippedVersionIsReadableByTheCurrentSchema() {
        assertThat(SchemaHistory.all()).isNotEmpty();
        for (Schema old : SchemaHistory.all()) {
            Schema current = SpecificData.get().getSchema(SpecificData.get().getClass(old));
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType())
                    .as("current %s reads version shipped in history", old.getFullName())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void readsMetricEventsWrittenBeforeTheQualityCountsWithEmptyCounts() throws Exception {
        Schema v2 = version(MetricEvent.getClassSchema(), 2);
        assertThat(v2.getField("fieldMissingCounts")).isNull();
        GenericRecord old = new GenericData.Record(v2);
        old.put("productId", "email.send-engagement");
        old.put("pipelineRunId", "run-8");
        old.put("recordsLoaded", 10L);
        old.put("fieldNullCounts", java.util.Map.of("email", 2L));
        old.put("newestRecordTime", 1_795_597_140_000L);
        old.put("eventTime", 1_795_597_200_000L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v2).encode(old, out);

        MetricEvent decoded = EventCodec.of(MetricEvent.class).decode(out.toByteArray());

        assertThat(decoded.getFieldNullCounts()).containsEntry("email", 2L);
        assertThat(decoded.getFieldMissingCounts()).isEmpty();
        assertThat(decoded.getFieldInvalidCounts()).isEmpty();
        assertThat(decoded.getFieldDuplicateCounts()).isEmpty();
        assertThat(decoded.getDuplicateRecords()).isZero();
        assertThat(decoded.getObservedValues()).isEmpty();
        assertThat(decoded.getLoadedTotals()).isEmpty();
        assertThat(decoded.getControlTotals()).isEmpty();
        assertThat(decoded.getControlPeriodStart()).isNull();
    }

    @Test
    void readsMetricEventsWrittenBeforeTheAccuracyTotalsWithNoTotals() throws Exception {
        Schema v3 = version(MetricEvent.getClassSchema(), 3);
        assertThat(v3.getField("controlTotals")).isNull();
        GenericRecord old = new GenericData.Record(v3);
        for (Schema.Field field : v3.getFields()) {
            if (field.hasDefaultValue()) {
                old.put(field.name(), GenericData.get().getDefaultValue(field));
            }
        }
        old.put("productId", "paid-media.campaign-performance");
        old.put("pipelineRunId", "run-9");
        old.put("recordsLoaded", 10L);
        old.put("newestRecordTime", 1_795_597_140_000L);
        old.put("eventTime", 1_795_597_200_000L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v3).encode(old, out);

        MetricEvent decoded = EventCodec.of(MetricEvent.class).decode(out.toByteArray());

        assertThat(decoded.getRecordsLoaded()).isEqualTo(10L);
        assertThat(decoded.getLoadedTotals()).isEmpty();
        assertThat(decoded.getControlTotals()).isEmpty();
        assertThat(decoded.getControlPeriodStart()).isNull();
    }

    /** The shipped older version {@code n} of a schema, found by its doc ("Version n of ..."). */
    private static Schema version(Schema current, int n) {
        return SchemaHistory.olderVersionsOf(current.getFullName()).stream()
                .filter(schema -> schema.getDoc() != null && schema.getDoc().startsWith("Version " + n + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no version " + n + " of " + current.getFullName()));
    }
}
