package {{package}};

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.testkit.Mesh;
import io.meshwarden.testkit.MeshwardenTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The enrichment on a running mesh: its contract is accepted, good events are enriched, a bad one is dead-lettered with its reason. */
@MeshwardenTest
class EnrichmentTest {

    @Test
    void enrichesEventsIntoTheProductTopicAndDeadLettersWhatItCannotRead(Mesh mesh) {
        ProductContract contract = ProductContract.load();
        mesh.assertAccepted(contract.contract());

        try (StreamApp app = StreamApp.start(mesh.config())) {
            TopicRecords.send(mesh.config(), contract.property("pipeline.input-topic"), List.of(
                    new String[] {"e-1", "{\"event_id\": \"e-1\", \"campaign_id\": \"s-42\", \"event_time\": 1767225600000}"},
                    new String[] {"e-2", "not json"},
                    new String[] {"e-3", "{\"event_id\": \"e-3\", \"campaign_id\": \"d-7\", \"event_time\": 1767225660000}"}));

            List<ConsumerRecord<String, String>> enriched = TopicRecords.read(mesh.config(), contract.outputTopic(), 2);
            assertThat(enriched).extracting(ConsumerRecord::key).containsExactly("e-1", "e-3");
            assertThat(enriched.get(0).value()).contains("\"channel\":\"search\"");
            assertThat(enriched.get(1).value()).contains("\"channel\":\"display\"");

            List<ConsumerRecord<String, String>> dead = TopicRecords.read(mesh.config(), contract.property("pipeline.dead-letter-topic"), 1);
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo("not json");
                assertThat(new String(record.headers().lastHeader(DeadLetter.MESSAGE_HEADER).value(), StandardCharsets.UTF_8))
                        .startsWith("not JSON");
            });
        }
    }

    @Test
    void namesTheChannelByTheCampaignIdsPrefix() {
        assertThat(EnrichmentTopology.channelOf("s-1")).isEqualTo("search");
        assertThat(EnrichmentTopology.channelOf("so-1")).isEqualTo("social");
        assertThat(EnrichmentTopology.channelOf("plain")).isEqualTo("other");
    }
}
