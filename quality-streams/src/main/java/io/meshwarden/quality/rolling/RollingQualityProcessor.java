package io.meshwarden.quality.rolling;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.quality.catalog.ContractBook;
import io.meshwarden.quality.catalog.Guarantees;
import io.meshwarden.quality.completeness.CompletenessWindows;
import io.meshwarden.quality.completeness.Counts;
import io.meshwarden.quality.freshness.FreshnessEvent;
import io.meshwarden.quality.freshness.FreshnessWatch;
import io.meshwarden.quality.rules.StepDuplicates;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.streams.DeadLetters;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges every product of one stream task against its accepted contract. Reads contracts and
 * metric events keyed by product id (co-partitioned, so a product's contract and measurements
 * meet in one task). Writes snapshots, completeness and freshness violations, dead letters for
 * metrics of unknown products or beyond the grace period, and, in observed mode, which product
 * owns each output topic. Completeness windows close on metric event time (stream time, kept in
 * the clock store), and the contract's quality rules are judged as each step closes, duplicate
 * values counted exactly per step ({@link StepDuplicates}); freshness is checked on wall-clock
 * time by a punctuator.
 */
final class RollingQualityProcessor implements Processor<String, QualityInput, String, QualityOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(RollingQualityProcessor.class);
    private static final String STREAM_TIME = "stream-time";

    private final QualityOptions options;
    private ProcessorContext<String, QualityOutput> context;
    private ContractBook book;
    private FreshnessWatch freshness;
    private CompletenessWindows windows;
    private CompletenessJudge judge;
    private StepDuplicates duplicates;
    private KeyValueStore<String, Long> clock;
    private Long streamTime;

    RollingQualityProcessor(QualityOptions options) {
        this.options = options;
    }

    @Override
    public void init(ProcessorContext<String, QualityOutput> context) {
        this.context = context;
        this.book = new ContractBook(context.getStateStore(RollingQualityTopology.CONTRACTS_STORE));
        this.freshness = new FreshnessWatch(context.getStateStore(RollingQualityTopology.FRESHNESS_STORE));
        this.windows = new CompletenessWindows(context.getStateStore(RollingQualityTopology.BUCKETS_STORE),
                context.getStateStore(RollingQualityTopology.WINDOWS_STORE), options.stepMs(), options.graceMs());
        this.clock = context.getStateStore(RollingQualityTopology.CLOCK_STORE);
        // A revived task (after an aborted transaction) is re-initialized: forget what the stores no longer say.
        this.streamTime = null;
        this.judge = new CompletenessJudge(book, freshness, context::currentSystemTimeMs, options.stepMs(), this::emit);
        this.duplicates = new StepDuplicates(context.getStateStore(RollingQualityTopology.DUPLICATES_STORE));
        context.schedule(Duration.ofMillis(options.punctuationIntervalMs()), PunctuationType.WALL_CLOCK_TIME, this::checkFreshness);
    }

    @Override
    public void process(Record<String, QualityInput> record) {
        // Java 17 has no pattern matching for switch; the sealed interface has exactly these two.
        if (record.value() instanceof QualityInput.Contract contract) {
            accept(contract.contract(), record.timestamp());
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
        if (options.observedTopics().isPresent()) {
            Set<String> ports = guarantees.checked() ? observedTopics(contract) : Set.of();
            previous.map(this::observedTopics).orElse(Set.of()).stream().filter(t -> !ports.contains(t))
                    .forEach(gone -> context.forward(new Record<>(gone, new QualityOutput.Port(null), now())));
            ports.forEach(port -> context.forward(new Record<>(port, new QualityOutput.Port(contract), now())));
        }
    }

    private void measure(Record<String, QualityInput> record, QualityInput.Metric input) {
        MetricEvent metric = input.metric();
        Optional<Guarantees> product = book.guarantees(metric.getProductId());
        if (product.isEmpty()) {
            reject(record, input, DeadLetterReason.UNKNOWN_PRODUCT, "no accepted contract for product '"
                    + metric.getProductId() + "' in the catalog; publish its contract first");
            return;
        }
        long eventTime = metric.getEventTime().toEpochMilli();
        Long streamTime = streamTime();
        long closedUpTo = streamTime == null ? Long.MIN_VALUE : windows.closedUpTo(streamTime);
        if (streamTime != null && windows.isLate(eventTime, closedUpTo)) {
            reject(record, input, DeadLetterReason.LATE, "event time " + metric.getEventTime() + " falls in a window step "
                    + "that closed at " + Instant.ofEpochMilli(closedUpTo) + " (stream time "
                    + Instant.ofEpochMilli(streamTime) + ", grace " + options.graceMs() + " ms)");
            return;
        }
        long newStreamTime = streamTime == null ? eventTime : Math.max(streamTime, eventTime);
        long newClosedUpTo = windows.closedUpTo(newStreamTime);
        Counts counts = Counts.of(metric);
        if (!metric.getObservedValues().isEmpty()) {
            counts = counts.plus(Counts.duplicates(duplicates.count(metric.getProductId(), windows.bucketStart(eventTime),
                    metric.getObservedValues())));
        }
        windows.add(metric.getProductId(), eventTime, counts, product.get().periodMs(options.stepMs()),
                streamTime == null ? newClosedUpTo : closedUpTo);
        freshness.fed(metric.getProductId(), metric.getNewestRecordTime().toEpochMilli(), now())
                .ifPresent(event -> emitFreshness(product.get(), event));
        if (streamTime == null || newStreamTime > streamTime) {
            // Lateness depends only on the closed step boundary, so the stored clock needs to move
            // only when that boundary does: one changelog record per step instead of per event.
            if (streamTime == null || newClosedUpTo > closedUpTo) {
                clock.put(STREAM_TIME, newStreamTime);
            }
            this.streamTime = newStreamTime;
        }
        if (streamTime != null && newClosedUpTo > closedUpTo) {
            windows.closeUpTo(newClosedUpTo, id -> book.guarantees(id).map(g -> g.periodMs(options.stepMs()))
                    .orElse(Guarantees.DEFAULT_WINDOW_MS), judge);
            duplicates.closeBefore(newClosedUpTo);
        }
    }

    private void checkFreshness(long now) {
        for (FreshnessEvent event : freshness.check(now)) {
            book.guarantees(event.productId()).ifPresent(product -> emitFreshness(product, event));
        }
    }

    private void emitFreshness(Guarantees product, FreshnessEvent event) {
        emit(new QualityOutput.Breach(QualityViolations.freshness(product, event, now())));
    }

    private void emit(QualityOutput output) {
        String key = output instanceof QualityOutput.Snapshot snapshot ? snapshot.snapshot().getProductId()
                : ((QualityOutput.Breach) output).violation().getProductId();
        context.forward(new Record<>(key, output, now()));
    }

    private void reject(Record<String, QualityInput> record, QualityInput.Metric input, DeadLetterReason reason, String message) {
        context.forward(DeadLetters.record(context, record, record.key(), (QualityOutput) new QualityOutput.Rejected(input),
                reason, message));
    }

    /** The task's stream time: read from its store once (after a restart, restored), then kept in step with it. */
    private Long streamTime() {
        if (streamTime == null) {
            streamTime = clock.get(STREAM_TIME);
        }
        return streamTime;
    }

    private long now() {
        return context.currentSystemTimeMs();
    }

    private Set<String> observedTopics(DataProductContract contract) {
        return contract.getOutputPorts().stream().map(OutputPort::getTopic)
                .filter(topic -> options.observedTopics().orElseThrow().matcher(topic).matches()).collect(Collectors.toSet());
    }
}
