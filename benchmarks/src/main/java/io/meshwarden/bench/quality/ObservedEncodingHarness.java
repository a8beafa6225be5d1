package io.meshwarden.bench.quality;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.LocalSchemaRegistry;
import io.meshwarden.schemas.AvroTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Observed-mode throughput on Confluent-framed Avro as a ratio to Avro single-object encoding, in one run on one
 * embedded broker, run by hand: {@code java -cp ... io.meshwarden.bench.quality.ObservedEncodingHarness [records]
 * [products] [rounds]}. Starts a {@link LocalSchemaRegistry} (a stand-in answering the registry's documented REST
 * endpoints) with the contract's schema registered under each Confluent topic's subject, loads the same records
 * twice, once per encoding, into topics of their own, and then times observed mode over each in fresh applications
 * ({@link ObservedRulesHarness#run}: same topologies, contracts with the ODCS rules, exactly-once, one thread). Both
 * encodings write the contract's own schema, so the ratio is the cost of the framing, the registry lookup (once per
 * id, then cached) and the resolving reader. Prints each rate and the ratio.
 */
public final class ObservedEncodingHarness {
    private ObservedEncodingHarness() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.ensure();
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int products = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path stateRoot = Files.createTempDirectory("observed-encoding-harness");
        List<double[]> results = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(); LocalSchemaRegistry registry = LocalSchemaRegistry.start()) {
            ObservedWorkload avro = new ObservedWorkload(products, "bench-avro.", ObservedWorkload.Encoding.AVRO, 0);
            // Every Confluent topic's subject holds the same schema: one id, as a registry gives identical schemas.
            int schemaId = 0;
            for (int i = 0; i < products; i++) {
                schemaId = registry.register("bench-confluent.observed-" + i + ".v1-value", "AVRO", ObservedWorkload.schema());
            }
            ObservedWorkload confluent = new ObservedWorkload(products, "bench-confluent.", ObservedWorkload.Encoding.CONFLUENT_AVRO,
                    schemaId);
            long eventStart = System.currentTimeMillis() - ObservedWorkload.EVENT_SPAN.toMillis();
            MeshwardenConfig loader = QualityPipelineHarness.config(broker.bootstrapServers(), "load", stateRoot);
            for (ObservedWorkload workload : List.of(avro, confluent)) {
                for (int i = 0; i < products; i++) {
                    broker.createTopic(workload.outputTopic(i), 1, false);
                }
                workload.loadRecords(loader, records, eventStart);
            }
            for (int round = 1; round <= rounds; round++) {
                // By turns: the encoding measured second in a round runs on a warmer JVM, so odd rounds start with one, even
                // rounds with the other.
                boolean framedFirst = round % 2 == 0;
                double framed = framedFirst ? framed(broker, stateRoot, registry, confluent, round, records, eventStart) : 0;
                double single = ObservedRulesHarness.run(broker, stateRoot, avro, "avro" + round, ObservedWorkload.Rules.ODCS,
                        records, eventStart);
                if (!framedFirst) {
                    framed = framed(broker, stateRoot, registry, confluent, round, records, eventStart);
                }
                results.add(new double[] {single, framed});
            }
            System.out.printf(Locale.ROOT, "%nobserved mode, %,d records per encoding, %,d products (1 partition each), ODCS rules,"
                    + " exactly_once_v2, 1 thread; registry requests %d:%n", records, products, registry.requests());
        }
        for (int i = 0; i < results.size(); i++) {
            double[] r = results.get(i);
            System.out.printf(Locale.ROOT, "  round %d (%s first): Avro single-object %,10.0f records/s, Confluent-framed Avro %,10.0f"
                    + " records/s, ratio %.2f%n", i + 1, (i + 1) % 2 == 0 ? "Confluent" : "single-object", r[0], r[1], r[1] / r[0]);
        }
        System.out.printf(Locale.ROOT, "  over all rounds: ratio %.2f%n", results.stream().mapToDouble(r -> r[1]).sum()
                / results.stream().mapToDouble(r -> r[0]).sum());
    }

    private static double framed(EmbeddedKafkaBroker broker, Path stateRoot, LocalSchemaRegistry registry, ObservedWorkload confluent,
                                 int round, int records, long eventStart) throws Exception {
        MeshwardenConfig withRegistry = QualityPipelineHarness.config(broker.bootstrapServers(), "confluent" + round, stateRoot)
                .with(Settings.SCHEMA_REGISTRY_URL.key(), registry.url().toString());
        return ObservedRulesHarness.run(confluent, "confluent" + round, ObservedWorkload.Rules.ODCS, records, withRegistry, eventStart);
    }
}
