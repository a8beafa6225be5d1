package io.meshwarden.streams;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the transactions that crashed instances of this application left open. Under
 * exactly-once every stream thread writes in a transaction ({@code transactional.id}
 * {@code <application.id>-<process id>-<thread>}); a process killed mid-transaction leaves it open,
 * and until it ends, {@code read_committed} readers of every partition it wrote stop at it, and the
 * instance taking over its tasks cannot even read their committed offsets. Kafka ends it only when
 * the same transactional id starts again (a restart on the same state directory, same process id)
 * or after {@code transaction.timeout.ms} (10 s under Streams) plus the broker's scan for expired
 * transactions (every 10 s by default): up to 20 s without output.
 *
 * <p>So every instance looks, every second, for transactions of this application open
 * longer than a session timeout whose process id is not that of any member of the group (a
 * process that is in the group is alive, or will be dropped within a session), and fences their
 * transactional ids, which aborts them at once. A member's process id is read from its client id
 * ({@code <application.id>-<process id>-StreamThread-<n>-consumer}, Streams' default); if any
 * member's client id does not have that form (a deployment that sets {@code client.id}), nothing is
 * fenced and Kafka's timeouts apply.
 *
 * <p>Needs, beside what Streams needs, DESCRIBE on the cluster's transactional ids and WRITE on the
 * application's (to fence); without them it warns once and Kafka's timeouts apply.
 * Reads the group's members and the cluster's open transactions; fences transactional ids.
 */
final class AbandonedTransactions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AbandonedTransactions.class);
    private static final Pattern PROCESS_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final long ADMIN_TIMEOUT_S = 10;
    /** How often each instance checks: two small admin requests, so often enough to add at most a second to a failover. */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Admin admin;
    private final String applicationId;
    private final Duration sessionTimeout;
    private final ScheduledExecutorService scheduler;
    private volatile boolean warned;

    AbandonedTransactions(Admin admin, String applicationId, Duration sessionTimeout) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.sessionTimeout = sessionTimeout;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, applicationId + "-abandoned-transactions");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Checks every {@code interval} from now on, until {@link #close}. */
    void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::checkQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One check: fences what is abandoned and returns the transactional ids it fenced. */
    Set<String> fenceAbandoned() throws InterruptedException, ExecutionException, TimeoutException {
        Collection<TransactionListing> open = admin.listTransactions(new ListTransactionsOptions()
                        .filterStates(List.of(TransactionState.ONGOING)).filterOnDuration(sessionTimeout.toMillis()))
                .all().get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS);
        Set<String> ours = open.stream().map(TransactionListing::transactionalId)
                .filter(id -> processId(id).isPresent()).collect(Collectors.toCollection(TreeSet::new));
        if (ours.isEmpty()) {
            return Set.of();
        }
        Optional<Set<String>> alive = liveProcessIds();
        if (alive.isEmpty()) {
            return Set.of();
        }
        Set<String> abandoned = ours.stream().filter(id -> !alive.get().contains(processId(id).orElseThrow()))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!abandoned.isEmpty()) {
            admin.fenceProducers(abandoned).all().get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS);
            LOG.info("Kafka Streams {}: fenced {}, open for over {} and of no member of the group; their transactions are aborted",
                    applicationId, abandoned, sessionTimeout);
        }
        return abandoned;
    }

    /** The process id in a transactional or client id of this application, if it has Streams' form. */
    Optional<String> processId(String id) {
        String prefix = applicationId + "-";
        int end = prefix.length() + 36;
        if (!id.startsWith(prefix) || id.length() <= end || id.charAt(end) != '-') {
            return Optional.empty();
        }
        String candidate = id.substring(prefix.length(), end);
        return PROCESS_ID.matcher(candidate).matches() ? Optional.of(candidate) : Optional.empty();
    }

    /** The process ids of the group's members, or empty if one of them cannot be told. */
    private Optional<Set<String>> liveProcessIds() throws InterruptedException, ExecutionException, TimeoutException {
        Collection<MemberDescription> members = admin.describeConsumerGroups(List.of(applicationId)).describedGroups()
                .get(applicationId).get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS).members();
        Set<String> alive = new TreeSet<>();
        for (MemberDescription member : members) {
            Optional<String> processId = processId(member.clientId());
            if (processId.isEmpty()) {
                warnOnce("member client id '" + member.clientId() + "' does not name its process");
                return Optional.empty();
            }
            alive.add(processId.get());
        }
        return Optional.of(alive);
    }

    private void checkQuietly() {
        try {
            fenceAbandoned();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof RetriableException || cause instanceof TimeoutException) {
                // The next check tries again; Kafka's own timeouts still end the transactions meanwhile.
                LOG.debug("Kafka Streams {}: could not check for abandoned transactions", applicationId, e);
            } else {
                // Not allowed (ACLs on transactional ids or the group), or brokers too old to list by duration.
                warnOnce("cannot list the open transactions or the group, or fence (" + cause + ")");
            }
        }
    }

    private void warnOnce(String why) {
        if (!warned) {
            warned = true;
            LOG.warn("Kafka Streams {}: not fencing crashed instances' transactions: {}; they end after transaction.timeout.ms",
                    applicationId, why);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
