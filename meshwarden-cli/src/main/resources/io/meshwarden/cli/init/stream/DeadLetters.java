package {{package}};

import io.meshwarden.schemas.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The dead-letter branch: each event that failed its check goes to the contract's
 * {@code pipeline.dead-letter-topic} as it came, with the mesh's reason and message headers.
 */
final class DeadLetters {
    static final String REASON = "invalid-event";

    private DeadLetters() {
    }

    static void to(KStream<String, Checked> failed, ProductContract contract) {
        failed.processValues(WithHeaders::new, Named.as("dead-letter-headers"))
                .to(contract.property("pipeline.dead-letter-topic"), Produced.with(Serdes.String(), Serdes.String()).withName("dead-letter-topic"));
    }

    private static final class WithHeaders extends ContextualFixedKeyProcessor<String, Checked, String> {
        @Override
        public void process(FixedKeyRecord<String, Checked> record) {
            record.headers().add(DeadLetter.REASON_HEADER, REASON.getBytes(StandardCharsets.UTF_8));
            record.headers().add(DeadLetter.MESSAGE_HEADER, record.value().error().getBytes(StandardCharsets.UTF_8));
            context().forward(record.withValue(record.value().value()));
        }
    }
}
