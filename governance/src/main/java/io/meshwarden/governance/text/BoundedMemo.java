package io.meshwarden.governance.text;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers the results of a pure, costly function of text (parsing a schema, compiling a
 * pattern), shared by every thread. Bounded: once it holds {@code capacity} entries it is
 * emptied, since the texts a mesh keeps asking for are few and an old one is seldom asked
 * for again. A function that throws remembers nothing, so the caller sees the error each time.
 */
public final class BoundedMemo<V> {
    private final int capacity;
    private final Function<String, V> compute;
    private final Map<String, V> entries = new ConcurrentHashMap<>();

    public BoundedMemo(int capacity, Function<String, V> compute) {
        this.capacity = capacity;
        this.compute = compute;
    }

    public V get(String text) {
        V known = entries.get(text);
        if (known != null) {
            return known;
        }
        V computed = compute.apply(text);
        if (entries.size() >= capacity) {
            entries.clear();
        }
        entries.put(text, computed);
        return computed;
    }
}
