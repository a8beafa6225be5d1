package io.meshwarden.streams;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Stamps every raw record with its {@link Ingress} before it is re-keyed; key and value pass unchanged. */
final class IngressStamp implements FixedKeyProcessor<byte[], byte[], byte[]> {
    private FixedKeyProcessorContext<byte[], byte[]> context;

    @Override
    public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        Ingress ingress = Ingress.of(context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("a record from a source topic always has metadata")));
        context.forward(record.withHeaders(ingress.stampOn(record.headers())));
    }
}
