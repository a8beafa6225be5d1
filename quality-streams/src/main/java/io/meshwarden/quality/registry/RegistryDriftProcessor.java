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
import java.util.Optional;
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
 */
final class RegistryDriftProcessor implements Processor<String, DataProductContract, String, Violation> {
    static final String SUBJECT = "schema.registry.subject";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryDriftProcessor.class);
    private static final String SUBJECT_SUFFIX = "-value";

    private final SchemaRegistryClient registry;
    private final long checkMs;
    private ProcessorContext<String, Violation> context;
    private KeyValueStore<String, DataProductContract> contracts;
    private KeyValueStore<String, String> open;

    RegistryDriftProcessor(SchemaRegistryClient registry, long checkMs) {
        this.registry = registry;
        this.checkMs = checkMs;
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
        if (contract == null) {
            contracts.delete(record.key());
            return;
        }
        contracts.put(contract.getId(), contract);
        check(contract, context.currentSystemTimeMs());
    }

    private void checkAll(long now) {
        try (KeyValueIterator<String, DataProductContract> all = contracts.all()) {
            while (all.hasNext()) {
                KeyValue<String, DataProductContract> entry = all.next();
                check(entry.value, now);
            }
        }
    }

    private void check(DataProductContract contract, long now) {
        boolean served = contract.getStatus() == ProductStatus.ACTIVE || contract.getStatus() == ProductStatus.DEPRECATED;
        for (OutputPort port : contract.getOutputPorts()) {
            String key = contract.getId() + "|" + port.getTopic();
            String subject = contract.getOutputPorts().size() == 1 && contract.getProperties().containsKey(SUBJECT)
                    ? contract.getProperties().get(SUBJECT) : port.getTopic() + SUBJECT_SUFFIX;
            Optional<SchemaDrift.Drift> drift;
            try {
                drift = served ? latest(subject).flatMap(registered -> SchemaDrift.of(contract, registered)) : Optional.empty();
            } catch (SchemaRegistryException e) {
                LOG.warn("schema registry drift of {} not checked: {}", key, e.getMessage());
                continue;
            } catch (IllegalArgumentException e) {
                LOG.warn("schema registry drift of {} not checked: {}", key, e.getMessage());
                continue;
            }
            String breached = open.get(key);
            if (drift.isPresent()) {
                String occasion = subject + "@" + drift.get().version();
                if (!occasion.equals(breached)) {
                    open.put(key, occasion);
                    forward(contract, ViolationStatus.BREACH, occasion, drift.get().message() + "; first differing field: "
                            + drift.get().field(), drift.get().incompatible(), now);
                }
            } else if (breached != null) {
                open.delete(key);
                forward(contract, ViolationStatus.RECOVERY, breached, "subject '" + subject + "' is described by "
                        + contract.getId() + " " + contract.getVersion() + " again", false, now);
            }
        }
    }

    private Optional<RegisteredSchema> latest(String subject) {
        try {
            return Optional.of(registry.latest(subject));
        } catch (SchemaRegistryException e) {
            if (e.kind() == SchemaRegistryException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
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
