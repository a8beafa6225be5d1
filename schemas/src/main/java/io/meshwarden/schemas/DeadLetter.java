package io.meshwarden.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record that could not be processed: its original bytes, and headers saying why and where it
 * came from. Whoever reads the dead-letter topic can fix and replay the record from these alone.
 */
public record DeadLetter(DeadLetterReason reason, String message, String sourceTopic, int sourcePartition,
                         long sourceOffset, Instant failedAt) {

    public static final String REASON_HEADER = "meshwarden.error.reason";
    public static final String MESSAGE_HEADER = "meshwarden.error.message";
    public static final String TOPIC_HEADER = "meshwarden.source.topic";
    public static final String PARTITION_HEADER = "meshwarden.source.partition";
    public static final String OFFSET_HEADER = "meshwarden.source.offset";
    public static final String FAILED_AT_HEADER = "meshwarden.failed.at";

    /** Adds this dead letter's headers to the record's own, which are kept. */
    public Headers appendTo(Headers original) {
        RecordHeaders headers = new RecordHeaders(original == null ? new RecordHeaders() : original);
        put(headers, REASON_HEADER, reason.headerValue());
        put(headers, MESSAGE_HEADER, message);
        put(headers, TOPIC_HEADER, sourceTopic);
        put(headers, PARTITION_HEADER, Integer.toString(sourcePartition));
        put(headers, OFFSET_HEADER, Long.toString(sourceOffset));
        put(headers, FAILED_AT_HEADER, failedAt.toString());
        return headers;
    }

    /** The value of a header as text, or null when absent. */
    public static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
