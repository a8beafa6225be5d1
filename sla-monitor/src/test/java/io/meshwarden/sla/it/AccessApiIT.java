package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.access.AccessService;
import io.meshwarden.access.reconcile.BaselineAcls;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.EmbeddedKafkaConfig;
import io.meshwarden.schemas.Samples;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access API against the real access service on a broker with an authorizer: requests filed and
 * decided over HTTP reach PROVISIONED and show as the principal's grants; bad fields are 400 naming
 * the field, an unknown request 404, an action on a request in the wrong state 409.
 */
class AccessApiIT {
    private static final String SPEND = "paid-media.spend";
    private static EmbeddedKafkaBroker broker;
    private static SlaService sla;
    private static AccessService access;

    @BeforeAll
    static void start(@TempDir Path stateDir) {
        broker = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.defaults()
                .withBrokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .withBrokerProperty("allow.everyone.if.no.acl.found", "true")
                .withBrokerProperty("super.users", "User:ANONYMOUS"));
        access = AccessService.start(MeshwardenConfig.defaults(Map.of(Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.resolve("access").toString(), Settings.TOPIC_PARTITIONS.key(), "2",
                Settings.ACCESS_RECONCILE_INTERVAL_MS.key(), "500")), BaselineAcls.NONE);
        sla = new SlaService(broker.bootstrapServers(), stateDir.resolve("sla"), Map.of());
        sla.contract(Samples.contract(SPEND));
        sla.awaitJson("/api/access-requests", list -> true); // 503 until the view has read access.requests
    }

    @AfterAll
    static void stop() {
        if (sla != null) {
            sla.close();
        }
        if (access != null) {
            access.close();
        }
        broker.close();
    }

    @Test
    void aRequestFiledAndApprovedTwiceOverHttpBecomesAGrantUntilRevoked() {
        SlaService.Answer filed = sla.post("/api/access-requests", "{\"productId\":\"" + SPEND + "\",\"principal\":\"User:analytics\","
                + "\"purpose\":\"attribution\",\"duration\":\"P30D\",\"actor\":\"User:alice\"}");
        assertThat(filed.status()).isEqualTo(202);
        String id = filed.body().get("requestId").asText();
        sla.awaitJson("/api/access-requests/" + id, request -> request.get("state").asText().equals("PENDING"));

        assertThat(sla.post("/api/access-requests/" + id + "/approve", "{\"actor\":\"User:paid-media-team\"}").status()).isEqualTo(202);
        sla.awaitJson("/api/access-requests/" + id, request -> request.path("approvers").size() == 1);
        assertThat(sla.post("/api/access-requests/" + id + "/approve", "{\"actor\":\"User:steward@paid-media.example\"}").status())
                .isEqualTo(202);
        sla.awaitJson("/api/access-requests/" + id, request -> request.get("state").asText().equals("PROVISIONED"));

        JsonNode listed = sla.awaitJson("/api/access-requests?product=" + SPEND + "&state=provisioned", list -> list.size() == 1);
        assertThat(listed.get(0).get("requestId").asText()).isEqualTo(id);
        JsonNode grants = sla.awaitJson("/api/principals/User:analytics/grants", list -> list.size() == 1);
        assertThat(grants.get(0).get("topics").get(0).asText()).isEqualTo(SPEND + ".v1");
        assertThat(grants.get(0).get("requestId").asText()).isEqualTo(id);

        SlaService.Answer again = sla.post("/api/access-requests/" + id + "/approve", "{\"actor\":\"User:paid-media-team\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().toString()).contains("requestId").contains("PROVISIONED");

        assertThat(sla.post("/api/access-requests/" + id + "/revoke", "{\"actor\":\"User:steward@paid-media.example\","
                + "\"reason\":\"project ended\"}").status()).isEqualTo(202);
        sla.awaitJson("/api/access-requests/" + id, request -> request.get("state").asText().equals("REVOKED")
                && request.get("reason").asText().equals("project ended"));
        assertThat(sla.get("/api/principals/User:analytics/grants").body().size()).isZero();
    }

    @Test
    void badFieldsAreRefusedNamingTheField() {
        assertField(sla.post("/api/access-requests", "{\"productId\":\"" + SPEND + "\",\"principal\":\"User:a\",\"duration\":\"P1D\"}"),
                400, "purpose");
        assertField(sla.post("/api/access-requests", "{\"productId\":\"" + SPEND + "\",\"principal\":\"analytics\","
                + "\"purpose\":\"x\",\"duration\":\"P1D\"}"), 400, "principal");
        assertField(sla.post("/api/access-requests", "{\"productId\":\"" + SPEND + "\",\"principal\":\"User:a\","
                + "\"purpose\":\"x\",\"duration\":\"30 days\"}"), 400, "duration");
        assertField(sla.post("/api/access-requests", "{\"productId\":\"" + SPEND + "\",\"colour\":\"red\"}"), 400, "colour");
        assertField(sla.post("/api/access-requests/nope/approve", "{\"actor\":\"User:paid-media-team\"}"), 404, "requestId");
        assertField(sla.post("/api/access-requests/nope/grant", "{\"actor\":\"User:paid-media-team\"}"), 400, "action");
        assertField(sla.get("/api/access-requests?state=asleep"), 400, "state");
    }

    private static void assertField(SlaService.Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body() == null ? "" : answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().toString()).contains("\"" + field + "\"");
    }
}
