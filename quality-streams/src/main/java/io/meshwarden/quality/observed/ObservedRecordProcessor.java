package io.meshwarden.quality.observed;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.quality.rules.FieldValues;
import io.meshwarden.quality.rules.RecordMeasure;
import io.meshwarden.streams.DeadLetters;
import io.meshwarden.streams.Decoded;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.EventDecodingException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Reads one record of a data product's output topic (observed mode). Finds the product owning the
 * topic in the global ports store, decodes the record against its contract and turns it into a
 * one-record measurement keyed by product id: received 1 of 1 expected, null required fields
 * counted, event and newest-record time the record's timestamp, and what the record contributes to
 * the contract's quality rules and its declared measures ({@link RecordMeasure}). A record that does not decode
 * counts as expected but not received, and its bytes go to the dead-letter topic; a record of a
 * topic no product owns goes there with reason {@code unknown-product}. Of the undecodable records only a sample
 * is copied there, all are counted ({@link UndecodableRecords}); every measurement says whether its record decoded, and
 * why not, for the product's undecodable share ({@link UndecodableShare}).
 */
public final class ObservedRecordProcessor implements Processor<byte[], byte[], String, Decoded<MetricEvent>> {
    /** The start of the pipeline run id of the metric event made for each observed record. */
    public static final String RUN_ID_PREFIX = "observed:";
    private final String portsStore;
    private final ObservedOptions options;
    private ProcessorContext<String, Decoded<MetricEvent>> context;
    private UndecodableRecords undecodable;
    private KeyValueStore<String, ValueAndTimestamp<DataProductContract>> ports;
    private final RulesByVersion rules = new RulesByVersion();

    ObservedRecordProcessor(String portsStore, ObservedOptions options) {
        this.portsStore = portsStore;
        this.options = options;
    }

    @Override
    public void init(ProcessorContext<String, Decoded<MetricEvent>> context) {
        this.context = context;
        this.ports = context.getStateStore(portsStore);
        this.undecodable = new UndecodableRecords(context.metrics(), context.taskId().toString(),
                options.deadLetterSamplesPerMinute());
    }

    @Override
    public void close() {
        undecodable.close();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        ValueAndTimestamp<DataProductContract> owner = ports.get(source.topic());
        if (owner == null || owner.value() == null) {
            deadLetter(record, source.topic(), null, DeadLetterReason.UNKNOWN_PRODUCT, "no product in the catalog has the"
                    + " output topic '" + source.topic() + "'");
            return;
        }
        DataProductContract contract = owner.value();
        FieldValues values = null;
        DeadLetterReason failure = null;
        try {
            values = ProductRecordDecoder.decode(contract, record.value(), options.registry());
        } catch (EventDecodingException e) {
            failure = e.reason();
            deadLetter(record, contract.getId(), contract.getId(), e.reason(), e.getMessage());
        }
        boolean decoded = values != null;
        Map<String, Long> nullCounts = new TreeMap<>();
        if (decoded) {
            ProductRecordDecoder.nullRequiredFields(contract, values).forEach(field -> nullCounts.put(field, 1L));
        }
        Instant at = Instant.ofEpochMilli(record.timestamp());
        MetricEvent.Builder measurement = MetricEvent.newBuilder()
                .setProductId(contract.getId())
                .setPipelineRunId(RUN_ID_PREFIX + source.topic() + "/" + source.partition() + "@" + source.offset())
                .setSourcePlatform("observed")
                .setRecordsLoaded(decoded ? 1 : 0)
                .setRecordsExpected(1L)
                .setFieldNullCounts(nullCounts)
                .setNewestRecordTime(at)
                .setEventTime(at);
        if (decoded) {
            RulesByVersion.Compiled compiled = rules.of(contract);
            RecordMeasure.measure(compiled.rules(), values, nullCounts, measurement);
            RecordMeasure.totals(compiled.measures(), values, measurement);
        }
        Map<String, Long> invalid = measurement.hasFieldInvalidCounts() ? new TreeMap<>(measurement.getFieldInvalidCounts())
                : new TreeMap<>();
        invalid.putAll(UndecodableShare.counts(failure));
        measurement.setFieldInvalidCounts(invalid);
        // A measurement made here from the record, not a record that arrived: it has no original bytes.
        context.forward(new Record<>(contract.getId(), new Decoded.Ok<>(measurement.build(), null, null), record.timestamp()));
    }

    /** Counts the record under {@code owner}; copies it to the dead-letter topic if it is in the sample. */
    private void deadLetter(Record<byte[], byte[]> record, String owner, String productId, DeadLetterReason reason,
                            String message) {
        if (undecodable.sampled(owner, reason, context.currentSystemTimeMs())) {
            context.forward(DeadLetters.failed(context, record, productId, reason, message));
        }
    }
}
