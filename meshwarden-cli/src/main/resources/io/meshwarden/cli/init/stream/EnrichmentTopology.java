package {{package}};

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads the contract's input events (JSON with event_id, campaign_id, event_time), adds the
 * campaign's channel and writes them to the product topic; an event that is not such JSON goes to
 * the dead-letter topic as it came, with the reason in headers. Topics from the contract.
 */
public final class EnrichmentTopology {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EnrichmentTopology() {
    }

    public static void build(StreamsBuilder builder, ProductContract contract) {
        builder.stream(contract.property("pipeline.input-topic"), Consumed.with(Serdes.String(), Serdes.String()).withName("input-events"))
                .processValues(Enrich::new, Named.as("enrich"))
                .split(Named.as("enriched-"))
                .branch((key, result) -> result.error() == null, Branched.withConsumer(valid -> valid
                        .mapValues(Checked::value, Named.as("enriched-value"))
                        .to(contract.outputTopic(), Produced.with(Serdes.String(), Serdes.String()).withName("product-topic")), "valid"))
                .defaultBranch(Branched.withConsumer(invalid -> DeadLetters.to(invalid, contract), "invalid"));
    }

    /** The channel a campaign id names by its prefix. */
    static String channelOf(String campaignId) {
        String prefix = campaignId.contains("-") ? campaignId.substring(0, campaignId.indexOf('-')).toLowerCase(Locale.ROOT) : "";
        return switch (prefix) {
            case "s" -> "search";
            case "d" -> "display";
            case "so" -> "social";
            default -> "other";
        };
    }

    private static final class Enrich extends ContextualFixedKeyProcessor<String, String, Checked> {
        @Override
        public void process(FixedKeyRecord<String, String> record) {
            context().forward(record.withValue(enrich(record.value())));
        }

        private static Checked enrich(String value) {
            JsonNode event;
            try {
                event = value == null ? null : JSON.readTree(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return new Checked(value, "not JSON: " + e.getOriginalMessage());
            }
            if (event == null || !event.isObject()) {
                return new Checked(value, "not a JSON object");
            }
            for (String field : new String[] {"event_id", "campaign_id"}) {
                if (!event.path(field).isTextual()) {
                    return new Checked(value, "field " + field + " is missing or not a string");
                }
            }
            if (!event.path("event_time").canConvertToLong()) {
                return new Checked(value, "field event_time is missing or not epoch milliseconds");
            }
            ObjectNode enriched = ((ObjectNode) event).put("channel", channelOf(event.get("campaign_id").asText()));
            return new Checked(enriched.toString(), null);
        }
    }
}
