package io.meshwarden.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.Samples;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private final MockProcessorContext<String, Decoded<String>> context = new MockProcessorContext<>();

    @Test
    void namesTheReasonTheSourceRecordAndTheWallClockTimeOfTheFailure() {
        context.setRecordMetadata("mesh.products.metrics", 2, 41L);
        context.setCurrentSystemTimeMs(Samples.T0.toEpochMilli());
        RecordHeaders original = new RecordHeaders();
        original.add("trace", bytes("t-1"));
        Record<byte[], byte[]> rejected = new Record<>(bytes("k"), bytes("v"), 1_234L, original);

        Record<String, Decoded<String>> dead = DeadLetters.failed(context, rejected, "k", DeadLetterReason.LATE, "too late");

        assertThat(dead.key()).isEqualTo("k");
        assertThat(dead.timestamp()).isEqualTo(1_234L);
        assertThat(dead.value()).isInstanceOfSatisfying(Decoded.Failed.class, failed -> {
            assertThat(failed.key()).isEqualTo(bytes("k"));
            assertThat(failed.value()).isEqualTo(bytes("v"));
        });
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("late");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER)).isEqualTo("too late");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.TOPIC_HEADER)).isEqualTo("mesh.products.metrics");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.PARTITION_HEADER)).isEqualTo("2");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.OFFSET_HEADER)).isEqualTo("41");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.FAILED_AT_HEADER)).isEqualTo(Samples.T0.toString());
        assertThat(DeadLetter.header(dead.headers(), "trace")).isEqualTo("t-1");
        assertThat(original.lastHeader(DeadLetter.REASON_HEADER)).as("the rejected record's headers are not changed").isNull();
    }

    @Test
    void keepsAnyValueTheProcessorForwards() {
        context.setRecordMetadata("mesh.products.catalog", 0, 7L);
        context.setCurrentSystemTimeMs(Samples.T0.toEpochMilli());
        Record<String, String> rejected = new Record<>("p", "contract", 5L);

        Record<String, Integer> dead = DeadLetters.record(context, rejected, "p", 42, DeadLetterReason.UNKNOWN_PRODUCT, "who?");

        assertThat(dead.value()).isEqualTo(42);
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("unknown-product");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.OFFSET_HEADER)).isEqualTo("7");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
