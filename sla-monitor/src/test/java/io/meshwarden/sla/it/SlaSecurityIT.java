package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Samples;
import io.meshwarden.sla.it.SlaService.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's authentication and roles on a running service with the demo users: 401 without
 * credentials naming {@code Authorization}, 403 naming the missing role, the authenticated user as
 * the actor of every command, basic credentials, the open probes, and the browser policy headers on
 * every answer, refusals included.
 */
@EmbeddedKafka
class SlaSecurityIT {
    private static final String SPEND = "paid-media.spend";
    private static final String ALERT = "/api/alerts/" + SPEND + "/freshness";
    private static SlaService sla;

    @BeforeAll
    static void start(EmbeddedKafkaBroker kafka, @TempDir Path stateDir) {
        sla = new SlaService(kafka.bootstrapServers(), stateDir, Map.of());
        sla.contract(Samples.contract(SPEND));
        sla.violation(SPEND, "freshness", Severity.BLOCKING, ViolationStatus.BREACH, Instant.now());
        sla.awaitJson("/api/alerts?active=true", alerts -> alerts.size() == 1);
    }

    @AfterAll
    static void stop() {
        if (sla != null) {
            sla.close();
        }
    }

    @Test
    void aRequestWithoutCredentialsIsRefusedWith401NamingTheAuthorizationField() {
        for (String path : new String[] {"/api/alerts", "/api/catalog", "/api/summary", "/api/violations", "/api/products/" + SPEND}) {
            Answer answer = sla.anonymous().get(path);
            assertThat(answer.status()).as(path).isEqualTo(401);
            assertThat(answer.body().get("field").asText()).as(path).isEqualTo("Authorization");
            assertThat(answer.header("WWW-Authenticate")).as(path).startsWith("Bearer");
        }
        assertThat(sla.anonymous().post(ALERT + "/acknowledge", "{}").status()).isEqualTo(401);
        assertThat(sla.withAuthorization("Bearer not-a-token").get("/api/alerts").status()).isEqualTo(401);
    }

    @Test
    void aViewerReadsButActingOnAnAlertIs403NamingTheOperatorRole() {
        SlaService vera = sla.as(SlaService.VIEWER);
        assertThat(vera.get("/api/alerts").status()).isEqualTo(200);
        Answer refused = vera.post(ALERT + "/snooze", "{\"minutes\": 5}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("role").asText()).isEqualTo("operator");
        assertThat(refused.body().get("error").asText()).contains("vera", "operator");
    }

    @Test
    void theActorOfACommandIsTheAuthenticatedUserNeverAnotherNameInTheBody() {
        String other = "/api/alerts/" + SPEND + "/schema.valid";
        sla.violation(SPEND, "schema.valid", Severity.WARNING, ViolationStatus.BREACH, Instant.now());
        sla.awaitJson("/api/alerts?productId=" + SPEND, alerts -> alerts.size() == 2);

        Answer impostor = sla.post(other + "/acknowledge", "{\"actor\": \"mallory\"}");
        assertThat(impostor.status()).isEqualTo(400);
        assertThat(impostor.body().get("field").asText()).isEqualTo("actor");
        assertThat(impostor.body().get("error").asText()).contains("ana", "mallory");

        assertThat(sla.post(other + "/acknowledge", "{\"reason\": \"on it\"}").status()).isEqualTo(202);
        sla.awaitJson("/api/alerts/" + SPEND + "/schema.valid", alert -> "ana".equals(alert.path("acknowledgedBy").asText()));
    }

    @Test
    void basicCredentialsOfTheUsersFileAuthenticateAndAWrongPasswordDoesNot() {
        assertThat(sla.withAuthorization(basic("vera", "demo")).get("/api/alerts").status()).isEqualTo(200);
        assertThat(sla.withAuthorization(basic("vera", "guess")).get("/api/alerts").status()).isEqualTo(401);
        assertThat(sla.withAuthorization(basic("nobody", "demo")).get("/api/alerts").status()).isEqualTo(401);
        Answer forbidden = sla.withAuthorization(basic("vera", "demo")).post(ALERT + "/resolve", "{}");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body().get("role").asText()).isEqualTo("operator");
        assertThat(sla.anonymous().post("/login", "{\"username\": \"ana\", \"password\": \"guess\"}").status()).isEqualTo(401);
    }

    @Test
    void probesTheDashboardAndTheSessionStayOpenWithoutCredentials() {
        SlaService anonymous = sla.anonymous();
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(anonymous.text("/prometheus")).contains("# TYPE");
        assertThat(anonymous.text("/dashboard/index.html")).contains("Open alerts");
        Answer session = anonymous.get("/api/session");
        assertThat(session.body().get("securityEnabled").asBoolean()).isTrue();
        assertThat(session.body().path("user").asText(null)).isNull();
        Answer operator = sla.get("/api/session");
        assertThat(operator.body().get("user").asText()).isEqualTo("ana");
        assertThat(operator.body().get("roles")).extracting(Object::toString).contains("\"operator\"", "\"viewer\"");
    }

    @Test
    void everyAnswerCarriesTheBrowserPolicyRefusalsIncluded() {
        for (Answer answer : new Answer[] {sla.get("/api/alerts"), sla.anonymous().get("/api/alerts"),
                sla.anonymous().get("/dashboard/index.html"), sla.anonymous().get("/dashboard/dashboard.js"),
                sla.anonymous().get("/api/no-such-thing")}) {
            assertThat(answer.header("Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'",
                    "object-src 'none'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
    }

    @Test
    void withSecurityOffEveryRequestIsAllowedAndTheBodyNamesTheActor(EmbeddedKafkaBroker kafka, @TempDir Path stateDir) {
        try (SlaService open = new SlaService(kafka.bootstrapServers(), stateDir, Map.of("meshwarden.security.enabled", "false",
                "meshwarden.topic.prefix", "open.", "meshwarden.application.id.prefix", "open"))) {
            open.contract(Samples.contract(SPEND));
            open.violation(SPEND, "freshness", Severity.BLOCKING, ViolationStatus.BREACH, Instant.now());
            open.awaitJson("/api/alerts?active=true", alerts -> alerts.size() == 1);
            assertThat(open.get("/api/session").body().get("securityEnabled").asBoolean()).isFalse();
            assertThat(open.post(ALERT + "/acknowledge", "{}").body().get("field").asText()).isEqualTo("actor");
            assertThat(open.post(ALERT + "/acknowledge", "{\"actor\": \"zoe\"}").status()).isEqualTo(202);
            open.awaitJson(ALERT, alert -> "zoe".equals(alert.path("acknowledgedBy").asText()));
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
