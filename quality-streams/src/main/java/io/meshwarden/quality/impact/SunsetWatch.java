package io.meshwarden.quality.impact;

import io.meshwarden.avro.AffectedGroup;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.GroupReader;
import io.meshwarden.avro.ImpactKind;
import io.meshwarden.avro.ImpactNotice;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.governance.lifecycle.Deprecation;
import io.meshwarden.schemas.impact.ImpactAnalysis;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Reminds the consumers of deprecated versions as the sunset nears, and alerts their owners after it.
 * Keeps every deprecated catalog entry with a sunset date (a product deprecated as a whole, or a
 * superseded major {@code <id>@v<major>}) in {@link ImpactTopology#DEPRECATED_STORE}. Every
 * {@link ImpactOptions#checkInterval} of wall-clock time it looks, for each, which consumer groups read
 * its topics (the readers global store, as the readers poller last saw them; groups of the product's own
 * team left out): each group that reached a reminder point (days before the sunset) it was not reminded
 * at yet earns its owner one {@link ImpactKind#SUNSET_REMINDER} notice, one per owner and point, naming
 * the owner's groups; on the sunset day and after, each group still reading is a {@link ViolationRule#PAST_SUNSET}
 * BREACH, whose subject is the product the group is named after (so the SLA monitor's alert carries that
 * product's owner), else the deprecated version. A group that stops reading, or a version that is no
 * longer deprecated, recovers. What was sent is kept per version and group in
 * {@link ImpactTopology#REMINDERS_STORE}, so that nothing repeats after a restart.
 */
final class SunsetWatch implements Processor<String, DataProductContract, String, SpecificRecord> {
    /** The stage of a group reading on or after the sunset day. */
    static final int PAST_SUNSET = -1;
    private static final String SEPARATOR = String.valueOf(DownstreamProcessor.SEPARATOR);

    private final ImpactOptions options;
    /** The product each group last looked at is named after (the readers poller's naming convention), null for none. */
    private final Map<String, String> owners = new java.util.HashMap<>();
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, DataProductContract> deprecated;
    private KeyValueStore<String, String> reminded;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<TopicReaders>> readers;

    SunsetWatch(ImpactOptions options) {
        this.options = options;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        deprecated = context.getStateStore(ImpactTopology.DEPRECATED_STORE);
        reminded = context.getStateStore(ImpactTopology.REMINDERS_STORE);
        readers = context.getStateStore(ImpactTopology.READERS_STORE);
        context.schedule(options.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::check);
    }

    @Override
    public void process(Record<String, DataProductContract> record) {
        DataProductContract contract = record.value();
        if (contract.getStatus() == ProductStatus.DEPRECATED && Deprecation.date(contract.getSunsetDate()).isPresent()) {
            deprecated.put(record.key(), contract);
            return;
        }
        if (deprecated.get(record.key()) != null) {
            deprecated.delete(record.key());
            Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            forget(record.key(), contract, List.of(), now);
        }
    }

    private void check(long wallClock) {
        Instant now = Instant.ofEpochMilli(wallClock);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<KeyValue<String, DataProductContract>> versions = new ArrayList<>();
        try (KeyValueIterator<String, DataProductContract> all = deprecated.all()) {
            all.forEachRemaining(versions::add);
        }
        for (KeyValue<String, DataProductContract> version : versions) {
            check(version.key, version.value, today, now);
        }
    }

    private void check(String catalogId, DataProductContract contract, LocalDate today, Instant now) {
        LocalDate sunset = Deprecation.date(contract.getSunsetDate()).orElseThrow();
        Integer stage = options.stage(ChronoUnit.DAYS.between(today, sunset));
        List<AffectedGroup> reading = readersOf(contract);
        Map<String, List<AffectedGroup>> dueByOwner = new LinkedHashMap<>();
        for (AffectedGroup group : reading) {
            String key = catalogId + SEPARATOR + group.getGroupId();
            Optional<Reminded> before = Optional.ofNullable(reminded.get(key)).map(Reminded::parse);
            if (stage == null || before.isPresent() && before.get().stage() <= stage) {
                continue;
            }
            String subject = subjectOf(catalogId, group);
            reminded.put(key, new Reminded(stage, subject).text());
            if (stage == PAST_SUNSET) {
                forward(pastSunset(subject, catalogId, contract, group, ViolationStatus.BREACH, now));
            } else {
                String owner = ImpactAnalysis.owner(group.getOwnerTeam(), group.getSteward());
                if (owner != null) {
                    dueByOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(group);
                }
            }
        }
        dueByOwner.forEach((owner, groups) -> forward(reminder(catalogId, contract, owner, groups, stage, now)));
        forget(catalogId, contract, reading, now);
    }

    /** Forgets the groups of a version that no longer read it, recovering those that were past its sunset. */
    private void forget(String catalogId, DataProductContract contract, List<AffectedGroup> reading, Instant now) {
        List<KeyValue<String, String>> stale = new ArrayList<>();
        try (KeyValueIterator<String, String> it = reminded.prefixScan(catalogId + SEPARATOR, Serdes.String().serializer())) {
            it.forEachRemaining(kv -> {
                String groupId = kv.key.substring(catalogId.length() + SEPARATOR.length());
                if (reading.stream().noneMatch(g -> g.getGroupId().equals(groupId))) {
                    stale.add(kv);
                }
            });
        }
        for (KeyValue<String, String> kv : stale) {
            reminded.delete(kv.key);
            Reminded was = Reminded.parse(kv.value);
            if (was.stage() == PAST_SUNSET) {
                String groupId = kv.key.substring(catalogId.length() + SEPARATOR.length());
                forward(pastSunset(was.subject(), catalogId, contract, new AffectedGroup(groupId, "", 0L, null, null),
                        ViolationStatus.RECOVERY, now));
            }
        }
    }

    /** The groups reading the version's topics, each once (its first topic), those of the version's own team left out. */
    private List<AffectedGroup> readersOf(DataProductContract contract) {
        String own = ImpactAnalysis.owner(contract.getOwner().getTeam(), contract.getOwner().getSteward());
        Map<String, AffectedGroup> groups = new LinkedHashMap<>();
        for (String topic : contract.getOutputPorts().stream().map(OutputPort::getTopic).distinct().toList()) {
            ValueAndTimestamp<TopicReaders> read = readers.get(topic);
            if (read == null) {
                continue;
            }
            for (GroupReader group : read.value().getGroups()) {
                String owner = ImpactAnalysis.owner(group.getOwnerTeam(), group.getSteward());
                if (owner == null || !owner.equals(own)) {
                    groups.putIfAbsent(group.getGroupId(), new AffectedGroup(group.getGroupId(), topic, group.getLag(),
                            group.getOwnerTeam(), group.getSteward()));
                    owners.put(group.getGroupId(), group.getOwnerProduct());
                }
            }
        }
        return List.copyOf(groups.values());
    }

    private String subjectOf(String catalogId, AffectedGroup group) {
        String product = owners.get(group.getGroupId());
        return product == null ? catalogId : product;
    }

    private void forward(SpecificRecord value) {
        String key = value instanceof Violation violation ? violation.getProductId() : ((ImpactNotice) value).getProductId();
        context.forward(new Record<>(key, value, context.currentSystemTimeMs()));
    }

    private static ImpactNotice reminder(String catalogId, DataProductContract contract, String owner, List<AffectedGroup> groups,
                                         int daysToSunset, Instant now) {
        String steward = groups.stream().map(AffectedGroup::getSteward).filter(s -> s != null).findFirst().orElse(null);
        return ImpactNotice.newBuilder().setChangeId("sunset-reminder:" + catalogId + ":" + daysToSunset).setProductId(catalogId)
                .setContractVersion(contract.getVersion()).setKind(ImpactKind.SUNSET_REMINDER).setOwner(owner).setSteward(steward)
                .setDownstreamProducts(List.of()).setConsumerGroups(groups).setReadGrants(List.of()).setNoticedAt(now)
                .setSunsetDate(contract.getSunsetDate()).setDaysToSunset(daysToSunset).build();
    }

    private static Violation pastSunset(String subject, String catalogId, DataProductContract contract, AffectedGroup group,
                                        ViolationStatus status, Instant now) {
        String domain = subject.equals(catalogId) || subject.indexOf('.') < 0 ? contract.getDomain() : subject.substring(0, subject.indexOf('.'));
        String message = status == ViolationStatus.BREACH
                ? "consumer group " + group.getGroupId() + " still reads " + group.getTopic() + " of " + catalogId + " ("
                        + contract.getVersion() + "), whose sunset was " + contract.getSunsetDate() + "; move to "
                        + contract.getSuccessor()
                : "consumer group " + group.getGroupId() + " no longer reads " + catalogId + ", or it is no longer deprecated";
        return ViolationFactory.violation(subject, domain, ViolationRule.PAST_SUNSET, status, catalogId + ":" + group.getGroupId(), now)
                .setMessage(message).setContractVersion(contract.getVersion()).build();
    }

    /** What a version's group was last sent: the stage, and the subject its past-sunset violation named. */
    private record Reminded(int stage, String subject) {
        static Reminded parse(String text) {
            int space = text.indexOf(' ');
            return new Reminded(Integer.parseInt(text.substring(0, space)), text.substring(space + 1));
        }

        String text() {
            return stage + " " + subject;
        }
    }
}
