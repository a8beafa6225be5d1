package io.meshwarden.bench.standby;

import io.meshwarden.sla.SlaMonitor;
import io.meshwarden.sla.streams.SlaStores;
import io.meshwarden.sla.streams.SlaStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One SLA monitor of the harness, embedded as the local runner embeds it, that can die the way a
 * {@code kill -9} leaves it to the group: Kafka Streams stops without leaving (the others wait for its
 * session to time out), then the HTTP server and the context stop.
 */
final class SlaInstance implements AutoCloseable {
    private static final Duration START = Duration.ofMinutes(2);
    private SlaMonitor monitor;

    private SlaInstance(SlaMonitor monitor) {
        this.monitor = monitor;
    }

    /** Starts the service with these properties and returns once its Kafka Streams application is RUNNING. */
    static SlaInstance start(Map<String, String> properties) throws InterruptedException {
        SlaInstance instance = new SlaInstance(SlaMonitor.start(properties));
        Instant deadline = Instant.now().plus(START);
        while (instance.streams().state() != KafkaStreams.State.RUNNING) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the SLA monitor was not RUNNING within " + START + ": " + instance.streams().state());
            }
            Thread.sleep(50);
        }
        return instance;
    }

    SlaStreams streams() {
        return monitor.context().getBean(SlaStreams.class);
    }

    KafkaStreams client() {
        return streams().client(SlaStores.CATALOG);
    }

    /** Dies without leaving the group (its last commit is kept, unlike a real kill); nothing of it answers afterwards. */
    void crash() {
        client().close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        close();
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
    }
}
