package io.meshwarden.quality.anomaly;

import io.meshwarden.avro.AnomalyBand;
import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.Violation;
import io.meshwarden.governance.anomaly.AnomalySettings;
import io.meshwarden.quality.anomaly.Judgement.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The anomaly detectors of one stream task's products: at the end of each of a product's periods (its
 * completeness window, tumbling) its volume, the null rate of each required field and the sum of each declared
 * measure, and at the first load of each period the gap since the load before it, each judged by {@link AnomalyDetector} against what that metric's history taught.
 * Reads and writes {@code quality-anomaly-store} (key: the product id's length, ':', the id, '|', the
 * metric; bounded by products times detected metrics); returns the ANOMALY violations to emit, a BREACH when
 * a metric leaves its band and a RECOVERY when it is back, and the product's bands after the judgement, for
 * {@code quality.anomaly-bands}: written when they change, not with every step's snapshot, which would encode
 * the same bands again at every step.
 */
public final class AnomalyWatch {
    public static final String VOLUME = "volume";
    public static final String ARRIVAL_GAP = "arrival-gap";
    private static final String NULL_RATE = "null-rate.";
    private static final String MEASURE_SUM = "measure-sum.";
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, Watched> store;
    private final AnomalyDetector detector = new AnomalyDetector();
    /**
     * Per product, its bands as the store has them: read with one scan the first time a snapshot asks, then
     * kept up to date by every judgement, so that the snapshot of every step costs no scan. In memory and per
     * task: a task initialised again (after a rebalance or a revived transaction) starts with none.
     */
    private final Map<String, Map<String, AnomalyBand>> bands = new HashMap<>();

    public AnomalyWatch(KeyValueStore<String, Watched> store) {
        this.store = store;
    }

    /** What a detected product is: its id, domain, contract version and settings. */
    public record Product(String productId, String domain, String contractVersion, AnomalySettings settings) {
    }

    /**
     * What one judgement produced: the violations to emit, and the product's bands after it (none when detection
     * is off for the product, so nothing was judged).
     */
    public record Judged(List<Violation> violations, Optional<AnomalyBands> bands) {
        static final Judged NOTHING = new Judged(List.of(), Optional.empty());
    }

    /**
     * A product's period [start, end) closed with these counts.
     *
     * @param nulls    per required field, its nulls in the period
     * @param measures per declared measure, its loaded total in the period
     */
    public Judged periodClosed(Product product, long start, long end, long records, Map<String, Long> nulls,
                               Map<String, Double> measures, long now) {
        if (!product.settings().enabled()) {
            return Judged.NOTHING;
        }
        List<Violation> out = new ArrayList<>();
        judge(product, VOLUME, MetricKind.VOLUME, start, end, records, records, now, out);
        if (records > 0) {
            nulls.forEach((field, count) -> judge(product, NULL_RATE + field, MetricKind.NULL_RATE, start, end,
                    count / (double) records, records, now, out));
        }
        measures.forEach((measure, total) -> judge(product, MEASURE_SUM + measure, MetricKind.MEASURE_SUM, start, end, total,
                records, now, out));
        return judged(product, out, now);
    }

    /** A product's load arrived {@code gapMs} after the one before, at {@code at}. */
    public Judged loaded(Product product, long at, long gapMs, long now) {
        if (!product.settings().enabled()) {
            return Judged.NOTHING;
        }
        List<Violation> out = new ArrayList<>();
        judge(product, ARRIVAL_GAP, MetricKind.ARRIVAL_GAP, at, at, gapMs, 1, now, out);
        return judged(product, out, now);
    }

    /** The band of each of the product's detected metrics at its last judgement, by metric. */
    public Map<String, AnomalyBand> bands(String productId) {
        return Map.copyOf(bandsOf(productId));
    }

    private Judged judged(Product product, List<Violation> violations, long now) {
        return new Judged(violations, Optional.of(AnomalyBands.newBuilder().setProductId(product.productId())
                .setBands(bands(product.productId())).setComputedAt(Instant.ofEpochMilli(now)).build()));
    }

    private Map<String, AnomalyBand> bandsOf(String productId) {
        Map<String, AnomalyBand> known = bands.get(productId);
        if (known != null) {
            return known;
        }
        Map<String, AnomalyBand> read = new TreeMap<>();
        String prefix = prefix(productId);
        try (KeyValueIterator<String, Watched> all = store.prefixScan(prefix, KEYS)) {
            all.forEachRemaining(entry -> read.put(entry.key.substring(prefix.length()), band(entry.value)));
        }
        bands.put(productId, read);
        return read;
    }

    private static AnomalyBand band(Watched w) {
        return AnomalyBand.newBuilder().setObserved(w.observed()).setExpected(w.expected()).setLow(w.low()).setHigh(w.high())
                .setPeriodEnd(Instant.ofEpochMilli(w.at()))
                .setState(w.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-')).build();
    }

    /** Forgets a product's baselines (its contract retired it, or turned detection off). */
    public void forget(String productId) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Watched> all = store.prefixScan(prefix(productId), KEYS)) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
        bands.remove(productId);
    }

    private void judge(Product product, String metric, MetricKind kind, long start, long end, double value, long records,
                       long now, List<Violation> out) {
        String key = prefix(product.productId()) + metric;
        Watched before = store.get(key);
        Judgement judgement = detector.judge(before == null ? Baseline.empty() : before.baseline(), kind, product.settings(),
                start, value, records);
        Watched watched = Watched.of(judgement, end);
        store.put(key, watched);
        bandsOf(product.productId()).put(metric, band(watched));
        if (judgement.transition() != Transition.NONE) {
            out.add(AnomalyViolations.of(product, metric, judgement, start, end, now));
        }
    }

    /** Length-prefixed, so that no product's keys share a prefix with another's, whatever its id holds. */
    private static String prefix(String productId) {
        return productId.length() + ":" + productId + "|";
    }
}
