package io.meshwarden.sla.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.sla.api.RequestRejectedException;
import io.meshwarden.sla.cluster.KeyOwners.Candidate;
import io.meshwarden.sla.cluster.PeerClient.PeerReply;
import io.meshwarden.streams.StoreUnavailableException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the API's reads for the whole cluster of SLA monitor instances sharing one application id.
 * <ul>
 * <li>{@link #byKey}: one product's read goes to the instance running that product's partition
 * ({@link StoreLocator}): answered here when that is this instance, else by a GET of the same path
 * to it, in the local {@link Scope}, so it is never forwarded again. If it does not answer (down,
 * restoring, too slow), each standby copy is asked in turn, stale reads allowed, and the answer
 * reports the lag. A 4xx of the owner (an unknown product) is the answer.</li>
 * <li>{@link #fanOut}: a list asks every instance for the partitions it runs, in parallel, each
 * within the peer timeout; the partitions of instances that did not answer are asked of a standby
 * copy; the parts are merged. Partitions nobody answered for make the answer partial, said in its
 * {@link Coverage} headers, never silently short.</li>
 * </ul>
 * A request already in the local scope is answered from this instance's stores and nothing else.
 */
@Singleton
public class ClusterReader {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterReader.class);
    private static final ObjectMapper ERRORS = new ObjectMapper();
    private static final Duration OWN_COPY_RETRY = Duration.ofMillis(50);

    private final StoreLocator locator;
    private final LocalStores stores;
    private final PeerClient peers;
    private final JsonMapper json;
    private final Duration settle;

    public ClusterReader(StoreLocator locator, LocalStores stores, PeerClient peers, JsonMapper json,
                         MeshwardenConfig config) {
        this.settle = Duration.ofMillis(config.getLong(Settings.SLA_READ_SETTLE_MS));
        this.locator = locator;
        this.stores = stores;
        this.peers = peers;
        this.json = json;
    }

    /**
     * One read as any instance answers it.
     *
     * @param store  the store whose partitions decide who answers
     * @param path   raw path and query the peers are asked at (usually the client's own, {@link #pathOf})
     * @param local  the answer from a view of this instance's stores
     * @param decode the answer from a peer's JSON body
     */
    public record Read<T>(String store, String path, Function<StoreView, T> local, Function<String, T> decode) {
    }

    /**
     * The product's read, from the instance holding its partition. When no copy answers while the group is
     * still settling (this instance rebalancing, the partition's owners changing between tries, or this
     * instance named as an owner whose copy is not open yet), the owners are asked again, each host that
     * failed once left out, until {@code meshwarden.sla.read.settle.ms} after the request began; then 503.
     */
    public <T> Answer<T> byKey(Scope scope, String productId, Read<T> read) {
        if (scope.local()) {
            return local(scope, read);
        }
        long deadline = System.nanoTime() + settle.toNanos();
        List<HostInfo> unanswered = new ArrayList<>();
        KeyOwners owners = locator.owners(read.store(), productId);
        while (true) {
            Optional<Answer<T>> answer = askOwners(owners, unanswered, read);
            if (answer.isPresent()) {
                return new Answer<>(answer.get().body(),
                        answer.get().coverage().and(Coverage.missing(read.store(), List.of(), unanswered)));
            }
            Optional<KeyOwners> next = System.nanoTime() < deadline && pause()
                    ? settling(owners, productId, read.store()) : Optional.empty();
            if (next.isEmpty()) {
                throw new InstancesUnavailableException(read.store(), owners.partition(),
                        Coverage.missing(read.store(), List.of(owners.partition()), unanswered));
            }
            owners = next.get();
        }
    }

    /**
     * One round over the key's owners: each copy not yet failed in this request (this instance's own is
     * always asked again), then this instance's own copy read stale.
     */
    private <T> Optional<Answer<T>> askOwners(KeyOwners owners, List<HostInfo> unanswered, Read<T> read) {
        HostInfo self = locator.self(read.store());
        for (Candidate candidate : owners.candidates()) {
            if (unanswered.contains(candidate.host()) && !candidate.host().equals(self)) {
                continue;
            }
            Scope asked = Scope.ofPartitions(Set.of(owners.partition()), candidate.stale());
            Optional<Answer<T>> answer = ask(candidate.host(), asked, read);
            if (answer.isPresent()) {
                return answer;
            }
            if (!unanswered.contains(candidate.host())) {
                unanswered.add(candidate.host());
            }
        }
        return ownCopy(owners.partition(), System.nanoTime(), read);
    }

    /**
     * The owners to try next while the group has not settled on them; empty once it has (the read then
     * has its answer: nobody can give it). Owners not known while rebalancing are the last ones known.
     */
    private Optional<KeyOwners> settling(KeyOwners last, String productId, String store) {
        boolean rebalancing = locator.rebalancing();
        KeyOwners now;
        try {
            now = locator.owners(store, productId);
        } catch (StoreUnavailableException e) {
            return rebalancing ? Optional.of(last) : Optional.empty();
        }
        boolean selfOwns = now.hosts().contains(locator.self(store));
        return rebalancing || selfOwns || !now.equals(last) ? Optional.of(now) : Optional.empty();
    }

    /** The read from every instance, merged; partial (and said so) where no copy of a partition answered. */
    public <T> Answer<T> fanOut(Scope scope, Read<T> read, Function<List<T>, T> merge) {
        if (scope.local()) {
            return local(scope, read);
        }
        StorePlacement placement = locator.placement(read.store());
        List<T> parts = new ArrayList<>();
        Coverage coverage = Coverage.none();
        List<HostInfo> unanswered = new ArrayList<>();
        SortedSet<Integer> missing = new TreeSet<>(placement.partitions());
        for (boolean stale : new boolean[] {false, true}) {
            Map<HostInfo, SortedSet<Integer>> round = stale ? placement.byStandbyHost(missing, unanswered)
                    : placement.byActiveHost();
            for (Map.Entry<HostInfo, Optional<Answer<T>>> reply : askAll(round, stale, read).entrySet()) {
                if (reply.getValue().isPresent()) {
                    parts.add(reply.getValue().get().body());
                    coverage = coverage.and(reply.getValue().get().coverage());
                    missing.removeAll(round.get(reply.getKey()));
                } else if (!unanswered.contains(reply.getKey())) {
                    unanswered.add(reply.getKey());
                }
            }
        }
        long deadline = System.nanoTime() + peers.timeout().toNanos();
        for (int partition : List.copyOf(missing)) {
            Optional<Answer<T>> ownCopy = ownCopy(partition, deadline, read);
            if (ownCopy.isPresent()) {
                parts.add(ownCopy.get().body());
                coverage = coverage.and(ownCopy.get().coverage());
                missing.remove(partition);
            }
        }
        return new Answer<>(merge.apply(parts), coverage.and(Coverage.missing(read.store(), missing, unanswered)));
    }

    /**
     * The last resort for a partition no listed copy answered: this instance's own copy read stale, with
     * its lag. Right after a peer dies, the assignment makes this instance the active one of a partition
     * whose task is still restoring from its standby copy; a fresh read refuses it for those seconds,
     * a stale one answers and says how far behind it is. While the group rebalances, a standby task
     * turning active is closed and reopened, so for a moment there is no copy to read: the read is tried
     * again until {@code deadline} (one peer timeout after the last resort began). Empty when this instance holds no
     * copy, or still none at the deadline.
     */
    private <T> Optional<Answer<T>> ownCopy(int partition, long deadline, Read<T> read) {
        Scope scope = Scope.ofPartitions(Set.of(partition), true);
        while (true) {
            try {
                return Optional.of(local(scope, read));
            } catch (StoreUnavailableException e) {
                if (e.state() != KafkaStreams.State.REBALANCING || System.nanoTime() >= deadline || !pause()) {
                    LOG.debug("This instance has no readable copy of partition {} of {}: {}", partition, read.store(),
                            e.getMessage());
                    return Optional.empty();
                }
            }
        }
    }

    /** Waits {@link #OWN_COPY_RETRY}; false when interrupted (the request is being cancelled). */
    private static boolean pause() {
        try {
            Thread.sleep(OWN_COPY_RETRY.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A decoder of peers' JSON bodies into this type, with the service's own JSON mapping. */
    public <T> Function<String, T> json(Argument<T> type) {
        return body -> {
            try {
                return json.readValue(body, type);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable answer of a peer: " + e.getMessage(), e);
            }
        };
    }

    /** The raw path and query of a client's request, to ask peers the same. */
    public static String pathOf(HttpRequest<?> request) {
        URI uri = request.getUri();
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private <T> Answer<T> local(Scope scope, Read<T> read) {
        StoreView view = stores.view(scope);
        T body = read.local().apply(view);
        return new Answer<>(body, Coverage.answered(locator.self(read.store()), view.lags(read.store())));
    }

    /** Asks every host at once (peers in parallel, this instance meanwhile), each for its partitions. */
    private <T> Map<HostInfo, Optional<Answer<T>>> askAll(Map<HostInfo, SortedSet<Integer>> round, boolean stale, Read<T> read) {
        HostInfo self = locator.self(read.store());
        Map<HostInfo, CompletableFuture<PeerReply>> remote = new LinkedHashMap<>();
        round.forEach((host, partitions) -> {
            if (!host.equals(self)) {
                remote.put(host, peers.get(host, read.path(), Scope.ofPartitions(partitions, stale)));
            }
        });
        Map<HostInfo, Optional<Answer<T>>> replies = new LinkedHashMap<>();
        if (round.containsKey(self)) {
            replies.put(self, askSelf(Scope.ofPartitions(round.get(self), stale), read));
        }
        remote.forEach((host, reply) -> replies.put(host, answer(host, reply, read, false)));
        return replies;
    }

    /** One host's answer for one product; its 4xx is the answer. */
    private <T> Optional<Answer<T>> ask(HostInfo host, Scope scope, Read<T> read) {
        if (host.equals(locator.self(read.store()))) {
            return askSelf(scope, read);
        }
        return answer(host, peers.get(host, read.path(), scope), read, true);
    }

    private <T> Optional<Answer<T>> askSelf(Scope scope, Read<T> read) {
        try {
            return Optional.of(local(scope, read));
        } catch (StoreUnavailableException e) {
            LOG.debug("This instance cannot answer {} for partitions {} of {}: {}", read.path(), scope.partitions(),
                    read.store(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The peer's answer, or empty when it did not give one (no connection, timeout, 5xx, unreadable).
     *
     * @param rejectionAnswers whether a 4xx is the answer (one product's read) rather than a failure (a part of a list)
     */
    private <T> Optional<Answer<T>> answer(HostInfo host, CompletableFuture<PeerReply> pending, Read<T> read,
                                           boolean rejectionAnswers) {
        PeerReply reply;
        try {
            reply = pending.join();
        } catch (RuntimeException e) {
            LOG.warn("SLA monitor instance {} did not answer {} within {}: {}", Coverage.address(host), read.path(),
                    peers.timeout(), rootMessage(e));
            return Optional.empty();
        }
        if (reply.status() == HttpStatus.OK.getCode()) {
            try {
                return Optional.of(new Answer<>(read.decode().apply(reply.body()),
                        Coverage.answered(host, Coverage.lags(reply.standbyLag()))));
            } catch (RuntimeException e) {
                LOG.warn("SLA monitor instance {} answered {} with a body this instance cannot read: {}",
                        Coverage.address(host), read.path(), e.getMessage());
                return Optional.empty();
            }
        }
        if (reply.status() >= 400 && reply.status() < 500) {
            if (rejectionAnswers) {
                throw rejection(reply);
            }
            LOG.warn("SLA monitor instance {} refused {} with {}: {}", Coverage.address(host), read.path(), reply.status(),
                    reply.body());
        } else {
            LOG.debug("SLA monitor instance {} could not answer {}: {} {}", Coverage.address(host), read.path(),
                    reply.status(), reply.body());
        }
        return Optional.empty();
    }

    /** The owner's refusal as this instance's own: same status, same field. */
    private static RequestRejectedException rejection(PeerReply reply) {
        String field = null;
        String error = reply.body();
        try {
            JsonNode body = ERRORS.readTree(reply.body());
            field = body.path("field").isTextual() ? body.get("field").asText() : null;
            error = body.path("error").isTextual() ? body.get("error").asText() : error;
        } catch (IOException e) {
            // Not this API's error body; its text is the message.
        }
        return new RequestRejectedException(HttpStatus.valueOf(reply.status()), field, error);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
