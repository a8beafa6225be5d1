package io.meshwarden.streams;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stamps every raw record with its {@link Ingress} before it is re-keyed, and gives a keyless one
 * the stand-in key that lets it cross the repartition topic; the value passes unchanged.
 */
final class IngressStamp implements Processor<byte[], byte[], byte[], byte[]> {
    private ProcessorContext<byte[], byte[]> context;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Ingress ingress = Ingress.of(context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("a record from a source topic always has metadata")), record.key() == null);
        context.forward(record.withKey(Ingress.crossingKey(record.key())).withHeaders(ingress.stampOn(record.headers())));
    }
}
