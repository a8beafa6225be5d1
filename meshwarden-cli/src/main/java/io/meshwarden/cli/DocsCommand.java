package io.meshwarden.cli;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.docs.ProductDocs;
import io.meshwarden.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code meshwarden docs CONTRACT...|--catalog [-o DIR]}: writes the static documentation of data
 * products ({@link ProductDocs}, the pages the SLA monitor serves at {@code /docs/}): one HTML page
 * per product and an index, from contract files or from the catalog topic of a running mesh. Lineage
 * is drawn within the products documented.
 */
@Command(name = "docs", mixinStandardHelpOptions = true,
        description = "Write static HTML documentation (a page per product and an index) from contract files or the catalog.")
final class DocsCommand implements Callable<Integer> {
    @ParentCommand
    Meshwarden parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final class Source {
        @Parameters(arity = "1..*", paramLabel = "CONTRACT", description = "contract files, or directories of *.yaml files")
        List<Path> contracts;

        @Option(names = "--catalog", required = true, description = "document every product of the catalog topic (needs the broker)")
        boolean catalog;
    }

    @ArgGroup(multiplicity = "1")
    Source source;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "where to write the pages (default: ${DEFAULT-VALUE})",
            defaultValue = "meshwarden-docs")
    Path output;

    @Mixin
    ClusterOption cluster;

    @Option(names = "--domain", description = "domain of ODCS documents that name none")
    String defaultDomain;

    @Option(names = "--timeout", description = "with --catalog: how long to read it (default: ${DEFAULT-VALUE})", defaultValue = "PT30S")
    Duration timeout;

    @Override
    public Integer call() {
        List<DataProductContract> products = source.catalog ? catalog()
                : ContractFiles.load(source.contracts, defaultDomain).stream().map(ContractFiles.Loaded::contract).toList();
        Map<String, String> pages = ProductDocs.of(products).pages();
        try {
            Files.createDirectories(output);
            for (Map.Entry<String, String> page : pages.entrySet()) {
                Files.writeString(output.resolve(page.getKey()), page.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pages to " + output, e);
        }
        TerminalWriter.of(spec.commandLine().getOut()).printf("WROTE %s (%d product page(s))%n",
                output.resolve(ProductDocs.INDEX), pages.size() - 1);
        return 0;
    }

    private List<DataProductContract> catalog() {
        return List.copyOf(CompactedTopics.latest(cluster.config(parent), Topics.CATALOG, DataProductContract::getId, timeout).values());
    }
}
