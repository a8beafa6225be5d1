package io.meshwarden.bench;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.quality.rules.ContractRules;
import io.meshwarden.quality.rules.FieldValues;
import io.meshwarden.quality.rules.RecordMeasure;
import io.meshwarden.schemas.AvroTrust;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
 * What one observed record costs the quality rules when an ODCS {@code invalidValues} pattern is
 * catastrophic for a backtracking engine ({@code (a+)+$} against 40 {@code a}s and a {@code b}),
 * against an ordinary pattern on the same value, in the same run. Both run on RE2/J, as the stream
 * does. {@code javaRegexPathological20} shows what java.util.regex would cost on half that input
 * (at 40 characters it would not finish: its work doubles with each {@code a}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = AvroTrust.JVM_ARGUMENT)
@State(Scope.Benchmark)
public class PatternRuleBenchmark {
    private static final String VALUE = "a".repeat(40) + "b";
    private static final Pattern JAVA_PATHOLOGICAL = Pattern.compile("(a+)+$");
    private static final String JAVA_INPUT = "a".repeat(20) + "b";

    private ContractRules ordinary;
    private ContractRules pathological;
    private final FieldValues record = new FieldValues() {
        @Override
        public String text(String field) {
            return VALUE;
        }

        @Override
        public String canonical(String field) {
            return '"' + VALUE + '"';
        }

        @Override
        public String canonicalRecord() {
            return "{\"campaign_id\": \"" + VALUE + "\"}";
        }
    };

    @Setup
    public void setUp() {
        ordinary = rules("^c-[0-9]+$");
        pathological = rules("(a+)+$");
    }

    private static ContractRules rules(String pattern) {
        QualityRule rule = QualityRule.newBuilder().setPath("$.schema[0].properties[0].quality[0]").setField("campaign_id")
                .setMetric("invalidValues").setOperator("mustBe").setThreshold(0.0).setPattern(pattern).build();
        DataProductContract contract = DataProductContract.newBuilder(SampleContracts.realistic(30))
                .setQualityRules(List.of(rule)).build();
        ContractRules rules = ContractRules.of(contract);
        if (rules.checked().size() != 1) {
            throw new IllegalStateException("the rule is not checked: " + rules.notEvaluated());
        }
        return rules;
    }

    @Benchmark
    public MetricEvent.Builder ordinaryPattern() {
        return measure(ordinary);
    }

    @Benchmark
    public MetricEvent.Builder pathologicalPattern() {
        return measure(pathological);
    }

    @Benchmark
    public boolean javaRegexPathological20() {
        return JAVA_PATHOLOGICAL.matcher(JAVA_INPUT).find();
    }

    private MetricEvent.Builder measure(ContractRules rules) {
        MetricEvent.Builder measurement = MetricEvent.newBuilder();
        RecordMeasure.measure(rules, record, new HashMap<>(), measurement);
        return measurement;
    }
}
