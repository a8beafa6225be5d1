package io.meshwarden.bench;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Verdict;
import io.meshwarden.governance.policy.Admission;
import io.meshwarden.governance.policy.PolicyLayers;
import io.meshwarden.schemas.AvroTrust;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Contract evaluations per second for a realistic change (30 fields, 30-field Avro schema, a
 * previous accepted version to diff against) under 20 rules of which 5 are CEL, split over a
 * global and a domain set, against the cost of decoding the same change from Avro in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = AvroTrust.JVM_ARGUMENT)
@State(Scope.Benchmark)
public class GovernanceBenchmark {
    /** The five CEL rules, by id: three in the global set, two in the domain's. */
    static final Map<String, String> CEL_RULES = Map.of(
            "guarantees.completeness-floor",
            "!has(contract.guarantees.completenessPercent) || contract.guarantees.completenessPercent >= 95.0",
            "metadata.tags", "size(contract.tags) > 0",
            "lineage.no-self-reference", "!(contract.id in contract.upstreamProducts)",
            "paid-media.rate-limit-format", "contract.properties['api-rate-limit'].matches('^[0-9]+/(second|minute|hour|day)$')",
            "paid-media.fields-described", "contract.fields.all(f, has(f.description) && size(f.description) > 10)");

    private final EventCodec<ContractChange> codec = EventCodec.of(ContractChange.class);
    private PolicyLayers layers;
    private DataProductContract contract;
    private DataProductContract previous;
    private byte[] avro;

    @Setup
    public void setUp() {
        contract = SampleContracts.realistic(30);
        previous = DataProductContract.newBuilder(contract).setVersion("2.3.0").build();
        avro = codec.encode(SampleContracts.change(contract), OutputFormat.AVRO);
        PolicySet global = set("global", null,
                rule("naming.product-id", "product-id-naming", Map.of()),
                rule("naming.output-topic", "output-topic-naming", Map.of()),
                rule("naming.fields", "field-naming", Map.of()),
                rule("metadata.ownership", "ownership", Map.of()),
                rule("metadata.required", "required-metadata", Map.of("require", "description,documentation,guarantees",
                        "guarantees", "completeness,freshness")),
                rule("classification.pii", "pii-classification", Map.of("minimum", "confidential")),
                rule("classification.restricted-ports", "port-classification", Map.of()),
                rule("retention.ceiling", "retention-ceiling", Map.of("maxDays.confidential", "365")),
                rule("schema.valid", "schema-validity", Map.of("requireSchema", "true")),
                rule("documentation.fields", "documentation-coverage", Map.of()),
                rule("lifecycle.end-of-life", "lifecycle", Map.of()),
                rule("versioning.semver", "versioning", Map.of()),
                rule("compatibility.breaking-change", "compatibility", Map.of()),
                cel("guarantees.completeness-floor"), cel("metadata.tags"), cel("lineage.no-self-reference"));
        PolicySet domain = set("paid-media", "paid-media",
                rule("paid-media.ad-platform", "required-metadata", Map.of("properties", "ad-platform,api-rate-limit")),
                cel("paid-media.rate-limit-format"), cel("paid-media.fields-described"),
                rule("classification.pii", "pii-classification", Map.of("minimum", "confidential")));
        layers = admit(admit(PolicyLayers.builtIn(), global), domain);
        if (layers.evaluate(context()).findings().size() != 0) {
            throw new IllegalStateException("the benchmark contract should comply: " + layers.evaluate(context()).findings());
        }
    }

    @Benchmark
    public ContractChange decodeAvro() {
        return codec.decode(avro);
    }

    @Benchmark
    public Verdict evaluate20Rules() {
        return layers.evaluate(context());
    }

    private ContractContext context() {
        return new ContractContext(contract, previous, productId -> List.of());
    }

    private static PolicyLayers admit(PolicyLayers layers, PolicySet set) {
        if (layers.admit(set) instanceof Admission.Accepted accepted) {
            return accepted.layers();
        }
        throw new IllegalStateException("benchmark policy set refused: " + layers.admit(set));
    }

    private static PolicySet set(String id, String domain, PolicyRule... rules) {
        return PolicySet.newBuilder().setId(id).setVersion("1.0.0").setScope(domain == null ? PolicyScope.GLOBAL : PolicyScope.DOMAIN)
                .setDomain(domain).setRules(List.of(rules)).setPublishedAt(Instant.EPOCH).build();
    }

    private static PolicyRule rule(String id, String kind, Map<String, String> parameters) {
        return PolicyRule.newBuilder().setId(id).setKind(kind).setSeverity(Severity.BLOCKING).setParameters(parameters).build();
    }

    private static PolicyRule cel(String id) {
        return PolicyRule.newBuilder(rule(id, "cel", Map.of())).setExpression(CEL_RULES.get(id)).build();
    }
}
