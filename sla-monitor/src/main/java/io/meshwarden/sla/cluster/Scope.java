package io.meshwarden.sla.cluster;

import io.meshwarden.sla.api.InvalidParameterException;
import io.meshwarden.sla.api.Params;
import io.micronaut.http.HttpRequest;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which stores a read may use, as the request headers of the instance-to-instance protocol say it.
 * A request without {@value #SCOPE} is a client's: the instance answers for the whole cluster,
 * forwarding or fanning out. A request with {@code Meshwarden-Scope: local} is answered from this
 * instance's stores only and is never forwarded again; an instance sends it to its peers, and an
 * operator may send it to see one instance's share. {@value #PARTITIONS} narrows it to those
 * partitions (each one's store must be here, or the answer is 503); {@value #STALE}{@code : true}
 * lets it read standby copies, whose lag the answer reports.
 *
 * @param local      answer from this instance's stores only
 * @param partitions the partitions to read, or empty for every active partition of this instance
 * @param stale      standby (and restoring) copies may answer
 */
public record Scope(boolean local, SortedSet<Integer> partitions, boolean stale) {
    public static final String SCOPE = "Meshwarden-Scope";
    public static final String PARTITIONS = "Meshwarden-Partitions";
    public static final String STALE = "Meshwarden-Stale";
    static final String LOCAL = "local";

    /** A client's request: the whole cluster. */
    public static final Scope CLUSTER = new Scope(false, new TreeSet<>(), false);
    /** Every active partition of this instance, as the Prometheus gauges read them. */
    public static final Scope LOCAL_ACTIVE = new Scope(true, new TreeSet<>(), false);

    public Scope {
        partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
    }

    /** This instance only, these partitions, stale copies allowed or not. */
    static Scope ofPartitions(Set<Integer> partitions, boolean stale) {
        return new Scope(true, new TreeSet<>(partitions), stale);
    }

    /** The scope a request asks for; a bad header is a 400 naming it. */
    public static Scope of(HttpRequest<?> request) {
        String scope = request.getHeaders().get(SCOPE);
        if (scope == null || scope.isBlank()) {
            return CLUSTER;
        }
        if (!LOCAL.equals(scope.trim().toLowerCase(Locale.ROOT))) {
            throw new InvalidParameterException(SCOPE, SCOPE + " must be '" + LOCAL + "' or absent, not '" + scope + "'");
        }
        return new Scope(true, parsePartitions(request.getHeaders().get(PARTITIONS)), parseStale(request.getHeaders().get(STALE)));
    }

    /** The headers that ask a peer for this scope. */
    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SCOPE, LOCAL);
        if (!partitions.isEmpty()) {
            headers.put(PARTITIONS, partitions.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        if (stale) {
            headers.put(STALE, "true");
        }
        return headers;
    }

    private static SortedSet<Integer> parsePartitions(String header) {
        SortedSet<Integer> partitions = new TreeSet<>();
        if (header == null || header.isBlank()) {
            return partitions;
        }
        try {
            Arrays.stream(header.split(",")).map(String::trim).map(Integer::parseInt).forEach(partitions::add);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(PARTITIONS, PARTITIONS + " must be partition numbers separated by commas, not '"
                    + header + "'");
        }
        if (partitions.first() < 0) {
            throw new InvalidParameterException(PARTITIONS, PARTITIONS + " must not be negative, not '" + header + "'");
        }
        return partitions;
    }

    private static boolean parseStale(String header) {
        return Boolean.TRUE.equals(Params.booleanValue(STALE, header));
    }
}
