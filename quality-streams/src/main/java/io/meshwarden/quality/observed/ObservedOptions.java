package io.meshwarden.quality.observed;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How observed mode reads: the topics (none: observed mode off), how often it looks for new ones, and how many
 * undecodable records of one product and reason it copies to the dead-letter topic per minute; the rest are
 * counted ({@link UndecodableRecords}), so that a topic in a foreign encoding does not double its volume into
 * the dead-letter topic; and the schema registry, if any, that records in the Confluent wire format name their
 * schemas in; and where reading a topic starts when the app has no committed offset on it ({@link ObservedStart}).
 */
public record ObservedOptions(Optional<Pattern> topics, long refreshMs, int deadLetterSamplesPerMinute,
                              Optional<SchemaRegistryClient> registry, ObservedStart start) {
    public static final int DEFAULT_SAMPLES_PER_MINUTE = 10;

    public ObservedOptions {
        if (refreshMs <= 0) {
            throw new IllegalArgumentException(Settings.QUALITY_OBSERVED_REFRESH_MS.key() + " must be positive; was " + refreshMs);
        }
        java.util.Objects.requireNonNull(start, "start");
        if (deadLetterSamplesPerMinute < 0) {
            throw new IllegalArgumentException(Settings.QUALITY_OBSERVED_DEADLETTER_SAMPLES.key()
                    + " must be zero or positive; was " + deadLetterSamplesPerMinute);
        }
    }

    public static ObservedOptions from(MeshwardenConfig config) {
        // The pattern as the quality app reads it (which writes the observed ports of the topics it matches).
        return new ObservedOptions(QualityOptions.from(config).observedTopics(), config.getLong(Settings.QUALITY_OBSERVED_REFRESH_MS),
                config.getInt(Settings.QUALITY_OBSERVED_DEADLETTER_SAMPLES), SchemaRegistryClient.from(config),
                ObservedStart.parse(config.get(Settings.QUALITY_OBSERVED_START)));
    }

    /** These topics, with the defaults otherwise (topology tests). */
    public static ObservedOptions of(Pattern topics) {
        return new ObservedOptions(Optional.of(topics), 5_000, DEFAULT_SAMPLES_PER_MINUTE, Optional.empty(), ObservedStart.EARLIEST);
    }

    public ObservedOptions withDeadLetterSamplesPerMinute(int samples) {
        return new ObservedOptions(topics, refreshMs, samples, registry, start);
    }

    public ObservedOptions withStart(ObservedStart from) {
        return new ObservedOptions(topics, refreshMs, deadLetterSamplesPerMinute, registry, from);
    }

    public ObservedOptions withRegistry(SchemaRegistryClient client) {
        return new ObservedOptions(topics, refreshMs, deadLetterSamplesPerMinute, Optional.of(client), start);
    }
}
