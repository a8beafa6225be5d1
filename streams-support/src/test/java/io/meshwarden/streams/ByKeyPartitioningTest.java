package io.meshwarden.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** An input re-keyed through its repartition topic loses nothing on the way and dead-letters what it met. */
class ByKeyPartitioningTest {
    private static final String DECODED = "decoded-changes";

    @AutoClose
    private final TopologyFixture fixture = TopologyFixture.start("test", Samples.T0, ByKeyPartitioningTest::changeIds);
    private final TestInputTopic<byte[], byte[]> input = fixture.rawInput(Topics.CONTRACT_CHANGES);
    private final TestOutputTopic<String, String> decoded = fixture.driver().createOutputTopic(DECODED,
            Serdes.String().deserializer(), Serdes.String().deserializer());
    private final TestOutputTopic<byte[], byte[]> deadLetters = fixture.deadLetters();

    private static Topology changeIds(TopicCatalog topics, Properties properties) {
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterRouting.decodedStream(builder, topics, topics.topic(Topics.CONTRACT_CHANGES), ContractChange.class,
                        ContractChange::getProductId, Partitioning.BY_KEY, "changes")
                .mapValues(ContractChange::getChangeId)
                .to(DECODED, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build(properties);
    }

    @Test
    void passesAKeyedEventOnThroughTheRepartitionTopic() {
        ContractChange change = Samples.change(Samples.contract("paid-media.search-terms"));
        input.pipeInput(bytes("paid-media.search-terms"), EventCodec.of(ContractChange.class).encode(change, OutputFormat.JSON));

        TestRecord<String, String> out = decoded.readRecord();
        assertThat(out.key()).isEqualTo("paid-media.search-terms");
        assertThat(out.value()).isEqualTo(change.getChangeId());
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void deadLettersAKeylessRecordInsteadOfLettingTheRepartitionTopicDropIt() {
        ContractChange change = Samples.change(Samples.contract("paid-media.search-terms"));
        byte[] value = EventCodec.of(ContractChange.class).encode(change, OutputFormat.AVRO);
        input.pipeInput(null, value);

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isNull();
        assertThat(dead.value()).isEqualTo(value);
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("missing-key");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER)).contains("it was absent");
        assertThat(decoded.isEmpty()).isTrue();
    }

    @Test
    void namesTheInputTopicAndOffsetNotTheRepartitionTopicAsTheSource() {
        input.pipeInput(bytes("paid-media.search-terms"), new byte[] {1, 2, 3});
        input.pipeInput(bytes("paid-media.search-terms"), new byte[] {4, 5, 6});

        deadLetters.readRecord();
        TestRecord<byte[], byte[]> second = deadLetters.readRecord();
        assertThat(DeadLetter.header(second.headers(), DeadLetter.TOPIC_HEADER))
                .isEqualTo(fixture.topics().name(Topics.CONTRACT_CHANGES));
        assertThat(DeadLetter.header(second.headers(), DeadLetter.OFFSET_HEADER)).isEqualTo("1");
        assertThat(second.headers().lastHeader(Ingress.TOPIC_HEADER)).as("the stamp is not left on the dead letter").isNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
