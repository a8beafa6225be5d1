package io.meshwarden.cli;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.events.TopicWaiter;
import io.meshwarden.governance.odcs.OdcsExporter;
import io.meshwarden.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code meshwarden export odcs PRODUCT|FILE}: writes a contract as an ODCS v3.1.0 document,
 * checked against the ODCS JSON Schema. FILE is any contract file the CLI reads (Meshwarden YAML
 * or ODCS); PRODUCT is a product id, whose accepted contract is read from the catalog topic.
 * Several contracts (an ODCS file with several objects) are written as several YAML documents.
 * What ODCS cannot hold is listed on stderr. Exit 2 when PRODUCT is neither a file nor in the
 * catalog, 3 when the catalog cannot be read.
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write a contract as an ODCS v3.1.0 document.")
final class ExportCommand implements Callable<Integer> {
    enum Format { odcs }

    @ParentCommand
    Meshwarden parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "odcs")
    Format format;

    @Parameters(index = "1", paramLabel = "PRODUCT|FILE", description = "a contract file, or the id of a product in the catalog")
    String source;

    @Option(names = "--domain", description = "domain of an ODCS document that names none")
    String defaultDomain;

    @Option(names = "--timeout", description = "how long to read the catalog (default: ${DEFAULT-VALUE})", defaultValue = "PT30S")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MeshwardenConfig config = parent.config();
        List<DataProductContract> contracts;
        try {
            contracts = Files.exists(Path.of(source))
                    ? ContractFiles.loadAll(Path.of(source), defaultDomain).stream().map(ContractFiles.Loaded::contract).toList()
                    : List.of(fromCatalog(config));
        } catch (org.apache.kafka.common.KafkaException e) {
            err.println("cannot read the catalog " + config.topics().name(Topics.CATALOG) + " at " + config.bootstrapServers()
                    + ": " + e.getMessage());
            return Meshwarden.TIMED_OUT;
        }
        for (int i = 0; i < contracts.size(); i++) {
            OdcsExporter.Export export = OdcsExporter.export(contracts.get(i), config.bootstrapServers());
            out.print(i == 0 ? export.yaml() : "---\n" + export.yaml());
            export.warnings().forEach(w -> TerminalWriter.of(err).printf("warning: %s%n", w));
        }
        out.flush();
        return 0;
    }

    /** The latest accepted contract of the product, read from the compacted catalog topic up to its end. */
    private DataProductContract fromCatalog(MeshwardenConfig config) {
        List<DataProductContract> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (TopicWaiter<DataProductContract> catalog = new TopicWaiter<>(config, config.topics().topic(Topics.CATALOG), true)) {
            while (!catalog.caughtUp() && Instant.now().isBefore(deadline)) {
                catalog.read(Duration.ofMillis(200), contract -> {
                    if (contract != null && contract.getId().equals(source)) {
                        found.add(contract);
                    }
                });
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("'" + source + "' is neither a file nor a product in the catalog "
                    + config.topics().name(Topics.CATALOG) + " at " + config.bootstrapServers());
        }
        return found.get(found.size() - 1);
    }
}
