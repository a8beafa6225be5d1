package io.meshwarden.schemas;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topics of one deployment: every {@link TopicSpec} of {@link Topics} with the deployment's
 * name prefix (default {@code mesh.}) and {@link EventFormat} (output format, schema registry) applied.
 * Immutable and thread-safe.
 */
public final class TopicCatalog {
    public static final String DEFAULT_PREFIX = "mesh.";

    private final String prefix;
    private final EventFormat format;
    private final Map<TopicSpec<?, ?>, Topic<?, ?>> topics = new ConcurrentHashMap<>();

    /** Writing {@code format} without a schema registry. */
    public TopicCatalog(String prefix, OutputFormat format) {
        this(prefix, EventFormat.of(format));
    }

    public TopicCatalog(String prefix, EventFormat format) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.format = Objects.requireNonNull(format, "format");
        if (!prefix.isEmpty() && !prefix.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("topic prefix may hold only letters, digits, '.', '_' and '-': '" + prefix + "'");
        }
    }

    public static TopicCatalog defaults() {
        return new TopicCatalog(DEFAULT_PREFIX, OutputFormat.AVRO);
    }

    @SuppressWarnings("unchecked")
    public <K, V> Topic<K, V> topic(TopicSpec<K, V> spec) {
        return (Topic<K, V>) topics.computeIfAbsent(spec, s -> new Topic<>(prefix + spec.suffix(), spec.keySerde(),
                spec.valueSerde().apply(format), spec.compacted(), spec.description()));
    }

    public String name(TopicSpec<?, ?> spec) {
        return prefix + spec.suffix();
    }

    public List<Topic<?, ?>> all() {
        return Topics.ALL.stream().<Topic<?, ?>>map(this::topic).toList();
    }

    public String prefix() {
        return prefix;
    }

    public OutputFormat format() {
        return format.output();
    }

    public EventFormat eventFormat() {
        return format;
    }
}
