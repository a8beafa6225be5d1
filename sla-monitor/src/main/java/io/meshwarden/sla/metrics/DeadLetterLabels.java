package io.meshwarden.sla.metrics;

import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;

/**
 * The labels of a dead letter's count, bounded: its reason as Meshwarden names reasons (any other text is
 * {@value #OTHER}), and the domain its key names (the product id up to its first '.'), when that is a
 * domain-like name and one of the first {@link #MAX_DOMAINS} seen; else {@value #OTHER}, or {@value #NONE} for
 * a keyless record. Dead letters come from input nobody vetted: a label taken from them as they are would
 * let one producer create a Prometheus series per record.
 */
final class DeadLetterLabels {
    static final String OTHER = "other";
    static final String NONE = "none";
    static final int MAX_DOMAINS = 200;
    private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Set<String> REASONS = Arrays.stream(DeadLetterReason.values()).map(DeadLetterReason::headerValue)
            .collect(Collectors.toUnmodifiableSet());

    private final Set<String> domains = ConcurrentHashMap.newKeySet();

    String reason(Headers headers) {
        String reason = DeadLetter.header(headers, DeadLetter.REASON_HEADER);
        return reason != null && REASONS.contains(reason) ? reason : OTHER;
    }

    String domain(byte[] key) {
        if (key == null || key.length == 0) {
            return NONE;
        }
        String id = new String(key, StandardCharsets.UTF_8);
        int dot = id.indexOf('.');
        String domain = dot > 0 ? id.substring(0, dot) : id;
        if (!DOMAIN.matcher(domain).matches()) {
            return OTHER;
        }
        if (domains.contains(domain)) {
            return domain;
        }
        if (domains.size() < MAX_DOMAINS) {
            domains.add(domain);
            return domain;
        }
        return OTHER;
    }
}
