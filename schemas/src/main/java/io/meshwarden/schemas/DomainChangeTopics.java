package io.meshwarden.schemas;

import io.meshwarden.avro.ContractChange;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract-change topic of each domain, {@code <prefix>products.changes.<domain>}: on a secured
 * cluster only that domain's principal may write it (see {@code BaselineAcls}), so the broker, not the
 * publisher's good faith, decides which domain a change came from. The governance topology reads the
 * shared {@link Topics#CONTRACT_CHANGES} topic (kept for unsecured deployments) and every domain's topic
 * through {@link #all()}, and refuses a change on a domain's topic whose product belongs to another domain.
 */
public final class DomainChangeTopics {
    /** Domain names as product ids spell them: lower-case kebab segments, never a dot. */
    private static final String DOMAIN = "[a-z0-9]+(?:-[a-z0-9]+)*";

    private final Topic<String, ContractChange> shared;
    private final Pattern all;

    public DomainChangeTopics(TopicCatalog topics) {
        this.shared = topics.topic(Topics.CONTRACT_CHANGES);
        this.all = Pattern.compile(Pattern.quote(shared.name()) + "(?:\\.(" + DOMAIN + "))?");
    }

    /** The topic only {@code domain} writes its contract changes to. */
    public Topic<String, ContractChange> of(String domain) {
        String name = shared.name() + "." + domain;
        if (!all.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain name (lower-case kebab case)");
        }
        return new Topic<>(name, shared.keySerde(), shared.valueSerde(), false,
                "contract changes of domain " + domain + ", written by that domain alone; key: product id");
    }

    /** The shared change topic and every domain's. */
    public Pattern all() {
        return all;
    }

    /** The domain whose change topic {@code topic} is; empty for the shared topic or any other topic. */
    public Optional<String> domainOf(String topic) {
        Matcher matcher = all.matcher(topic == null ? "" : topic);
        return matcher.matches() ? Optional.ofNullable(matcher.group(1)) : Optional.empty();
    }
}
