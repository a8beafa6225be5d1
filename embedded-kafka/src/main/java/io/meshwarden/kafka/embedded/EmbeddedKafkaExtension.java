package io.meshwarden.kafka.embedded;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension giving each test class one {@link EmbeddedKafkaBroker}.
 *
 * <p>The broker starts in {@code beforeAll} (or earlier, when a {@code PER_CLASS} test instance asks for it
 * in its constructor) and stops in {@code afterAll}, which JUnit runs after the class's own
 * {@code @AfterAll} methods. Topics listed in {@link EmbeddedKafka} are created before the first test.
 * {@code @Nested} classes share the broker of the class that started it. Works with plain
 * {@code @ExtendWith(EmbeddedKafkaExtension.class)} too, which starts a broker without topics.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);
    private static final String KEY = "broker";

    @Override
    public void beforeAll(ExtensionContext context) {
        EmbeddedKafkaBroker broker = brokerFor(context);
        context.getTestClass()
                .flatMap(EmbeddedKafkaExtension::annotationOf)
                .ifPresent(annotation -> createTopics(broker, annotation));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Only the class that started the broker stops it; nested classes see their parent's broker.
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        OwnedBroker owned = store.get(KEY, OwnedBroker.class);
        if (owned != null && owned.ownerId().equals(context.getUniqueId())) {
            store.remove(KEY, OwnedBroker.class);
            owned.broker().close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return brokerFor(extensionContext);
    }

    private static EmbeddedKafkaBroker brokerFor(ExtensionContext context) {
        ExtensionContext classContext = classContextOf(context);
        // getOrComputeIfAbsent also looks in parent stores, so a @Nested class reuses its outer class's broker.
        OwnedBroker owned = classContext.getStore(NAMESPACE).getOrComputeIfAbsent(
                KEY, key -> new OwnedBroker(classContext.getUniqueId(), EmbeddedKafkaBroker.start(configOf(classContext))),
                OwnedBroker.class);
        return owned.broker();
    }

    /** The nearest context of a test class: method and invocation contexts have a method as element. */
    private static ExtensionContext classContextOf(ExtensionContext context) {
        ExtensionContext current = context;
        while (!(current.getElement().orElse(null) instanceof Class<?>) && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static EmbeddedKafkaConfig configOf(ExtensionContext classContext) {
        Optional<EmbeddedKafka> annotation = classContext.getTestClass().flatMap(EmbeddedKafkaExtension::annotationOf);
        if (annotation.isEmpty() || !annotation.get().secured()) {
            if (annotation.isPresent() && (annotation.get().users().length > 0 || annotation.get().superUsers().length > 0)) {
                throw new IllegalArgumentException("@EmbeddedKafka users and superUsers need secured = true");
            }
            return EmbeddedKafkaConfig.defaults();
        }
        return EmbeddedKafkaConfig.defaults().withSecurity(BrokerSecurity.generated(
                List.of(annotation.get().superUsers()), List.of(annotation.get().users())));
    }

    private static Optional<EmbeddedKafka> annotationOf(AnnotatedElement testClass) {
        return AnnotationSupport.findAnnotation(testClass, EmbeddedKafka.class);
    }

    private static void createTopics(EmbeddedKafkaBroker broker, EmbeddedKafka annotation) {
        if (annotation.partitions() < 1) {
            throw new IllegalArgumentException("@EmbeddedKafka partitions must be at least 1, was " + annotation.partitions());
        }
        for (String topic : annotation.topics()) {
            broker.createTopic(topic, annotation.partitions(), false);
        }
        for (String topic : annotation.compactedTopics()) {
            broker.createTopic(topic, annotation.partitions(), true);
        }
    }

    /**
     * The broker with the unique id of the class context that started it. Stored values that are
     * {@link AutoCloseable} are closed by JUnit when their context ends, a safety net should
     * {@code afterAll} never run (for example when {@code beforeAll} of another extension failed).
     */
    private record OwnedBroker(String ownerId, EmbeddedKafkaBroker broker) implements AutoCloseable {
        @Override
        public void close() {
            broker.close();
        }
    }
}
