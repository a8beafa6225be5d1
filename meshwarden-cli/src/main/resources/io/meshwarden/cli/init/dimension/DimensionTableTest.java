package {{package}};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.testkit.Mesh;
import io.meshwarden.testkit.MeshwardenTest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** The dimension table on a running mesh: its contract is accepted, syncs write only changes, a removed row is a tombstone. */
@MeshwardenTest
class DimensionTableTest {

    @Test
    void keepsOneCompactedRecordPerCampaignWithUpsertsAndTombstones(Mesh mesh) throws Exception {
        ProductContract contract = ProductContract.load();
        mesh.assertAccepted(contract.contract());

        try (DimensionTable table = DimensionTable.open(mesh.config(), contract)) {
            assertThat(table.sync(List.of(row("c-1", "Spring sale", "active"), row("c-2", "Brand", "active"),
                    row("c-3", "Launch", "paused")))).isEqualTo(new DimensionTable.Changes(3, 0));
            assertThat(table.sync(List.of(row("c-1", "Spring sale", "active"), row("c-2", "Brand", "ended"))))
                    .isEqualTo(new DimensionTable.Changes(1, 1));

            Map<String, String> current = table.current();
            assertThat(current).containsOnlyKeys("c-1", "c-2");
            assertThat(current.get("c-2")).contains("\"status\":\"ended\"");
            assertThat(TopicRecords.read(mesh.config(), contract.outputTopic(), 5))
                    .filteredOn(record -> record.key().equals("c-3")).last().satisfies(record -> assertThat(record.value()).isNull());
            assertThatThrownBy(() -> table.sync(List.of(Map.of("campaign_name", "no key"))))
                    .hasMessageContaining("no campaign_id");
        }
        try (Admin admin = Admin.create(mesh.config().adminProperties())) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, contract.outputTopic());
            assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    private static Map<String, Object> row(String id, String name, String status) {
        return Map.of("campaign_id", id, "campaign_name", name, "status", status);
    }
}
