package io.meshwarden.streams;

import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * What an input event must satisfy beyond decoding: its key is the one the event names (so one
 * product's or one alert's events stay in order on one partition), an optional check of its
 * own that returns a problem (dead-lettered {@code schema-mismatch}), or null when there is none,
 * and its semantic rules ({@link EventCheck}), each broken rule dead-lettered with its own reason.
 *
 * @param keyName what the key is, for messages: {@code product id}, {@code alert id}
 */
public record InputRule<T extends SpecificRecord>(String keyName, Function<T, String> keyOf, Function<T, String> problem,
                                                  EventCheck<T> meaning) {

    public InputRule(String keyName, Function<T, String> keyOf, Function<T, String> problem) {
        this(keyName, keyOf, problem, EventCheck.none());
    }

    /** Events keyed by the product id they name, with no further check. */
    public static <T extends SpecificRecord> InputRule<T> keyedByProductId(Function<T, String> productId) {
        return new InputRule<>("product id", productId, event -> null);
    }

    /** Events keyed by the product id they name, held to {@code meaning}. */
    public static <T extends SpecificRecord> InputRule<T> keyedByProductId(Function<T, String> productId,
                                                                          EventCheck<T> meaning) {
        return new InputRule<>("product id", productId, event -> null, meaning);
    }
}
