package io.meshwarden.sla.api;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;

/**
 * A validated violation search: optional product id, domain, rule and status filters, and a page of
 * the newest matches ({@code offset} matches skipped, at most {@code limit} returned). Built from raw
 * query parameters; a bad one is an {@link InvalidParameterException} naming it.
 *
 * @param productId exact product id, or null for every product
 * @param domain    exact domain, or null for every domain
 * @param ruleId    exact rule id (SLA kind or policy rule), or null for every rule
 * @param status    BREACH or RECOVERY, or null for both
 * @param offset    0 to {@link #MAX_OFFSET}
 * @param limit     1 to {@link #MAX_LIMIT}
 */
public record ViolationQuery(String productId, String domain, String ruleId, ViolationStatus status, int offset, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    public static final int MAX_OFFSET = 1_000_000;

    public ViolationQuery(String productId, String domain, ViolationStatus status, int limit) {
        this(productId, domain, null, status, 0, limit);
    }

    /** Parses query parameters without rule filter or offset; null or blank means absent. */
    public static ViolationQuery parse(String productId, String domain, String status, String limit) {
        return parse(productId, domain, null, status, null, limit);
    }

    /** Parses query parameters; null or blank means absent. */
    public static ViolationQuery parse(String productId, String domain, String ruleId, String status, String offset,
                                       String limit) {
        return parse(productId, domain, ruleId, status, offset, limit, MAX_LIMIT);
    }

    /**
     * Parses query parameters with another bound on {@code limit}: an instance asked for its part of a
     * page ({@link #window}) returns every match up to the end of that page, up to
     * {@link #MAX_OFFSET} + {@link #MAX_LIMIT}.
     */
    public static ViolationQuery parse(String productId, String domain, String ruleId, String status, String offset,
                                       String limit, int maxLimit) {
        return new ViolationQuery(Params.blankToNull(productId), Params.blankToNull(domain), Params.blankToNull(ruleId),
                Params.enumValue("status", ViolationStatus.class, status),
                Params.intValue("offset", offset, 0, MAX_OFFSET, 0),
                Params.intValue("limit", limit, 1, maxLimit, DEFAULT_LIMIT));
    }

    /**
     * What each instance must return so that the merge of their answers holds this page: its newest
     * {@code offset + limit} matches. The page is cut after the merge.
     */
    public ViolationQuery window() {
        return new ViolationQuery(productId, domain, ruleId, status, 0, offset + limit);
    }

    public boolean matches(Violation violation) {
        return (productId == null || productId.equals(violation.getProductId()))
                && (domain == null || domain.equals(violation.getDomain()))
                && (ruleId == null || ruleId.equals(violation.getRuleId()))
                && (status == null || status == violation.getStatus());
    }
}
