package io.meshwarden.bench.quality;

import io.meshwarden.avro.AnomalyBand;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.schemas.AvroTrust;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
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
 * What a quality snapshot costs to encode, as the quality topology writes one at every step of every product:
 * as it is written (no anomaly bands: they go to {@code quality.anomaly-bands} when they change), and as it was
 * written before, with the four bands of {@link Workload}'s products (volume, arrival gap, one required field's
 * null rate, one measure's sum). Run with
 * {@code java -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" org.openjdk.jmh.Main SnapshotEncodingBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = AvroTrust.JVM_ARGUMENT)
@State(Scope.Benchmark)
public class SnapshotEncodingBenchmark {
    private final EventCodec<QualitySnapshot> codec = EventCodec.of(QualitySnapshot.class);
    private QualitySnapshot withoutBands;
    private QualitySnapshot withBands;

    @Setup
    public void setUp() {
        withoutBands = snapshot(Map.of());
        Map<String, AnomalyBand> bands = new TreeMap<>();
        for (String metric : new String[] {"volume", "arrival-gap", "null-rate.campaign_id", "measure-sum.clicks"}) {
            bands.put(metric, AnomalyBand.newBuilder().setObserved(1234.0).setExpected(1200.5).setLow(900.25).setHigh(1500.75)
                    .setPeriodEnd(Instant.parse("2026-12-01T10:00:00Z")).setState("normal").build());
        }
        withBands = snapshot(Map.copyOf(bands));
    }

    private static QualitySnapshot snapshot(Map<String, AnomalyBand> bands) {
        Instant end = Instant.parse("2026-12-01T10:05:00Z");
        return QualitySnapshot.newBuilder().setProductId("paid-media.campaign-performance-0042")
                .setWindowStart(end.minusSeconds(3600)).setWindowEnd(end).setRecordsReceived(12000).setRecordsExpected(12000)
                .setCompleteness(1.0).setRequiredFieldCompleteness(Map.of("campaign_id", 1.0, "email", 0.999))
                .setNewestRecordTime(end.minusSeconds(20)).setCompletenessTarget(0.95)
                .setQualityRuleValues(Map.of("schema.0.quality.0", 0.0)).setQualityRulesNotEvaluated(Map.of())
                .setAnomalyBands(bands).setComputedAt(end).build();
    }

    @Benchmark
    public byte[] withoutBands() {
        return codec.encode(withoutBands, OutputFormat.AVRO);
    }

    @Benchmark
    public byte[] withFourBands() {
        return codec.encode(withBands, OutputFormat.AVRO);
    }
}
