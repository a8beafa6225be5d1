package io.meshwarden.sla.streams;

import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * An input topic of the SLA topology as a typed stream: consumed as raw bytes, decoded by
 * {@link IntakeDecoder} ({@code invalid} says what is wrong with an event that decodes, or null),
 * rejects split off to the dead-letter topic with their original bytes.
 * Every node is named {@code <name>-...}.
 */
final class SlaIntake {
    private SlaIntake() {
    }

    static <T extends SpecificRecord> KStream<String, T> decoded(StreamsBuilder builder, TopicCatalog topics,
                                                                 TopicSpec<String, T> spec, Class<T> type,
                                                                 Function<T, String> keyOf, Function<T, String> invalid,
                                                                 String keyName, String name) {
        var routes = builder
                .stream(topics.name(spec), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-source"))
                .process(() -> new IntakeDecoder<>(type, keyOf, invalid, keyName), Named.as(name + "-decoder"))
                .split(Named.as(name + "-route-"))
                .branch((key, intake) -> intake instanceof Intake.Rejected<T>, Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));
        Topic<byte[], byte[]> deadLetter = topics.topic(Topics.DEAD_LETTER);
        routes.get(name + "-route-rejected")
                .map((key, intake) -> {
                    Intake.Rejected<T> rejected = (Intake.Rejected<T>) intake;
                    return KeyValue.pair(rejected.key(), rejected.value());
                }, Named.as(name + "-original-bytes"))
                .to(deadLetter.name(), Produced.with(deadLetter.keySerde(), deadLetter.valueSerde())
                        .withName(name + "-dead-letter-sink"));
        return routes.get(name + "-route-accepted")
                .mapValues(intake -> ((Intake.Accepted<T>) intake).event(), Named.as(name + "-event"));
    }
}
