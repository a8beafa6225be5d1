package io.meshwarden.events;

import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.PolicySetSubject;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Answers published policy sets the way quality-streams' admission does, on the same topics, so
 * that the publisher's waiting can be tested without the policy engine: a set whose id starts with
 * {@code refuse-} is refused, one starting with {@code silent-} gets no answer, an unchanged set is
 * not announced again, a changed one under the version in force is refused, any other is put in
 * force. Holds each set back for a moment before answering, so that a publisher that does not wait
 * for the answer before publishing the next set is caught. Records when it received and answered each.
 */
final class StandInAdmission implements AutoCloseable {
    static final String REFUSED_PREFIX = "refuse-";
    static final String SILENT_PREFIX = "silent-";
    private static final Duration HOLD = Duration.ofMillis(300);

    private record Pending(PolicySet set, Instant received) {
    }

    private final Map<String, Instant> received = new ConcurrentHashMap<>();
    private final Map<String, Instant> answered = new ConcurrentHashMap<>();
    private final Map<String, PolicySet> inForce = new HashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final Thread thread;
    private final MeshwardenConfig config;
    private volatile boolean running = true;

    private StandInAdmission(MeshwardenConfig config) {
        this.config = config;
        this.thread = new Thread(this::run, "stand-in-admission");
    }

    static StandInAdmission start(MeshwardenConfig config) {
        StandInAdmission admission = new StandInAdmission(config);
        admission.thread.start();
        return admission;
    }

    Instant receivedAt(String ref) {
        return Objects.requireNonNull(received.get(ref), ref + " was not received");
    }

    Instant answeredAt(String ref) {
        return Objects.requireNonNull(answered.get(ref), ref + " was not answered");
    }

    private void run() {
        Topic<String, PolicySet> policies = config.topics().topic(Topics.POLICIES);
        try (TopicWaiter<PolicySet> published = new TopicWaiter<>(config, policies, true);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config.producerProperties("stand-in-admission"),
                     new StringSerializer(), new ByteArraySerializer())) {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : published.poll(Duration.ofMillis(50))) {
                    PolicySet set = policies.valueSerde().deserializer().deserialize(policies.name(), record.value());
                    received.put(ref(set), Instant.now());
                    pending.add(new Pending(set, Instant.now()));
                }
                while (!pending.isEmpty() && pending.peek().received().plus(HOLD).isBefore(Instant.now())) {
                    answer(pending.remove().set(), producer);
                }
            }
        }
    }

    private void answer(PolicySet set, KafkaProducer<String, byte[]> producer) {
        PolicySet current = inForce.get(set.getId());
        boolean unchanged = current != null && PolicySet.newBuilder(current).setPublishedAt(set.getPublishedAt()).build().equals(set);
        if (set.getId().startsWith(SILENT_PREFIX) || unchanged) {
            return;
        }
        if (set.getId().startsWith(REFUSED_PREFIX)) {
            send(producer, Topics.VIOLATIONS, refusal(set, ref(set) + " loosens the global set"));
        } else if (current != null && current.getVersion().equals(set.getVersion())) {
            send(producer, Topics.VIOLATIONS, refusal(set, ref(set) + " does not raise the version in force, " + current.getVersion()));
        } else {
            inForce.put(set.getId(), set);
            send(producer, Topics.POLICIES_IN_FORCE, set);
        }
        producer.flush();
        answered.put(ref(set), Instant.now());
    }

    private <V> void send(KafkaProducer<String, byte[]> producer, io.meshwarden.schemas.TopicSpec<String, V> spec, V value) {
        Topic<String, V> topic = config.topics().topic(spec);
        String key = value instanceof Violation v ? v.getProductId() : ((PolicySet) value).getId();
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    private static Violation refusal(PolicySet set, String message) {
        return Violation.newBuilder().setViolationId(PolicySetSubject.of(set.getId()) + "/" + set.getVersion())
                .setProductId(PolicySetSubject.of(set.getId())).setDomain("global").setCategory(ViolationCategory.POLICY)
                .setRuleId("policy-set.admission").setSeverity(Severity.BLOCKING).setStatus(ViolationStatus.BREACH)
                .setMessage(message).setPolicySetId(set.getId()).setPolicySetVersion(set.getVersion())
                .setDetectedAt(Instant.now()).build();
    }

    private static String ref(PolicySet set) {
        return set.getId() + "@" + set.getVersion();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
