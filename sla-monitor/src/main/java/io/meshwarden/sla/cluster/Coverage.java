package io.meshwarden.sla.cluster;

import io.micronaut.http.MutableHttpResponse;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;

/**
 * How much of the cluster's state an answer covers, told in response headers so that every body keeps
 * its contract: {@value #PARTIAL} ({@code true} when some partition was answered by no instance),
 * {@value #ANSWERED_BY} (instances that answered, {@code host:port}), {@value #UNANSWERED} (instances
 * asked that did not answer in time or at all), {@value #MISSING} (the {@code store/partition}s no
 * instance answered for) and {@value #STANDBY_LAG} ({@code store/partition=offsets} of every partition
 * read from a standby copy, and how many changelog records that copy is behind).
 */
public record Coverage(SortedSet<String> answeredBy, SortedSet<String> unanswered, SortedSet<String> missing,
                       SortedMap<String, Long> standbyLags) {
    public static final String PARTIAL = "Meshwarden-Partial";
    public static final String ANSWERED_BY = "Meshwarden-Answered-By";
    public static final String UNANSWERED = "Meshwarden-Unanswered";
    public static final String MISSING = "Meshwarden-Missing-Partitions";
    public static final String STANDBY_LAG = "Meshwarden-Standby-Lag";

    public Coverage {
        answeredBy = Collections.unmodifiableSortedSet(new TreeSet<>(answeredBy));
        unanswered = Collections.unmodifiableSortedSet(new TreeSet<>(unanswered));
        missing = Collections.unmodifiableSortedSet(new TreeSet<>(missing));
        standbyLags = Collections.unmodifiableSortedMap(new TreeMap<>(standbyLags));
    }

    /** Covers nothing and says nothing: the neutral part of a composed answer. */
    public static Coverage none() {
        return new Coverage(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeMap<>());
    }

    /** Answered by this instance, with these standby lags. */
    static Coverage answered(HostInfo host, Map<String, Long> standbyLags) {
        return new Coverage(new TreeSet<>(Set.of(address(host))), new TreeSet<>(), new TreeSet<>(), new TreeMap<>(standbyLags));
    }

    /** Nobody answered for these partitions of the store; these instances were asked. */
    static Coverage missing(String store, Collection<Integer> partitions, Collection<HostInfo> unanswered) {
        return new Coverage(new TreeSet<>(),
                unanswered.stream().map(Coverage::address).collect(Collectors.toCollection(TreeSet::new)),
                partitions.stream().map(partition -> key(store, partition)).collect(Collectors.toCollection(TreeSet::new)),
                new TreeMap<>());
    }

    public boolean partial() {
        return !missing.isEmpty();
    }

    /** Both answers' coverage: the parts of one answer composed from several reads. */
    public Coverage and(Coverage other) {
        SortedSet<String> answered = new TreeSet<>(answeredBy);
        answered.addAll(other.answeredBy);
        SortedSet<String> silent = new TreeSet<>(unanswered);
        silent.addAll(other.unanswered);
        SortedSet<String> lacking = new TreeSet<>(missing);
        lacking.addAll(other.missing);
        SortedMap<String, Long> lags = new TreeMap<>(standbyLags);
        lags.putAll(other.standbyLags);
        return new Coverage(answered, silent, lacking, lags);
    }

    /** Sets the headers on a response. */
    public <R> MutableHttpResponse<R> applyTo(MutableHttpResponse<R> response) {
        response.header(PARTIAL, Boolean.toString(partial()));
        response.header(ANSWERED_BY, String.join(",", answeredBy));
        if (!unanswered.isEmpty()) {
            response.header(UNANSWERED, String.join(",", unanswered));
        }
        if (!missing.isEmpty()) {
            response.header(MISSING, String.join(",", missing));
        }
        if (!standbyLags.isEmpty()) {
            response.header(STANDBY_LAG, standbyLags.entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(",")));
        }
        return response;
    }

    /** The lags a peer reported in its {@value #STANDBY_LAG} header; an unreadable entry is skipped. */
    static Map<String, Long> lags(String header) {
        Map<String, Long> lags = new TreeMap<>();
        if (header == null || header.isBlank()) {
            return lags;
        }
        Arrays.stream(header.split(",")).map(String::trim).forEach(entry -> {
            int at = entry.lastIndexOf('=');
            if (at > 0) {
                try {
                    lags.put(entry.substring(0, at), Long.parseLong(entry.substring(at + 1)));
                } catch (NumberFormatException e) {
                    // A peer of another version; its data still counts, only the lag is unknown.
                }
            }
        });
        return lags;
    }

    static String key(String store, int partition) {
        return store + "/" + partition;
    }

    static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
