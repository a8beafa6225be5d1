package io.meshwarden.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.AccessAction;
import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessAuditKind;
import io.meshwarden.avro.AccessCommand;
import io.meshwarden.avro.AccessOutcome;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.AccessState;
import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessTopologyTest {
    static final Instant T0 = Samples.T0;
    static final String PII_PRODUCT = "paid-media.campaign-performance";
    static final String PLAIN_PRODUCT = "content.article-views";
    static final String TEAM = "User:paid-media-team";
    static final String STEWARD = "User:steward@paid-media.example";
    static final String ANALYST = "User:analytics";

    @AutoClose
    TopologyFixture fixture = TopologyFixture.start(AccessTopology.APPLICATION_SUFFIX, T0,
            (topics, properties) -> AccessTopology.build(topics, Duration.ofSeconds(1), properties));
    TestInputTopic<String, AccessCommand> commands = fixture.input(Topics.ACCESS_COMMANDS);
    TestOutputTopic<String, AccessRequest> requests = fixture.output(Topics.ACCESS_REQUESTS);
    TestOutputTopic<String, AccessAuditEvent> audit = fixture.output(Topics.ACCESS_AUDIT);

    @BeforeEach
    void catalog() {
        TestInputTopic<String, DataProductContract> catalog = fixture.input(Topics.CATALOG);
        catalog.pipeInput(PII_PRODUCT, Samples.contract(PII_PRODUCT));
        DataProductContract plain = Samples.contract(PLAIN_PRODUCT);
        plain.setFields(List.of(Samples.field("article_id", false, true)));
        plain.setClassification(Classification.INTERNAL);
        catalog.pipeInput(PLAIN_PRODUCT, plain);
    }

    @Test
    void aProductWithPiiNeedsTwoDistinctApprovers() {
        request("r1", PII_PRODUCT, ANALYST, "P30D");
        act("r1", AccessAction.APPROVE, TEAM);
        act("r1", AccessAction.APPROVE, "User:Paid-Media-Team");
        act("r1", AccessAction.APPROVE, STEWARD);

        assertThat(kinds()).containsExactly(AccessAuditKind.REQUESTED, AccessAuditKind.APPROVAL_RECORDED, AccessAuditKind.REFUSED,
                AccessAuditKind.APPROVED);
        List<AccessRequest> states = requests.readValuesToList();
        assertThat(states).extracting(AccessRequest::getState).containsExactly(AccessState.PENDING, AccessState.PENDING,
                AccessState.APPROVED);
        AccessRequest approved = states.get(2);
        assertThat(approved.getRequiredApprovals()).isEqualTo(2);
        assertThat(approved.getApprovers()).containsExactly(TEAM, STEWARD);
        assertThat(approved.getTopics()).containsExactly(PII_PRODUCT + ".v1");
        assertThat(approved.getExpiresAt()).isEqualTo(approved.getApprovedAt().plus(Duration.ofDays(30)));
    }

    @Test
    void aSecondApprovalBySameApproverIsRefusedWithTheReason() {
        request("r1", PII_PRODUCT, ANALYST, "P30D");
        act("r1", AccessAction.APPROVE, TEAM);
        act("r1", AccessAction.APPROVE, TEAM);

        AccessAuditEvent refused = audit.readValuesToList().get(2);
        assertThat(refused.getOutcome()).isEqualTo(AccessOutcome.REFUSED);
        assertThat(refused.getReason()).contains("already approved").contains("four eyes");
        assertThat(fixture.<AccessRequest>store(AccessStores.REQUESTS).get("r1").getState()).isEqualTo(AccessState.PENDING);
    }

    @Test
    void oneApprovalGrantsAnInternalProductWithoutPii() {
        request("r1", PLAIN_PRODUCT, ANALYST, "PT12H");
        act("r1", AccessAction.APPROVE, "User:steward@content.example");

        assertThat(kinds()).containsExactly(AccessAuditKind.REQUESTED, AccessAuditKind.APPROVED);
        assertThat(fixture.<AccessRequest>store(AccessStores.REQUESTS).get("r1").getRequiredApprovals()).isEqualTo(1);
    }

    @Test
    void aRequesterNeverApprovesTheirOwnRequest() {
        commands.pipeInput("r1", command("r1", AccessAction.REQUEST, TEAM).setProductId(PII_PRODUCT).setPrincipal("User:paid-media-team")
                .setPurpose("backfill").setDuration("P7D").build());
        act("r1", AccessAction.APPROVE, TEAM);

        AccessAuditEvent refused = audit.readValuesToList().get(1);
        assertThat(refused.getKind()).isEqualTo(AccessAuditKind.REFUSED);
        assertThat(refused.getReason()).contains("may not approve their own request");
        assertThat(refused.getActor()).isEqualTo(TEAM);
    }

    @Test
    void anApproverTheContractDoesNotNameIsRefused() {
        request("r1", PII_PRODUCT, ANALYST, "P30D");
        act("r1", AccessAction.APPROVE, "User:mallory");

        AccessAuditEvent refused = audit.readValuesToList().get(1);
        assertThat(refused.getOutcome()).isEqualTo(AccessOutcome.REFUSED);
        assertThat(refused.getReason()).contains("User:mallory may not approve").contains("paid-media-team");
    }

    @Test
    void aRejectedRequestCanNoLongerBeApproved() {
        request("r1", PII_PRODUCT, ANALYST, "P30D");
        commands.pipeInput("r1", command("r1", AccessAction.REJECT, STEWARD).setReason("no purpose for PII").build());
        act("r1", AccessAction.APPROVE, TEAM);

        assertThat(kinds()).containsExactly(AccessAuditKind.REQUESTED, AccessAuditKind.REJECTED, AccessAuditKind.REFUSED);
        AccessRequest rejected = fixture.<AccessRequest>store(AccessStores.REQUESTS).get("r1");
        assertThat(rejected.getState()).isEqualTo(AccessState.REJECTED);
        assertThat(rejected.getDecidedBy()).isEqualTo(STEWARD);
        assertThat(rejected.getReason()).isEqualTo("no purpose for PII");
    }

    @Test
    void aGrantIsProvisionedThenRevokedAndOnlyItsPeopleMayRevoke() {
        request("r1", PLAIN_PRODUCT, ANALYST, "P30D");
        act("r1", AccessAction.APPROVE, "User:content-team");
        act("r1", AccessAction.MARK_PROVISIONED, AccessRequestProcessor.EXPIRY_ACTOR);
        act("r1", AccessAction.REVOKE, "User:mallory");
        act("r1", AccessAction.REVOKE, "User:content-team");
        act("r1", AccessAction.REVOKE, "User:content-team");

        assertThat(kinds()).containsExactly(AccessAuditKind.REQUESTED, AccessAuditKind.APPROVED, AccessAuditKind.PROVISIONED,
                AccessAuditKind.REFUSED, AccessAuditKind.REVOKED, AccessAuditKind.REFUSED);
        assertThat(requests.readValuesToList()).extracting(AccessRequest::getState).containsExactly(AccessState.PENDING,
                AccessState.APPROVED, AccessState.PROVISIONED, AccessState.REVOKED);
    }

    @Test
    void aGrantExpiresByWallClockPunctuationWithoutAnyCommand() {
        request("r1", PLAIN_PRODUCT, ANALYST, "PT10S");
        act("r1", AccessAction.APPROVE, "User:content-team");
        audit.readValuesToList();

        fixture.driver().advanceWallClockTime(Duration.ofSeconds(9));
        assertThat(audit.isEmpty()).isTrue();
        fixture.driver().advanceWallClockTime(Duration.ofSeconds(2));

        AccessAuditEvent expired = audit.readValue();
        assertThat(expired.getKind()).isEqualTo(AccessAuditKind.EXPIRED);
        assertThat(expired.getFromState()).isEqualTo("APPROVED");
        assertThat(expired.getToState()).isEqualTo("EXPIRED");
        assertThat(fixture.<AccessRequest>store(AccessStores.REQUESTS).get("r1").getState()).isEqualTo(AccessState.EXPIRED);
        fixture.driver().advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(audit.isEmpty()).as("expires once").isTrue();
    }

    @Test
    void aRequestForAnUnknownProductIsRefusedWithTheReason() {
        request("r1", "paid-media.nothing", ANALYST, "P30D");

        AccessAuditEvent refused = audit.readValue();
        assertThat(refused.getOutcome()).isEqualTo(AccessOutcome.REFUSED);
        assertThat(refused.getReason()).contains("unknown product 'paid-media.nothing'");
        assertThat(requests.isEmpty()).isTrue();
        assertThat(fixture.<AccessRequest>store(AccessStores.REQUESTS).get("r1")).isNull();
    }

    @Test
    void badDurationsAndPrincipalsAreRefusedNamingTheField() {
        request("r1", PLAIN_PRODUCT, ANALYST, "30 days");
        request("r2", PLAIN_PRODUCT, ANALYST, "P400D");
        request("r3", PLAIN_PRODUCT, "analytics", "P30D");

        assertThat(audit.readValuesToList()).extracting(AccessAuditEvent::getReason).satisfiesExactly(
                reason -> assertThat(reason).contains("duration must be ISO-8601"),
                reason -> assertThat(reason).contains("duration must be between"),
                reason -> assertThat(reason).contains("principal must be a Kafka principal User:<name>"));
    }

    @Test
    void anUndecodableCommandGoesToTheDeadLetterTopic() {
        fixture.rawInput(Topics.ACCESS_COMMANDS).pipeInput("r1".getBytes(StandardCharsets.UTF_8),
                "not a command".getBytes(StandardCharsets.UTF_8));

        TestRecord<byte[], byte[]> dead = fixture.deadLetters().readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not a command");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("undecodable");
        assertThat(audit.isEmpty()).isTrue();
    }

    private void request(String id, String product, String principal, String duration) {
        commands.pipeInput(id, command(id, AccessAction.REQUEST, "User:alice").setProductId(product).setPrincipal(principal)
                .setPurpose("campaign attribution").setDuration(duration).build());
    }

    private void act(String id, AccessAction action, String actor) {
        commands.pipeInput(id, command(id, action, actor).build());
    }

    private static AccessCommand.Builder command(String id, AccessAction action, String actor) {
        return AccessCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setRequestId(id).setAction(action)
                .setActor(actor).setIssuedAt(T0);
    }

    private List<AccessAuditKind> kinds() {
        return audit.readValuesToList().stream().map(AccessAuditEvent::getKind).toList();
    }
}
