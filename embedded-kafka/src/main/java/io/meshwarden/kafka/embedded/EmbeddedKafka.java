package io.meshwarden.kafka.embedded;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against its own {@link EmbeddedKafkaBroker}, started once before all tests
 * and stopped after all of them, with the listed topics created up front. Declare a parameter of type
 * {@link EmbeddedKafkaBroker} in a test method, constructor or lifecycle method to get the broker.
 *
 * <pre>{@code
 * @EmbeddedKafka(topics = {"orders", "payments"}, partitions = 3, compactedTopics = "customers")
 * class OrderFlowIT {
 *     @Test
 *     void flows(EmbeddedKafkaBroker kafka) { ... kafka.bootstrapServers() ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EmbeddedKafkaExtension.class)
public @interface EmbeddedKafka {

    /** Topics (cleanup policy {@code delete}) created before the first test. */
    String[] topics() default {};

    /** Partition count of every topic in {@link #topics()} and {@link #compactedTopics()}. */
    int partitions() default 1;

    /** Topics with {@code cleanup.policy=compact} created before the first test. */
    String[] compactedTopics() default {};

    /**
     * Whether the broker requires SASL/SCRAM-SHA-512 and enforces ACLs with Kafka's {@code StandardAuthorizer}.
     * It then has the super user {@value BrokerSecurity#ADMIN_USER}, the {@link #superUsers()} and the
     * {@link #users()}; tests connect with {@link EmbeddedKafkaBroker#clientProperties(String)}.
     */
    boolean secured() default false;

    /** Super users (no ACL applies to them) besides {@value BrokerSecurity#ADMIN_USER}; only with {@link #secured()}. */
    String[] superUsers() default {};

    /** Ordinary SCRAM users, bound by ACLs; only with {@link #secured()}. */
    String[] users() default {};
}
