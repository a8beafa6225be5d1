package io.meshwarden.local;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.QualityGuarantees;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo's marketing data products: six that comply with the global policies, and two that do
 * not (personal data classified internal; a product id and steward that break the naming and
 * ownership rules), so a newcomer sees governance reject them.
 */
final class DemoProducts {
    private DemoProducts() {
    }

    static List<DataProductContract> all() {
        return List.of(
                product("paid-media", "campaign-performance", "Spend, impressions and clicks per campaign and day",
                        Classification.INTERNAL, "google-ads", fields(f("campaign_id", true), f("spend_micros", true), f("clicks", true))),
                product("paid-media", "ad-spend-pacing", "Budget pacing of every active campaign", Classification.INTERNAL,
                        "meta-ads", fields(f("campaign_id", true), f("budget_micros", true), f("pacing_ratio", false))),
                product("email", "send-engagement", "Opens and clicks of every e-mail send", Classification.CONFIDENTIAL,
                        "salesforce-marketing-cloud", fields(f("send_id", true), pii("subscriber_email"), f("opened", false))),
                product("content", "engagement-metrics", "Page views and read time per article", Classification.PUBLIC,
                        "google-analytics", fields(f("article_id", true), f("page_views", true), f("read_seconds", false))),
                product("social", "post-reach", "Reach and engagement of organic posts", Classification.INTERNAL,
                        "linkedin", fields(f("post_id", true), f("reach", true), f("reactions", false))),
                product("marketing-ops", "lead-routing", "Which team each inbound lead was routed to",
                        Classification.CONFIDENTIAL, "hubspot", fields(f("lead_id", true), pii("lead_email"), f("team", true))),
                // Breaks classification.pii: customer e-mails and phone numbers in an internal product.
                product("customer-analytics", "lifecycle-stage", "Lifecycle stage of every known customer",
                        Classification.INTERNAL, "segment", fields(f("customer_id", true), pii("email"), pii("phone"), f("stage", true))),
                // Breaks naming.product-id and metadata.ownership: camel-case id, steward without an e-mail.
                withOwner(product("social", "InfluencerMentions", "Mentions of the brand by influencers", Classification.INTERNAL,
                        "brandwatch", fields(f("mention_id", true), f("influencer", true))), "social-listening", "Sam (social team)"));
    }

    private static DataProductContract product(String domain, String name, String description,
                                               Classification classification, String source, List<FieldSpec> fields) {
        String id = domain + "." + name;
        return DataProductContract.newBuilder()
                .setId(id)
                .setDomain(domain)
                .setName(name)
                .setVersion("1.0.0")
                .setStatus(ProductStatus.ACTIVE)
                .setOwner(Ownership.newBuilder().setTeam(domain + "-team").setSteward("steward@" + domain + ".example.com").build())
                .setDescription(description)
                .setDocumentationUrl("https://wiki.example.com/data-products/" + id)
                .setClassification(classification)
                .setOutputPorts(List.of(OutputPort.newBuilder().setName("events").setTopic(id + ".v1").setFormat("avro")
                        .setClassification(null).build()))
                .setProductSchema(null)
                .setFields(fields)
                .setGuarantees(QualityGuarantees.newBuilder().setCompletenessPercent(99.5)
                        .setFreshnessMaxAgeMs(Duration.ofHours(1).toMillis()).setAvailabilityPercent(99.9)
                        .setAccuracyTolerancePercent(null).setWindowMs(null).build())
                .setRetentionMs(Duration.ofDays(90).toMillis())
                .setUpstreamProducts(List.of())
                .setTags(List.of("demo", domain))
                .setSourcePlatform(source)
                .setSunsetDate(null)
                .setSuccessor(null)
                .setProperties(Map.of())
                .build();
    }

    private static DataProductContract withOwner(DataProductContract contract, String team, String steward) {
        return DataProductContract.newBuilder(contract)
                .setOwner(Ownership.newBuilder().setTeam(team).setSteward(steward).build()).build();
    }

    private static List<FieldSpec> fields(FieldSpec... fields) {
        return List.of(fields);
    }

    private static FieldSpec f(String name, boolean required) {
        return FieldSpec.newBuilder().setName(name).setDescription(name.replace('_', ' ')).setPii(false)
                .setRequired(required).setClassification(null).build();
    }

    private static FieldSpec pii(String name) {
        return FieldSpec.newBuilder(f(name, false)).setPii(true).build();
    }
}
