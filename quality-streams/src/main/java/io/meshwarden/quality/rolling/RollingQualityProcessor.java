package io.meshwarden.quality.rolling;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.governance.lifecycle.Deprecation;
import io.meshwarden.quality.accuracy.AccuracyWatch;
import io.meshwarden.quality.anomaly.AnomalyWatch;
import io.meshwarden.quality.catalog.ContractBook;
import io.meshwarden.quality.catalog.Guarantees;
import io.meshwarden.quality.completeness.CompletenessWindows;
import io.meshwarden.quality.completeness.Counts;
import io.meshwarden.quality.freshness.FreshnessEvent;
import io.meshwarden.quality.freshness.FreshnessWatch;
import io.meshwarden.quality.observed.ObservedOptIn;
import io.meshwarden.quality.observed.ObservedRecordProcessor;
import io.meshwarden.quality.rules.StepDuplicates;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import io.meshwarden.streams.DeadLetters;
import io.meshwarden.streams.Ingress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges every product of one stream task against its accepted contract. Reads contracts and
 * metric events keyed by product id (co-partitioned, so a product's contract and measurements
 * meet in one task). Writes snapshots, completeness and freshness violations, dead letters for
 * metrics dated too far ahead of the wall clock (with a violation for their product), of unknown
 * products (after waiting for the contract, {@link PendingMetrics}) or beyond the grace period, and,
 * in observed mode, which product owns each output topic.
 *
 * <p>Clocks: a metric dated more than the allowed skew ahead of the wall clock is refused before it
 * touches any state. Every other metric moves only its own product's clock ({@link ProductClocks}),
 * and a product's completeness windows close, and its metrics turn late, on that clock alone; the
 * contract's quality rules are judged as each step closes, duplicate values counted exactly per
 * step ({@link StepDuplicates}). A product silent for the idle time has its clock run on with the
 * wall clock, so its last windows still close. The anomaly detectors judge each closed period and the gap
 * before the first load of each period ({@link AnomalyWatch}); each closed period, and each restatement of one, is reconciled against the
 * source's control totals ({@link AccuracyWatch}). Freshness is checked on wall-clock time by a
 * punctuator, which also expires metrics that waited for their contract too long.
 */
final class RollingQualityProcessor implements Processor<String, QualityInput, String, QualityOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(RollingQualityProcessor.class);
    private static final EventCodec<MetricEvent> METRICS = EventCodec.of(MetricEvent.class);

    private final QualityOptions options;
    private ProcessorContext<String, QualityOutput> context;
    private ContractBook book;
    private FreshnessWatch freshness;
    private CompletenessWindows windows;
    private CompletenessJudge judge;
    private StepDuplicates duplicates;
    private ProductClocks clocks;
    private PendingMetrics pending;
    private Optional<AnomalyWatch> anomalies;
    private Optional<AccuracyWatch> accuracy;
    /** Per product, the wall-clock time its clock last moved (in memory: after a restart the idle time starts again). */
    private final Map<String, Long> lastMoved = new HashMap<>();

    /** Held metrics are kept as they arrived, so they may be in the Confluent wire format: decoded again with this. */
    private final Optional<SchemaRegistryClient> registry;

    RollingQualityProcessor(QualityOptions options, Optional<SchemaRegistryClient> registry) {
        this.options = options;
        this.registry = registry;
    }

    @Override
    public void init(ProcessorContext<String, QualityOutput> context) {
        this.context = context;
        this.book = new ContractBook(context.getStateStore(RollingQualityTopology.CONTRACTS_STORE));
        this.freshness = new FreshnessWatch(context.getStateStore(RollingQualityTopology.FRESHNESS_STORE));
        this.windows = new CompletenessWindows(context.getStateStore(RollingQualityTopology.BUCKETS_STORE),
                context.getStateStore(RollingQualityTopology.WINDOWS_STORE), options.stepMs(), options.graceMs());
        // A revived task (after an aborted transaction) is re-initialized: forget what the stores no longer say.
        this.clocks = new ProductClocks(context.getStateStore(RollingQualityTopology.CLOCK_STORE));
        this.pending = new PendingMetrics(context.getStateStore(RollingQualityTopology.PENDING_STORE));
        this.anomalies = options.anomalyDetection()
                ? Optional.of(new AnomalyWatch(context.getStateStore(RollingQualityTopology.ANOMALY_STORE))) : Optional.empty();
        this.accuracy = options.reconcilesAccuracy() ? Optional.of(new AccuracyWatch(
                context.getStateStore(RollingQualityTopology.ACCURACY_STORE),
                context.getStateStore(RollingQualityTopology.ACCURACY_INDEX_STORE), options.accuracyHorizonMs())) : Optional.empty();
        this.judge = new CompletenessJudge(book, freshness, context::currentSystemTimeMs, options.stepMs(), this::emit, anomalies,
                accuracy, options.undecodableMaxShare());
        this.duplicates = new StepDuplicates(context.getStateStore(RollingQualityTopology.DUPLICATES_STORE));
        this.lastMoved.clear();
        context.schedule(Duration.ofMillis(options.punctuationIntervalMs()), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
        context.schedule(Duration.ofMillis(options.stepMs()), PunctuationType.WALL_CLOCK_TIME, this::closeIdle);
    }

    @Override
    public void process(Record<String, QualityInput> record) {
        // Java 17 has no pattern matching for switch; the sealed interface has exactly these two.
        if (record.value() instanceof QualityInput.Contract contract) {
            accept(contract.contract(), record.timestamp());
            for (PendingMetric waiting : pending.release(contract.contract().getId())) {
                Record<String, QualityInput> held = held(contract.contract().getId(), waiting);
                measure(held, (QualityInput.Metric) held.value());
            }
        } else if (record.value() instanceof QualityInput.Metric metric) {
            measure(record, metric);
        }
    }

    private void accept(DataProductContract contract, long registeredAt) {
        Optional<DataProductContract> previous = book.accept(contract);
        Guarantees guarantees = Guarantees.of(contract);
        // Once per accepted contract version: the catalog topic carries each version once.
        guarantees.rules().notEvaluated().forEach((path, reason) -> LOG.warn("{} {}: quality rule {} is not evaluated: {}",
                contract.getId(), contract.getVersion(), path, reason));
        freshness.register(guarantees, registeredAt, now()).ifPresent(event -> emitFreshness(guarantees, event));
        Set<String> ports = guarantees.checked() ? observedTopics(contract) : Set.of();
        // A new major's predecessor stays served as <id>@v<major>, whose own entry keeps its topics observed:
        // tombstoning them here would race that entry's port records, written by another task.
        boolean superseded = previous.flatMap(before -> Deprecation.supersededMajor(before, contract)).isPresent();
        previous.filter(before -> !superseded).map(this::observedTopics).orElse(Set.of()).stream()
                .filter(t -> !ports.contains(t))
                .forEach(gone -> context.forward(new Record<>(gone, new QualityOutput.Port(null), now())));
        ports.forEach(port -> context.forward(new Record<>(port, new QualityOutput.Port(contract), now())));
    }

    private void measure(Record<String, QualityInput> record, QualityInput.Metric input) {
        MetricEvent metric = input.metric();
        long latest = options.latestEventTime(now());
        if (metric.getEventTime().toEpochMilli() > latest) {
            // Refused before it touches any state: a wrong clock must not move any product's stream time.
            Optional<Guarantees> product = book.guarantees(metric.getProductId());
            reject(record, input, DeadLetterReason.FUTURE_EVENT_TIME, "eventTime: " + metric.getEventTime() + " is more than "
                    + options.maxClockSkewMs() + " ms ahead of the wall clock (latest accepted " + Instant.ofEpochMilli(latest)
                    + "); the metric is refused and advances no clock; check the producer's clock");
            emit(new QualityOutput.Breach(QualityViolations.futureEventTime(metric.getProductId(), product,
                    metric.getEventTime(), options.maxClockSkewMs(), now())));
            return;
        }
        Optional<Guarantees> product = book.guarantees(metric.getProductId());
        if (product.isEmpty()) {
            hold(record, input);
            return;
        }
        apply(record, input, product.get());
    }

    private void apply(Record<String, QualityInput> record, QualityInput.Metric input, Guarantees product) {
        MetricEvent metric = input.metric();
        String productId = metric.getProductId();
        long eventTime = metric.getEventTime().toEpochMilli();
        Long clock = clocks.of(productId);
        long closedUpTo = clock == null ? Long.MIN_VALUE : windows.closedUpTo(clock);
        if (clock != null && windows.isLate(eventTime, closedUpTo)) {
            reject(record, input, DeadLetterReason.LATE, "event time " + metric.getEventTime() + " falls in a window step "
                    + "of " + productId + " that closed at " + Instant.ofEpochMilli(closedUpTo) + " (the product's own clock "
                    + Instant.ofEpochMilli(clock) + ", grace " + options.graceMs() + " ms)");
            return;
        }
        long newClock = clock == null ? eventTime : Math.max(clock, eventTime);
        Optional<AccuracyWatch.Product> reconciled = metric.getControlTotals().isEmpty() ? Optional.empty()
                : accuracy.flatMap(watch -> WatchedProducts.accuracy(product, options.stepMs()));
        long controlPeriod = metric.getControlPeriodStart() == null ? eventTime : metric.getControlPeriodStart().toEpochMilli();
        if (reconciled.isPresent() && !accuracy.get().withinHorizon(reconciled.get(), controlPeriod, newClock)) {
            reject(record, input, DeadLetterReason.LATE, "controlPeriodStart " + Instant.ofEpochMilli(controlPeriod)
                    + ": the period of these control totals ended more than " + options.accuracyHorizonMs() + " ms (the "
                    + "restatement horizon) before " + productId + "'s clock " + Instant.ofEpochMilli(newClock)
                    + ", so its loaded totals are gone and it can no longer be reconciled");
            return;
        }
        long periodMs = product.periodMs(options.stepMs());
        Counts counts = Counts.of(metric);
        // Totals for the (open) period the metric falls in ride in its step bucket, written anyway; only a report
        // naming another period, a restatement, is a write of its own.
        boolean ownPeriod = reconciled.isPresent()
                && reconciled.get().periodStart(controlPeriod) == reconciled.get().periodStart(eventTime);
        if (ownPeriod) {
            counts = counts.withReported(metric.getControlTotals());
        }
        if (!metric.getObservedValues().isEmpty()) {
            counts = counts.plus(Counts.duplicates(duplicates.count(productId, windows.bucketStart(eventTime),
                    metric.getObservedValues())));
        }
        windows.add(productId, eventTime, counts, periodMs, clock == null ? windows.closedUpTo(newClock) : closedUpTo);
        freshness.fed(productId, metric.getNewestRecordTime().toEpochMilli(), now())
                .ifPresent(event -> emitFreshness(product, event));
        // Before the clock moves: a period this metric's time closes is judged with the totals it reports.
        if (reconciled.isPresent() && !ownPeriod) {
            accuracy.get().reported(reconciled.get(), controlPeriod, metric.getControlTotals(), closedUpTo, now())
                    .forEach(violation -> emit(new QualityOutput.Breach(violation)));
        }
        // A load's gap is judged on the first load of each period, the period every other detector judges at its end:
        // one judgement per product per period however often a pipeline publishes.
        if (clock != null && Math.floorDiv(eventTime, periodMs) > Math.floorDiv(clock, periodMs) && anomalies.isPresent()
                && product.checked() && !metric.getPipelineRunId().startsWith(ObservedRecordProcessor.RUN_ID_PREFIX)) {
            QualityOutput.of(anomalies.get().loaded(WatchedProducts.anomaly(product), eventTime, eventTime - clock, now()))
                    .forEach(this::emit);
        }
        if (clock == null || newClock > clock) {
            moveClock(productId, clock, newClock, periodMs);
            lastMoved.put(productId, now());
        }
    }

    /** Moves a product's clock forward, closing (and judging) the window steps it passes, that product's only. */
    private void moveClock(String productId, Long clock, long newClock, long periodMs) {
        long closedUpTo = clock == null ? Long.MIN_VALUE : windows.closedUpTo(clock);
        long newClosedUpTo = windows.closedUpTo(newClock);
        clocks.advance(productId, newClock, clock == null || newClosedUpTo > closedUpTo);
        if (clock != null && newClosedUpTo > closedUpTo) {
            windows.closeProductUpTo(productId, newClosedUpTo, periodMs, judge);
            // Values are held only for steps that were open and had metrics: up to the step of the old clock.
            duplicates.closeProductSteps(productId, closedUpTo,
                    Math.min(newClosedUpTo, windows.bucketStart(clock) + options.stepMs()), options.stepMs());
        }
    }

    /**
     * Once a product with an open window has been silent for the idle time (wall clock), its clock
     * runs on with the wall clock, that far behind, so that its last windows close and drain and a
     * retired product's state leaves. Runs once a step: one scan of the window store.
     */
    private void closeIdle(long now) {
        for (String productId : windows.productsWithWindows()) {
            Long since = lastMoved.putIfAbsent(productId, now);
            Long clock = clocks.of(productId);
            long idle = since == null ? 0 : now - since - options.idleCloseMs();
            if (idle > 0 && clock != null) {
                moveClock(productId, clock, clock + idle, book.guarantees(productId)
                        .map(g -> g.periodMs(options.stepMs())).orElse(Guarantees.DEFAULT_WINDOW_MS));
                lastMoved.put(productId, now - options.idleCloseMs());
            }
        }
    }

    /** A metric of a product without an accepted contract waits for it, as it arrived. */
    private void hold(Record<String, QualityInput> record, QualityInput.Metric input) {
        Headers headers = DeadLetters.withSource(context, record.headers());
        boolean original = input.originalValue() != null;
        byte[] value = original ? input.originalValue() : METRICS.encode(input.metric(), OutputFormat.AVRO);
        String source = DeadLetter.header(headers, Ingress.TOPIC_HEADER) + ":" + DeadLetter.header(headers, Ingress.PARTITION_HEADER)
                + ":" + DeadLetter.header(headers, Ingress.OFFSET_HEADER);
        pending.hold(input.metric().getProductId(), source,
                new PendingMetric(record.timestamp(), now(), original, input.originalKey(), value, headers));
    }

    /** A held metric as the record it arrived as. */
    private Record<String, QualityInput> held(String productId, PendingMetric waiting) {
        MetricEvent metric = METRICS.decode(waiting.value(), registry);
        QualityInput input = waiting.original() ? new QualityInput.Metric(metric, waiting.key(), waiting.value())
                : new QualityInput.Metric(metric, null, null);
        return new Record<>(productId, input, waiting.timestamp(), waiting.headers());
    }

    private void onWallClock(long now) {
        for (FreshnessEvent event : freshness.check(now)) {
            book.guarantees(event.productId()).ifPresent(product -> emitFreshness(product, event));
        }
        for (PendingMetric expired : pending.expire(now - options.contractWaitMs())) {
            MetricEvent metric = METRICS.decode(expired.value(), registry);
            Record<String, QualityInput> held = held(metric.getProductId(), expired);
            reject(held, (QualityInput.Metric) held.value(), DeadLetterReason.UNKNOWN_PRODUCT, "no accepted contract for product '"
                    + metric.getProductId() + "' in the catalog within " + options.contractWaitMs()
                    + " ms of the metric's arrival; publish its contract first");
        }
    }

    private void emitFreshness(Guarantees product, FreshnessEvent event) {
        emit(new QualityOutput.Breach(QualityViolations.freshness(product, event, now())));
    }

    private void emit(QualityOutput output) {
        String key = output instanceof QualityOutput.Snapshot snapshot ? snapshot.snapshot().getProductId()
                : output instanceof QualityOutput.Bands bands ? bands.bands().getProductId()
                : ((QualityOutput.Breach) output).violation().getProductId();
        context.forward(new Record<>(key, output, now()));
    }

    private void reject(Record<String, QualityInput> record, QualityInput.Metric input, DeadLetterReason reason, String message) {
        context.forward(DeadLetters.record(context, record, record.key(), (QualityOutput) new QualityOutput.Rejected(input),
                reason, message));
    }

    private long now() {
        return context.currentSystemTimeMs();
    }

    /**
     * The contract's output topics read in observed mode: those the contract opts in ({@code kafka.observed}, or
     * {@code kafka.observed.ports} for some), and those the operator's pattern matches.
     */
    private Set<String> observedTopics(DataProductContract contract) {
        Set<String> optedIn = ObservedOptIn.topics(contract);
        return contract.getOutputPorts().stream().map(OutputPort::getTopic)
                .filter(topic -> optedIn.contains(topic) || options.observedTopics().map(pattern -> pattern.matcher(topic).matches()).orElse(false))
                .collect(Collectors.toSet());
    }
}
