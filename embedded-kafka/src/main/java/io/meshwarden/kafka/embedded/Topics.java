package io.meshwarden.kafka.embedded;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Creates topics idempotently through the broker's admin client and waits until they can be used.
 *
 * <p>A topic that {@code CreateTopics} reports as created may still have partitions without a leader for a
 * moment; a producer that races ahead would see {@code UNKNOWN_TOPIC_OR_PARTITION}. Waiting for leaders
 * here spares every test its own retry loop. Waits poll with Awaitility, in the calling thread (so an
 * interrupt reaches the admin call) and without its test-only habit of failing on other threads'
 * uncaught exceptions.
 */
final class Topics {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final Admin admin;
    private final Duration timeout;

    Topics(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    void create(Collection<NewTopic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        topics.forEach(topic -> names.add(topic.name()));
        Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        results.forEach((name, result) -> {
            try {
                get(result);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new EmbeddedKafkaException("could not create topic " + name, e.getCause());
                }
            }
        });
        awaitLeaders(names);
    }

    /** Waits until the broker is registered, unfenced and answering metadata requests. */
    void awaitBrokerReady() {
        poll("broker to become ready", () -> !get(admin.describeCluster().nodes()).isEmpty());
    }

    /** Waits until {@code count} brokers are registered and unfenced. */
    void awaitNodes(int count) {
        poll(count + " brokers to become ready", () -> get(admin.describeCluster().nodes()).size() >= count);
    }

    void awaitLeaders(Set<String> names) {
        poll("leaders for topics " + names, () -> {
            Map<String, TopicDescription> descriptions = get(admin.describeTopics(names).allTopicNames());
            return descriptions.values().stream()
                    .flatMap(description -> description.partitions().stream())
                    .map(TopicPartitionInfo::leader)
                    .allMatch(leader -> leader != null && !leader.isEmpty());
        });
    }

    /**
     * Polls until the condition holds. A retriable admin error counts as "not yet" and, on timeout,
     * is the cause of the error; any other error ends the wait at once.
     */
    private void poll(String what, Condition condition) {
        AtomicReference<Throwable> lastFailure = new AtomicReference<>();
        try {
            Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL_INTERVAL)
                    .pollInSameThread().dontCatchUncaughtExceptions()
                    .until(() -> {
                        try {
                            return condition.holds();
                        } catch (ExecutionException e) {
                            if (!(e.getCause() instanceof RetriableException)) {
                                throw new EmbeddedKafkaException("failed waiting for " + what, e.getCause());
                            }
                            lastFailure.set(e.getCause());
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new EmbeddedKafkaException("timed out after " + timeout.toSeconds() + " s waiting for " + what,
                    lastFailure.get());
        }
    }

    private <T> T get(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while talking to the embedded broker", e);
        } catch (TimeoutException e) {
            throw new EmbeddedKafkaException("embedded broker did not answer within " + timeout.toSeconds() + " s", e);
        }
    }

    /** A readiness check that may fail with the admin client's wrapped error. */
    @FunctionalInterface
    private interface Condition {
        boolean holds() throws ExecutionException;
    }
}
