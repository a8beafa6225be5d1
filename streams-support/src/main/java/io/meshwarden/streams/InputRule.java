package io.meshwarden.streams;

import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * What an input event must satisfy beyond decoding: its key is the one the event names (so one
 * product's or one alert's events stay in order on one partition), and an optional check of its
 * own that returns a problem, or null when there is none.
 *
 * @param keyName what the key is, for messages: {@code product id}, {@code alert id}
 */
public record InputRule<T extends SpecificRecord>(String keyName, Function<T, String> keyOf, Function<T, String> problem) {

    /** Events keyed by the product id they name, with no further check. */
    public static <T extends SpecificRecord> InputRule<T> keyedByProductId(Function<T, String> productId) {
        return new InputRule<>("product id", productId, event -> null);
    }
}
