package io.meshwarden.quality.observed;

import io.meshwarden.schemas.DeadLetterReason;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The undecodable records of one observed task: every one counted, per product and reason, in the metric
 * {@value #METRIC} (group {@value #GROUP}, tags {@code task-id}, {@code product-id}, {@code reason}; JMX and any
 * metrics reporter read it), and only a sample copied to the dead-letter topic: at most {@code perMinute} of one
 * product and reason per minute of wall-clock time. A product topic in a foreign encoding thus costs the
 * dead-letter topic a trickle, not its own volume again; the records still count as expected but not received
 * in the product's completeness. The sample budget is in memory: a restarted task may copy one more minute's
 * worth.
 */
final class UndecodableRecords implements AutoCloseable {
    static final String GROUP = "meshwarden-observed";
    static final String METRIC = "undecodable-records-total";
    private static final long MINUTE_MS = 60_000;

    private final StreamsMetrics metrics;
    private final String taskId;
    private final int perMinute;
    private final Map<String, Budget> budgets = new HashMap<>();
    private final Map<String, Sensor> sensors = new HashMap<>();

    UndecodableRecords(StreamsMetrics metrics, String taskId, int perMinute) {
        this.metrics = metrics;
        this.taskId = taskId;
        this.perMinute = perMinute;
    }

    /**
     * Counts one undecodable record of {@code owner} (a product id, or the topic when no product owns it) and
     * says whether it is to be copied to the dead-letter topic.
     */
    boolean sampled(String owner, DeadLetterReason reason, long nowMs) {
        String key = owner + "\u0000" + reason.headerValue();
        sensors.computeIfAbsent(key, k -> sensor(owner, reason)).record();
        return budgets.computeIfAbsent(key, k -> new Budget()).take(nowMs);
    }

    private Sensor sensor(String owner, DeadLetterReason reason) {
        Sensor sensor = metrics.addSensor(GROUP + "." + taskId + "." + owner + "." + reason.headerValue(), Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(METRIC, GROUP, "undecodable records read in observed mode, per product and reason",
                Map.of("task-id", taskId, "product-id", owner, "reason", reason.headerValue())), new CumulativeCount());
        return sensor;
    }

    @Override
    public void close() {
        sensors.values().forEach(metrics::removeSensor);
        sensors.clear();
    }

    /** A fixed window of one wall-clock minute. */
    private final class Budget {
        private boolean started;
        private long windowStart;
        private int taken;

        boolean take(long nowMs) {
            if (!started || nowMs - windowStart >= MINUTE_MS || nowMs < windowStart) {
                started = true;
                windowStart = nowMs;
                taken = 0;
            }
            if (taken >= perMinute) {
                return false;
            }
            taken++;
            return true;
        }
    }
}
