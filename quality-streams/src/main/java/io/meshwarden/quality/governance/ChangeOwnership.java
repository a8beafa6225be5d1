package io.meshwarden.quality.governance;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.Evaluation;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.PolicySetRef;
import io.meshwarden.schemas.DomainChangeTopics;
import io.meshwarden.streams.Ingress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Refuses a contract change that arrived on one domain's change topic but names another domain's
 * product. The broker lets only a domain's principal write its topic, so the topic is the publisher's
 * authenticated domain; the contract's own {@code domain} field and its product id are claims. The topic
 * comes from the {@link Ingress} stamp, which the topology sets from the record's real metadata (a
 * producer's own header of that name is replaced). Changes on the shared topic are not checked: that
 * topic is for unsecured deployments, where nothing authenticates a domain anyway.
 */
final class ChangeOwnership {
    static final String RULE_ID = "access.change-topic-domain";
    /** The check is the platform's, not a policy set's; decisions name it like one so that readers see who refused. */
    static final PolicySetRef PLATFORM = new PolicySetRef("platform.access", "1");

    private final DomainChangeTopics changeTopics;

    ChangeOwnership(DomainChangeTopics changeTopics) {
        this.changeTopics = changeTopics;
    }

    /** A blocking evaluation if the change's product is not the topic's domain's; empty if it is, or on the shared topic. */
    Optional<Evaluation> refusal(Headers headers, ContractChange change) {
        Optional<String> topicDomain = changeTopics.domainOf(ingressTopic(headers));
        if (topicDomain.isEmpty()) {
            return Optional.empty();
        }
        String domain = topicDomain.get();
        String claimed = change.getContract().getDomain();
        if (domain.equals(claimed) && change.getProductId().startsWith(domain + ".")) {
            return Optional.empty();
        }
        return Optional.of(new Evaluation(PLATFORM, List.of(new Finding(RULE_ID, ViolationCategory.METADATA, Severity.BLOCKING,
                "change of " + change.getProductId() + " (domain '" + claimed + "') arrived on the change topic of domain '"
                        + domain + "'; a domain publishes changes of its own products only"))));
    }

    private static String ingressTopic(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(Ingress.TOPIC_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
