package io.meshwarden.bench;

import io.meshwarden.config.MeshwardenConfig;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A harness's producer that does not lose a record without saying so: every send's outcome is
 * checked, and {@link #close} fails naming how many records the broker did not take and why. A
 * figure measured on a workload missing some of its records would not be the figure it claims.
 */
public final class CheckedProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String clientId;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    private CheckedProducer(Properties properties, String clientId) {
        this.producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        this.clientId = clientId;
    }

    /** A producer for loads: Meshwarden's producer settings. */
    public static CheckedProducer of(MeshwardenConfig config, String clientId) {
        return new CheckedProducer(config.producerProperties(clientId), clientId);
    }

    /**
     * A producer for the first records of topics just created: one request in flight per broker. With
     * more, an idempotent producer's first request to a partition the broker has not yet opened is
     * refused (NOT_LEADER_OR_FOLLOWER) while the next one is appended, and every retry of the first is
     * then refused as out of order until its delivery timeout drops it (KAFKA-15591, in 4.3.1).
     */
    public static CheckedProducer forNewTopics(MeshwardenConfig config, String clientId) {
        Properties properties = config.producerProperties(clientId);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new CheckedProducer(properties, clientId);
    }

    public void send(ProducerRecord<byte[], byte[]> record) {
        sent.incrementAndGet();
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, exception);
            }
        });
    }

    /** Waits for every record sent so far and fails if the broker did not take one of them. */
    public void flush() {
        producer.flush();
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException(clientId + ": the broker did not take " + failed.get() + " of " + sent.get()
                    + " records: " + failure, failure);
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
        }
    }
}
