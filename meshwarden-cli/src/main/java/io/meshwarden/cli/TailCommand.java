package io.meshwarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.events.TopicWaiter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code meshwarden tail TOPIC}: prints a mesh topic as JSON lines, from the beginning, until stopped. */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Print a mesh topic as JSON lines.")
final class TailCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    Meshwarden parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "TOPIC", description = "topic name, with or without the prefix, e.g. governance.decisions")
    String topicName;

    @Option(names = "--max", description = "stop after this many records")
    Long max;

    @Option(names = "--idle-timeout", description = "stop after this long without a record (default: never)")
    Duration idleTimeout;

    @Override
    public Integer call() {
        MeshwardenConfig config = parent.config();
        TopicSpec<?, ?> spec = Topics.ALL.stream()
                .filter(t -> config.topics().name(t).equals(topicName) || t.suffix().equals(topicName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic '" + topicName + "'; mesh topics: "
                        + Topics.ALL.stream().map(TopicSpec::suffix).toList()));
        @SuppressWarnings("unchecked")
        Topic<String, Object> topic = (Topic<String, Object>) (Topic<?, ?>) config.topics().topic(spec);
        long printed = 0;
        Instant lastRecord = Instant.now();
        try (TopicWaiter<Object> reader = new TopicWaiter<>(config, topic, true)) {
            while (max == null || printed < max) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    this.spec.commandLine().getOut().println(line(topic, record));
                    lastRecord = Instant.now();
                    if (max != null && ++printed >= max) {
                        break;
                    }
                }
                this.spec.commandLine().getOut().flush();
                if (idleTimeout != null && Instant.now().isAfter(lastRecord.plus(idleTimeout))) {
                    break;
                }
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String line(Topic<String, Object> topic, ConsumerRecord<String, byte[]> record) {
        ObjectNode line = JSON.createObjectNode().put("topic", record.topic()).put("partition", record.partition())
                .put("offset", record.offset()).put("key", record.key());
        try {
            Object value = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            if (value instanceof SpecificRecord event) {
                line.set("value", EventCodec.of((Class) event.getClass()).toJson(event));
            } else {
                line.put("valueBase64", Base64.getEncoder().encodeToString(record.value()));
            }
        } catch (RuntimeException e) {
            line.put("undecodable", e.getMessage()).put("valueBase64", Base64.getEncoder().encodeToString(record.value()));
        }
        ObjectNode headers = line.putObject("headers");
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return line.toString();
    }
}
