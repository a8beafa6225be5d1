package io.meshwarden.governance.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class BaselineAclsTest {
    private final BaselineAcls baseline = new BaselineAcls(TopicCatalog.defaults());

    private static DataProductContract product(String id, Classification classification) {
        return DataProductContract.newBuilder(Samples.contract(id)).setClassification(classification).build();
    }

    private final List<DataProductContract> catalog = List.of(
            product("paid-media.campaign-spend", Classification.PUBLIC),
            product("paid-media.audience-segments", Classification.RESTRICTED),
            product("email.send-engagement", Classification.INTERNAL),
            product("social.mentions", Classification.CONFIDENTIAL));

    @Test
    void aDomainWritesItsOwnTopicsByPrefixAndItsOwnChangeTopicOnly() {
        Set<AclBinding> acls = baseline.desired(catalog);
        assertThat(acls).contains(
                BaselineAcls.allow("User:paid-media", ResourceType.TOPIC, "paid-media.", PatternType.PREFIXED, AclOperation.WRITE),
                BaselineAcls.allow("User:paid-media", ResourceType.TOPIC, "mesh.products.changes.paid-media", PatternType.LITERAL,
                        AclOperation.WRITE),
                BaselineAcls.allow("User:paid-media", ResourceType.GROUP, "paid-media.", PatternType.PREFIXED, AclOperation.READ),
                BaselineAcls.allow("User:paid-media", ResourceType.TRANSACTIONAL_ID, "paid-media.", PatternType.PREFIXED,
                        AclOperation.WRITE));
        Set<String> writableByPaidMedia = acls.stream()
                .filter(acl -> acl.entry().principal().equals("User:paid-media") && acl.entry().operation() == AclOperation.WRITE
                        && acl.pattern().resourceType() == ResourceType.TOPIC)
                .map(acl -> acl.pattern().name()).collect(Collectors.toSet());
        assertThat(writableByPaidMedia).containsExactlyInAnyOrder("paid-media.", "mesh.products.changes.paid-media",
                "mesh.products.metrics");
    }

    @Test
    void readAccessFollowsClassification() {
        Set<AclBinding> acls = baseline.desired(catalog);
        assertThat(readersOf(acls, "paid-media.campaign-spend.v1")).containsExactly("User:*");
        assertThat(readersOf(acls, "email.send-engagement.v1"))
                .containsExactlyInAnyOrder("User:paid-media", "User:email", "User:social");
        assertThat(readersOf(acls, "paid-media.audience-segments.v1")).isEmpty();
        assertThat(readersOf(acls, "social.mentions.v1")).isEmpty();
    }

    @Test
    void aPortsOwnClassificationWinsOverItsProducts() {
        DataProductContract mixed = DataProductContract.newBuilder(product("content.articles", Classification.PUBLIC))
                .setOutputPorts(List.of(
                        OutputPort.newBuilder().setName("open").setTopic("content.articles.v1").setFormat("avro").build(),
                        OutputPort.newBuilder().setName("raw").setTopic("content.articles-raw.v1").setFormat("avro")
                                .setClassification(Classification.RESTRICTED).build()))
                .build();
        Set<AclBinding> acls = baseline.desired(List.of(mixed));
        assertThat(readersOf(acls, "content.articles.v1")).containsExactly("User:*");
        assertThat(readersOf(acls, "content.articles-raw.v1")).isEmpty();
    }

    @Test
    void everyPrincipalReadsTheCatalogAndViolationsButNoDomainWritesThem() {
        Set<AclBinding> acls = baseline.desired(catalog);
        assertThat(readersOf(acls, "mesh.products.catalog")).containsExactly("User:*");
        assertThat(readersOf(acls, "mesh.governance.violations")).containsExactly("User:*");
        assertThat(acls).noneMatch(acl -> acl.pattern().name().startsWith("mesh.governance")
                && acl.entry().operation() == AclOperation.WRITE);
    }

    @Test
    void onlyTheStewardsWriteThePolicyTopicsNoDomainDoes() {
        BaselineAcls withStewards = new BaselineAcls(TopicCatalog.defaults(), List.of("User:ana", "User:ben"));
        Set<AclBinding> acls = withStewards.desired(catalog);
        for (String topic : List.of("mesh.governance.policies", "mesh.governance.policy-approvals")) {
            assertThat(acls.stream().filter(acl -> acl.pattern().name().equals(topic)
                            && acl.entry().operation() == AclOperation.WRITE).map(acl -> acl.entry().principal()))
                    .as(topic).containsExactlyInAnyOrder("User:ana", "User:ben");
        }
        assertThat(acls).filteredOn(acl -> acl.entry().principal().equals("User:ana")
                        && acl.entry().operation() == AclOperation.WRITE)
                .extracting(acl -> acl.pattern().name())
                .containsExactlyInAnyOrder("mesh.governance.policies", "mesh.governance.policy-approvals");
        assertThat(baseline.desired(catalog)).as("no stewards configured: only the super users write them")
                .noneMatch(acl -> acl.pattern().name().startsWith("mesh.governance.polic")
                        && acl.entry().operation() == AclOperation.WRITE);
    }

    @Test
    void theStewardsComeFromTheSettingAndMustEachBeOnePrincipal() {
        BaselineAcls configured = BaselineAcls.of(io.meshwarden.config.MeshwardenConfig.defaults(java.util.Map.of(
                io.meshwarden.config.Settings.ACCESS_STEWARD_PRINCIPALS.key(), " User:ana , User:ben,")));
        assertThat(configured.stewards()).extracting(acl -> acl.entry().principal()).containsOnly("User:ana", "User:ben");
        for (String bad : List.of("ana", "User:*", "User:")) {
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                    .isThrownBy(() -> new BaselineAcls(TopicCatalog.defaults(), List.of(bad)))
                    .withMessageContaining("meshwarden.access.steward.principals");
        }
    }

    @Test
    void noAclEverAllowsADenyOrAHostRestriction() {
        assertThat(baseline.desired(catalog)).allSatisfy(acl -> {
            assertThat(acl.entry().host()).isEqualTo("*");
            assertThat(acl.entry().permissionType().name()).isEqualTo("ALLOW");
        });
    }

    @Test
    void theSameCatalogGivesTheSameAcls() {
        List<DataProductContract> reversed = new java.util.ArrayList<>(catalog);
        java.util.Collections.reverse(reversed);
        assertThat(baseline.desired(catalog)).isEqualTo(baseline.desired(reversed));
    }

    private static Set<String> readersOf(Set<AclBinding> acls, String topic) {
        return acls.stream()
                .filter(acl -> acl.pattern().resourceType() == ResourceType.TOPIC && acl.pattern().name().equals(topic)
                        && acl.entry().operation() == AclOperation.READ)
                .map(acl -> acl.entry().principal()).collect(Collectors.toSet());
    }
}
