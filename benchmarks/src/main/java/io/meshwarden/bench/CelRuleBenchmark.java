package io.meshwarden.bench;

import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.rules.CelRule;
import io.meshwarden.governance.rules.ContractView;
import io.meshwarden.schemas.AvroTrust;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where {@link GovernanceBenchmark}'s CEL time goes: each of its five CEL rules alone, in microseconds
 * per evaluation, on the same 30-field contract with its CEL view already built (one view serves every
 * CEL rule of an evaluation), and the view itself.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = AvroTrust.JVM_ARGUMENT)
@State(Scope.Benchmark)
public class CelRuleBenchmark {
    @Param({"guarantees.completeness-floor", "metadata.tags", "lineage.no-self-reference", "paid-media.rate-limit-format",
            "paid-media.fields-described"})
    public String rule;

    private ContractContext context;
    private CelRule celRule;

    @Setup
    public void setUp() {
        context = ContractContext.of(SampleContracts.realistic(30));
        context.celView();
        celRule = CelRule.compile(rule, Severity.BLOCKING, ViolationCategory.POLICY, rule, GovernanceBenchmark.CEL_RULES.get(rule));
        if (!celRule.check(context).isEmpty()) {
            throw new IllegalStateException("the benchmark contract should keep " + rule + ": " + celRule.check(context));
        }
    }

    @Benchmark
    public List<Finding> evaluateRule() {
        return celRule.check(context);
    }

    @Benchmark
    public Map<String, Object> buildView() {
        return ContractView.of(context.contract());
    }
}
