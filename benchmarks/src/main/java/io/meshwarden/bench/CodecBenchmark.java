package io.meshwarden.bench;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.BuiltInPolicies;
import io.meshwarden.governance.Evaluation;
import io.meshwarden.governance.GovernanceEngine;
import io.meshwarden.schemas.AvroTrust;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
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
 * What one contract change costs before and during governance: decoding it from Avro
 * single-object encoding (the baseline every evaluation pays), from plain JSON, encoding it, and
 * evaluating it against the built-in global policy set.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = AvroTrust.JVM_ARGUMENT)
@State(Scope.Benchmark)
public class CodecBenchmark {
    private final EventCodec<ContractChange> codec = EventCodec.of(ContractChange.class);
    private final GovernanceEngine engine = BuiltInPolicies.globalEngine();
    private ContractChange change;
    private DataProductContract contract;
    private byte[] avro;
    private byte[] json;

    @Setup
    public void setUp() {
        change = SampleContracts.change(SampleContracts.realistic(30));
        contract = change.getContract();
        avro = codec.encode(change, OutputFormat.AVRO);
        json = codec.encode(change, OutputFormat.JSON);
    }

    @Benchmark
    public ContractChange decodeAvro() {
        return codec.decode(avro);
    }

    @Benchmark
    public ContractChange decodeJson() {
        return codec.decode(json);
    }

    @Benchmark
    public byte[] encodeAvro() {
        return codec.encode(change, OutputFormat.AVRO);
    }

    @Benchmark
    public Evaluation evaluateBuiltInPolicies() {
        return engine.evaluate(contract);
    }
}
