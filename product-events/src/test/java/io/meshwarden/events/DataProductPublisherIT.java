package io.meshwarden.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@EmbeddedKafka(topics = {"mesh.products.changes", "mesh.products.metrics"}, partitions = 4)
class DataProductPublisherIT {

    @Test
    void publishesContractsAndMetricsKeyedByProductIdSoEachProductStaysOnOnePartition(EmbeddedKafkaBroker broker) throws Exception {
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers()));
        TopicCatalog topics = config.topics();
        DataProductContract contract = Samples.contract("email.send-engagement");

        try (DataProductPublisher publisher = DataProductPublisher.create(config, "email-domain")) {
            DataProductPublisher.Publication<ContractChange> published = publisher.publishContract(contract, "email-team");
            published.acknowledged().get();
            for (int run = 0; run < 5; run++) {
                publisher.publishMetric(Samples.metric(contract.getId(), 100 + run, 100L, Samples.T0.plusSeconds(run)));
            }
            publisher.flush();

            try (TopicTail tail = TopicTail.of(broker.bootstrapServers(), topics.name(Topics.CONTRACT_CHANGES),
                    topics.name(Topics.METRICS))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> tail.poll().size() == 6);

                ConsumerRecord<byte[], byte[]> change = tail.poll(topics.name(Topics.CONTRACT_CHANGES)).get(0);
                assertThat(new String(change.key(), StandardCharsets.UTF_8)).isEqualTo("email.send-engagement");
                ContractChange decoded = EventCodec.of(ContractChange.class).decode(change.value());
                assertThat(decoded.getContract()).isEqualTo(contract);
                assertThat(decoded.getChangeId()).isEqualTo(published.event().getChangeId());

                List<ConsumerRecord<byte[], byte[]>> metrics = tail.poll(topics.name(Topics.METRICS));
                assertThat(metrics).extracting(ConsumerRecord::partition).containsOnly(metrics.get(0).partition());
                assertThat(metrics).extracting(r -> EventCodec.of(MetricEvent.class).decode(r.value()).getRecordsLoaded())
                        .containsExactly(100L, 101L, 102L, 103L, 104L);
            }
        }
    }
}
