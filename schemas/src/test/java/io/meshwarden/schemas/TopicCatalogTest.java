package io.meshwarden.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.Violation;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    @Test
    void appliesThePrefixToEveryTopic() {
        TopicCatalog catalog = new TopicCatalog("staging.mesh.", OutputFormat.AVRO);

        assertThat(catalog.topic(Topics.VIOLATIONS).name()).isEqualTo("staging.mesh.governance.violations");
        assertThat(catalog.all()).hasSize(Topics.ALL.size()).allSatisfy(t -> assertThat(t.name()).startsWith("staging.mesh."));
    }

    @Test
    void defaultNamesFollowTheArchitecture() {
        TopicCatalog catalog = TopicCatalog.defaults();

        assertThat(catalog.all()).extracting(Topic::name).containsExactly("mesh.products.changes", "mesh.products.catalog",
                "mesh.products.metrics", "mesh.governance.policies", "mesh.governance.policies.in-force",
                "mesh.governance.catalog-replica", "mesh.governance.policy-approvals",
                "mesh.governance.decisions", "mesh.governance.readers", "mesh.governance.impact-reports",
                "mesh.governance.impact", "mesh.governance.violations", "mesh.quality.snapshots",
                "mesh.quality.anomaly-bands",
                "mesh.quality.observed-ports", "mesh.quality.observed-measurements", "mesh.quality.provisioning-findings", "mesh.sla.alerts", "mesh.sla.alert-commands", "mesh.access.commands",
                "mesh.access.requests", "mesh.access.audit", "mesh.lineage.openlineage", "mesh.deadletter");
        assertThat(catalog.all()).filteredOn(Topic::compacted).extracting(Topic::name).containsExactly("mesh.products.catalog",
                "mesh.governance.policies", "mesh.governance.policies.in-force", "mesh.governance.catalog-replica",
                "mesh.governance.readers", "mesh.quality.anomaly-bands", "mesh.quality.observed-ports", "mesh.quality.provisioning-findings",
                "mesh.access.requests");
    }

    @Test
    void valueSerdeWritesTheConfiguredFormat() {
        Violation violation = Samples.violation("email.send-engagement", "r1");
        TopicCatalog json = new TopicCatalog("mesh.", OutputFormat.JSON);

        byte[] bytes = json.topic(Topics.VIOLATIONS).valueSerde().serializer().serialize("t", violation);

        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"violationId\"");
        assertThat(TopicCatalog.defaults().topic(Topics.VIOLATIONS).valueSerde().deserializer().deserialize("t", bytes))
                .isEqualTo(violation);
    }

    @Test
    void accessAuditIsWrittenAsJsonEvenWhenTheOutputFormatIsAvro() {
        io.meshwarden.avro.AccessAuditEvent event = io.meshwarden.avro.AccessAuditEvent.newBuilder().setEventId("e1")
                .setKind(io.meshwarden.avro.AccessAuditKind.REQUESTED).setOutcome(io.meshwarden.avro.AccessOutcome.DONE)
                .setActor("User:alice").setReason("filed").setAt(java.time.Instant.EPOCH).build();

        byte[] bytes = TopicCatalog.defaults().topic(Topics.ACCESS_AUDIT).valueSerde().serializer().serialize("t", event);

        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"eventId\":\"e1\"");
        assertThat(TopicCatalog.defaults().topic(Topics.ACCESS_AUDIT).valueSerde().deserializer().deserialize("t", bytes))
                .isEqualTo(event);
    }

    @Test
    void rejectsAPrefixKafkaCannotName() {
        assertThatThrownBy(() -> new TopicCatalog("mesh/", OutputFormat.AVRO)).hasMessageContaining("mesh/");
    }
}
