package io.meshwarden.schemas.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.EventDecodingException;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile strings in a metric event, as JSON from any language and as Avro: each decodes to exactly
 * the text sent (nothing trimmed, escaped or repaired), or fails with a typed decoding error that the
 * dead-letter topic records; nothing else.
 */
class HostileEventsPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec<MetricEvent> CODEC = EventCodec.of(MetricEvent.class);

    @Provide
    Arbitrary<String> hostile() {
        return HostileStrings.any();
    }

    @Property(tries = 300)
    void aHostileStringInJsonDecodesExactlyOrFailsTyped(@ForAll("hostile") String text) throws Exception {
        ObjectNode json = (ObjectNode) CODEC.toJson(Samples.metric("email.send-engagement", 10, 10L, Samples.T0));
        json.put("productId", text);
        json.put("pipelineRunId", text);
        byte[] bytes = JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        try {
            MetricEvent decoded = CODEC.decode(bytes);
            assertThat(decoded.getProductId()).isEqualTo(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            assertThat(decoded.getPipelineRunId()).isEqualTo(decoded.getProductId());
        } catch (EventDecodingException typed) {
            assertThat(typed.reason()).isNotNull();
        }
    }

    @Property(tries = 200)
    void aHostileStringSurvivesAvroUnchanged(@ForAll("hostile") String text) {
        MetricEvent event = MetricEvent.newBuilder(Samples.metric("email.send-engagement", 10, 10L, Samples.T0))
                .setPipelineRunId(text).build();
        try {
            MetricEvent back = CODEC.decode(CODEC.encode(event, OutputFormat.AVRO));
            assertThat(back.getPipelineRunId()).isEqualTo(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        } catch (EventDecodingException typed) {
            assertThat(typed.reason()).isNotNull();
        }
    }
}
