package io.meshwarden.quality.rolling;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Setting;
import io.meshwarden.config.Settings;
import io.meshwarden.quality.observed.UndecodableShare;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How the rolling quality topology measures: the window step, the grace period for late
 * metrics, the wall-clock interval of freshness checks, how far ahead of the wall clock an event
 * may be dated (the clock skew allowed), how long a metric waits for its product's contract, after
 * how much silence a product's clock runs on with the wall clock, the pattern of output topics read in
 * observed mode (none: observed mode off), whether the anomaly detectors run at all, and how long the
 * source may restate the control totals of a closed period (0: accuracy is not reconciled), and the share of a product's
 * observed records in one step that may fail to decode ({@link UndecodableShare}). Read from the
 * {@code meshwarden.quality.*} settings.
 */
public record QualityOptions(long stepMs, long graceMs, long punctuationIntervalMs, long maxClockSkewMs,
                             long contractWaitMs, long idleCloseMs, Optional<Pattern> observedTopics,
                             boolean anomalyDetection, long accuracyHorizonMs, double undecodableMaxShare) {

    public QualityOptions {
        if (stepMs <= 0 || graceMs < 0 || punctuationIntervalMs <= 0 || maxClockSkewMs < 0 || contractWaitMs < 0
                || idleCloseMs < 0 || accuracyHorizonMs < 0) {
            throw new IllegalArgumentException("step and punctuation interval must be positive, grace, clock skew and"
                    + " contract wait not negative: " + stepMs + ", " + punctuationIntervalMs + ", " + graceMs + ", "
                    + maxClockSkewMs + ", " + contractWaitMs + ", " + idleCloseMs);
        }
        if (!(undecodableMaxShare >= 0 && undecodableMaxShare <= 1)) {
            throw new IllegalArgumentException(Settings.QUALITY_OBSERVED_UNDECODABLE_MAX_SHARE.key() + " must be a share from 0 to 1, not "
                    + undecodableMaxShare);
        }
    }

    public static QualityOptions defaults() {
        return from(MeshwardenConfig.defaults(java.util.Map.of()));
    }

    public static QualityOptions from(MeshwardenConfig config) {
        String pattern = config.get(Settings.QUALITY_OBSERVED_TOPIC_PATTERN).strip();
        return new QualityOptions(positive(config, Settings.QUALITY_WINDOW_STEP_MS), notNegative(config, Settings.QUALITY_GRACE_MS),
                positive(config, Settings.QUALITY_PUNCTUATION_INTERVAL_MS), notNegative(config, Settings.QUALITY_MAX_CLOCK_SKEW_MS),
                notNegative(config, Settings.QUALITY_CONTRACT_WAIT_MS), notNegative(config, Settings.QUALITY_IDLE_CLOSE_MS),
                pattern.isEmpty() ? Optional.empty() : Optional.of(compile(pattern)), bool(config, Settings.QUALITY_ANOMALY_ENABLED),
                notNegative(config, Settings.QUALITY_ACCURACY_HORIZON_MS), UndecodableShare.maxShare(
                        Settings.QUALITY_OBSERVED_UNDECODABLE_MAX_SHARE.key(), config.get(Settings.QUALITY_OBSERVED_UNDECODABLE_MAX_SHARE)));
    }

    public QualityOptions withObservedTopics(String regex) {
        return new QualityOptions(stepMs, graceMs, punctuationIntervalMs, maxClockSkewMs, contractWaitMs,
                idleCloseMs, Optional.of(compile(regex)), anomalyDetection, accuracyHorizonMs, undecodableMaxShare);
    }

    public QualityOptions withContractWaitMs(long waitMs) {
        return new QualityOptions(stepMs, graceMs, punctuationIntervalMs, maxClockSkewMs, waitMs, idleCloseMs, observedTopics,
                anomalyDetection, accuracyHorizonMs, undecodableMaxShare);
    }

    public QualityOptions withMaxClockSkewMs(long skewMs) {
        return new QualityOptions(stepMs, graceMs, punctuationIntervalMs, skewMs, contractWaitMs, idleCloseMs, observedTopics,
                anomalyDetection, accuracyHorizonMs, undecodableMaxShare);
    }

    public QualityOptions withIdleCloseMs(long idleMs) {
        return new QualityOptions(stepMs, graceMs, punctuationIntervalMs, maxClockSkewMs, contractWaitMs, idleMs, observedTopics,
                anomalyDetection, accuracyHorizonMs, undecodableMaxShare);
    }

    public QualityOptions withStepMs(long step) {
        return new QualityOptions(step, graceMs, punctuationIntervalMs, maxClockSkewMs, contractWaitMs, idleCloseMs,
                observedTopics, anomalyDetection, accuracyHorizonMs, undecodableMaxShare);
    }

    public QualityOptions withAnomalyDetection(boolean on) {
        return new QualityOptions(stepMs, graceMs, punctuationIntervalMs, maxClockSkewMs, contractWaitMs, idleCloseMs,
                observedTopics, on, accuracyHorizonMs, undecodableMaxShare);
    }

    public QualityOptions withAccuracyHorizonMs(long horizonMs) {
        return new QualityOptions(stepMs, graceMs, punctuationIntervalMs, maxClockSkewMs, contractWaitMs, idleCloseMs,
                observedTopics, anomalyDetection, horizonMs, undecodableMaxShare);
    }

    public QualityOptions withUndecodableMaxShare(double maxShare) {
        return new QualityOptions(stepMs, graceMs, punctuationIntervalMs, maxClockSkewMs, contractWaitMs, idleCloseMs,
                observedTopics, anomalyDetection, accuracyHorizonMs, maxShare);
    }

    public boolean reconcilesAccuracy() {
        return accuracyHorizonMs > 0;
    }

    /** The latest event time accepted at wall-clock time {@code now}: now plus the allowed skew. */
    public long latestEventTime(long now) {
        return now > Long.MAX_VALUE - maxClockSkewMs ? Long.MAX_VALUE : now + maxClockSkewMs;
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(Settings.QUALITY_OBSERVED_TOPIC_PATTERN.key() + " is not a valid regex: "
                    + e.getMessage(), e);
        }
    }

    private static boolean bool(MeshwardenConfig config, Setting setting) {
        String value = config.get(setting).strip().toLowerCase(java.util.Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(setting.key() + " must be true or false, not '" + config.get(setting) + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static long positive(MeshwardenConfig config, Setting setting) {
        long value = notNegative(config, setting);
        if (value == 0) {
            throw new IllegalArgumentException(setting.key() + " must be positive, not 0");
        }
        return value;
    }

    private static long notNegative(MeshwardenConfig config, Setting setting) {
        long value;
        try {
            value = Long.parseLong(config.get(setting).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting.key() + " must be a whole number of milliseconds, not '"
                    + config.get(setting) + "'", e);
        }
        if (value < 0) {
            throw new IllegalArgumentException(setting.key() + " must not be negative, not " + value);
        }
        return value;
    }
}
