package io.meshwarden.quality.registry;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.registry.RegisteredSchema;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import io.meshwarden.schemas.registry.SchemaRegistryException;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares each catalogued product's Kafka output ports with their schema registry subjects: when its contract
 * changes, and every {@code checkMs} of wall-clock time for all of them (the registry side changes without
 * telling anyone). A port's subject is the contract property {@value #SUBJECT} when set (one port), else
 * {@code <topic>-value} (Confluent's TopicNameStrategy). A latest version that drifts ({@link SchemaDrift}) is a
 * {@link ViolationRule#REGISTRY_DRIFT} BREACH, once per subject version; when the contract describes the latest
 * version again, or the subject is gone, a RECOVERY. What is open is kept in {@value RegistryDriftTopology#STATE_STORE}
 * (key {@code <product>|<topic>}), so a restart repeats nothing. A registry that cannot be reached changes nothing.
 *
 * <p>The periodic check is cheap: it asks the registry once per subject (not per product) for the latest version,
 * and compares the schemas only when the subject's latest version (or schema id) differs from the one the port was
 * last compared with; the outcome of a comparison is kept in memory per port until then. A contract change compares
 * its ports at once, with the registry asked afresh.
 */
final class RegistryDriftProcessor implements Processor<String, DataProductContract, String, Violation> {
    static final String SUBJECT = "schema.registry.subject";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryDriftProcessor.class);
    private static final String SUBJECT_SUFFIX = "-value";

    /** What a port was last compared with: the contract's version and the subject's latest version (0: no subject). */
    private record Compared(String contractVersion, String subject, int schemaId, int version) {
    }

    private final SchemaRegistryClient registry;
    private final long checkMs;
    private final BiFunction<DataProductContract, RegisteredSchema, Optional<SchemaDrift.Drift>> drift;
    /** Per port key, what it was last compared with; in memory only, so a restart compares each port once more. */
    private final Map<String, Compared> compared = new HashMap<>();
    private ProcessorContext<String, Violation> context;
    private KeyValueStore<String, DataProductContract> contracts;
    private KeyValueStore<String, String> open;

    RegistryDriftProcessor(SchemaRegistryClient registry, long checkMs,
                           BiFunction<DataProductContract, RegisteredSchema, Optional<SchemaDrift.Drift>> drift) {
        this.registry = registry;
        this.checkMs = checkMs;
        this.drift = drift;
    }

    @Override
    public void init(ProcessorContext<String, Violation> context) {
        this.context = context;
        this.contracts = context.getStateStore(RegistryDriftTopology.CONTRACTS_STORE);
        this.open = context.getStateStore(RegistryDriftTopology.STATE_STORE);
        context.schedule(Duration.ofMillis(checkMs), PunctuationType.WALL_CLOCK_TIME, this::checkAll);
    }

    @Override
    public void process(Record<String, DataProductContract> record) {
        DataProductContract contract = record.value();
        compared.keySet().removeIf(key -> key.startsWith(record.key() + "|"));
        if (contract == null) {
            contracts.delete(record.key());
            return;
        }
        contracts.put(contract.getId(), contract);
        check(contract, new HashMap<>(), context.currentSystemTimeMs());
    }

    private void checkAll(long now) {
        // One registry request per subject and check, however many products name it.
        Map<String, Latest> latest = new HashMap<>();
        try (KeyValueIterator<String, DataProductContract> all = contracts.all()) {
            while (all.hasNext()) {
                KeyValue<String, DataProductContract> entry = all.next();
                check(entry.value, latest, now);
            }
        }
    }

    private void check(DataProductContract contract, Map<String, Latest> latest, long now) {
        if (contract.getStatus() != ProductStatus.ACTIVE && contract.getStatus() != ProductStatus.DEPRECATED) {
            for (OutputPort port : contract.getOutputPorts()) {
                resolve(contract, contract.getId() + "|" + port.getTopic(), subject(contract, port), now);
            }
            return;
        }
        for (OutputPort port : contract.getOutputPorts()) {
            String key = contract.getId() + "|" + port.getTopic();
            String subject = subject(contract, port);
            Latest found = latest.computeIfAbsent(subject, this::latest);
            if (found.failure() != null) {
                LOG.warn("schema registry drift of {} not checked: {}", key, found.failure());
                continue;
            }
            Compared current = new Compared(contract.getVersion(), subject, found.schema().map(RegisteredSchema::id).orElse(0),
                    found.schema().map(RegisteredSchema::version).orElse(0));
            if (current.equals(compared.get(key))) {
                continue;
            }
            compared.put(key, current);
            Optional<SchemaDrift.Drift> drifted;
            try {
                drifted = found.schema().flatMap(registered -> drift.apply(contract, registered));
            } catch (IllegalArgumentException e) {
                LOG.warn("schema registry drift of {} not checked: {}", key, e.getMessage());
                continue;
            }
            if (drifted.isPresent()) {
                breach(contract, key, subject, drifted.get(), now);
            } else {
                resolve(contract, key, subject, now);
            }
        }
    }

    private void breach(DataProductContract contract, String key, String subject, SchemaDrift.Drift drift, long now) {
        String occasion = subject + "@" + drift.version();
        if (!occasion.equals(open.get(key))) {
            open.put(key, occasion);
            forward(contract, ViolationStatus.BREACH, occasion, drift.message() + "; first differing field: " + drift.field(),
                    drift.incompatible(), now);
        }
    }

    private void resolve(DataProductContract contract, String key, String subject, long now) {
        String breached = open.get(key);
        if (breached != null) {
            open.delete(key);
            forward(contract, ViolationStatus.RECOVERY, breached, "subject '" + subject + "' is described by "
                    + contract.getId() + " " + contract.getVersion() + " again", false, now);
        }
    }

    private static String subject(DataProductContract contract, OutputPort port) {
        return contract.getOutputPorts().size() == 1 && contract.getProperties().containsKey(SUBJECT)
                ? contract.getProperties().get(SUBJECT) : port.getTopic() + SUBJECT_SUFFIX;
    }

    /** A subject's latest version: the schema, none (no such subject), or why the registry could not say. */
    private record Latest(Optional<RegisteredSchema> schema, String failure) {
    }

    private Latest latest(String subject) {
        try {
            return new Latest(Optional.of(registry.latest(subject)), null);
        } catch (SchemaRegistryException e) {
            return e.kind() == SchemaRegistryException.Kind.NOT_FOUND ? new Latest(Optional.empty(), null)
                    : new Latest(Optional.empty(), e.getMessage());
        }
    }

    private void forward(DataProductContract contract, ViolationStatus status, String occasion, String message,
                         boolean incompatible, long now) {
        Violation violation = ViolationFactory.violation(contract.getId(), contract.getDomain(), ViolationRule.REGISTRY_DRIFT,
                        status, occasion, Instant.ofEpochMilli(now))
                .setContractVersion(contract.getVersion())
                .setMessage(contract.getId() + ": " + message + (incompatible ? " (incompatible)" : ""))
                .build();
        context.forward(new Record<>(contract.getId(), violation, now));
    }
}
