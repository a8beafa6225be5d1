package {{package}};

import io.meshwarden.schemas.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Turns a failed check into a dead letter: the original value, with the mesh's reason and message headers. */
final class DeadLetterHeaders implements FixedKeyProcessor<String, Checked, String> {
    static final String REASON = "invalid-event";

    private FixedKeyProcessorContext<String, String> context;

    @Override
    public void init(FixedKeyProcessorContext<String, String> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Checked> record) {
        record.headers().add(DeadLetter.REASON_HEADER, REASON.getBytes(StandardCharsets.UTF_8));
        record.headers().add(DeadLetter.MESSAGE_HEADER, record.value().error().getBytes(StandardCharsets.UTF_8));
        context.forward(record.withValue(record.value().value()));
    }
}
