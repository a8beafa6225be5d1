package {{package}};

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Clicks and spend per campaign per hour (event time) from the contract's input events (JSON with
 * campaign_id, clicks, spend_micros, event_time), written to the product topic keyed
 * {@code <campaign_id>@<window start ms>} each time an hour's totals change; events up to
 * {@link #GRACE} late still count. An event that is not such JSON goes to the dead-letter topic.
 */
public final class HourlyMetricTopology {
    public static final Duration WINDOW = Duration.ofHours(1);
    public static final Duration GRACE = Duration.ofMinutes(10);
    public static final String STORE = "campaign-hour-store";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HourlyMetricTopology() {
    }

    public static void build(StreamsBuilder builder, ProductContract contract) {
        builder.stream(contract.property("pipeline.input-topic"), Consumed.with(Serdes.String(), Serdes.String()).withName("input-events"))
                .processValues(Check::new, Named.as("check"))
                .split(Named.as("checked-"))
                .branch((key, checked) -> checked.error() == null, Branched.withConsumer(valid -> valid
                        .map((key, checked) -> KeyValue.pair(read(checked.value()).get("campaign_id").asText(), checked.value()),
                                Named.as("by-campaign"))
                        .groupByKey(Grouped.with("campaign-events", Serdes.String(), Serdes.String()))
                        .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, GRACE))
                        .aggregate(() -> "{\"clicks\":0,\"spend_micros\":0}", (campaign, event, sums) -> add(sums, event),
                                Named.as("hourly-sums"), Materialized.<String, String, org.apache.kafka.streams.state.WindowStore<
                                        org.apache.kafka.common.utils.Bytes, byte[]>>as(STORE)
                                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                        .toStream(Named.as("hourly-changes"))
                        .map((window, sums) -> KeyValue.pair(window.key() + "@" + window.window().start(),
                                hour(window.key(), window.window().start(), sums)), Named.as("hour-record"))
                        .to(contract.outputTopic(), Produced.with(Serdes.String(), Serdes.String()).withName("product-topic")), "valid"))
                .defaultBranch(Branched.withConsumer(invalid -> DeadLetters.to(invalid, contract), "invalid"));
    }

    private static String add(String sums, String event) {
        JsonNode total = read(sums);
        JsonNode one = read(event);
        return JSON.createObjectNode().put("clicks", total.get("clicks").asLong() + one.get("clicks").asLong())
                .put("spend_micros", total.get("spend_micros").asLong() + one.get("spend_micros").asLong()).toString();
    }

    private static String hour(String campaign, long windowStart, String sums) {
        ObjectNode record = JSON.createObjectNode().put("campaign_id", campaign).put("window_start", windowStart);
        record.setAll((ObjectNode) read(sums));
        return record.toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Passes an event with its event time as the record's timestamp (what the window counts by), or fails it with the reason. */
    private static final class Check extends ContextualFixedKeyProcessor<String, String, Checked> {
        @Override
        public void process(FixedKeyRecord<String, String> record) {
            JsonNode event;
            try {
                event = record.value() == null ? null : JSON.readTree(record.value());
            } catch (IOException e) {
                context().forward(record.withValue(new Checked(record.value(), "not JSON")));
                return;
            }
            String error = event == null || !event.isObject() ? "not a JSON object"
                    : !event.path("campaign_id").isTextual() ? "field campaign_id is missing or not a string"
                    : !event.path("event_time").canConvertToLong() ? "field event_time is missing or not epoch milliseconds"
                    : !event.path("clicks").canConvertToLong() || !event.path("spend_micros").canConvertToLong()
                            ? "fields clicks and spend_micros must be whole numbers" : null;
            if (error != null) {
                context().forward(record.withValue(new Checked(record.value(), error)));
            } else {
                context().forward(record.withValue(new Checked(record.value(), null)).withTimestamp(event.get("event_time").asLong()));
            }
        }
    }
}
