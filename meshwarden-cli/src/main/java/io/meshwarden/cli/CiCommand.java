package io.meshwarden.cli;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.governance.CatalogView;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Evaluation;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Verdict;
import io.meshwarden.governance.diff.VersionCheck;
import io.meshwarden.governance.policy.PolicyLayers;
import io.meshwarden.governance.yaml.YamlFileException;
import io.meshwarden.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code meshwarden ci [--format text|github] [--policies DIR] [-b BOOTSTRAP] CONTRACT...}: what a
 * pipeline runs on every change of a contract file. For each: validate it, diff it against the version
 * published before (the catalog's when a broker is named and answers, else git's at {@code --base},
 * see {@link GitRevision}) with the version check, and judge it by the policy sets as the pipeline would
 * after that version. {@code github} writes workflow commands, so findings show on the pull request's
 * lines. Exit 1 on a blocking finding or a version bump too small, 2 on a file that does not read
 * (annotated at its line too), else 0.
 */
@Command(name = "ci", mixinStandardHelpOptions = true,
        description = "Validate, diff against the published version (catalog, else git) and policy-check contracts, for CI.")
final class CiCommand implements Callable<Integer> {
    enum Format { text, github }

    @ParentCommand
    Meshwarden parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ContractsOptions files;

    @Mixin
    ClusterOption cluster;

    @Option(names = "--format", description = "text or github (default: ${DEFAULT-VALUE})", defaultValue = "text")
    Format format;

    @Option(names = "--base", paramLabel = "REV",
            description = "git revision of the published versions (default: the merge base with origin/$GITHUB_BASE_REF, else HEAD~1)")
    String base;

    @Option(names = "--catalog-timeout", description = "how long to read the catalog (default: ${DEFAULT-VALUE})", defaultValue = "PT15S")
    Duration catalogTimeout;

    private TerminalWriter out;

    @Override
    public Integer call() {
        out = TerminalWriter.of(spec.commandLine().getOut());
        PolicyLayers layers = PolicyDirectory.layers(files.policies);
        Optional<Map<String, DataProductContract>> catalog = catalog();
        int exit = 0;
        for (Path path : files.contracts) {
            for (Path file : ContractFiles.files(path)) {
                try {
                    exit = Math.max(exit, check(file, layers, catalog));
                } catch (YamlFileException e) {
                    badInput(e);
                    exit = Meshwarden.BAD_INPUT;
                } catch (IllegalArgumentException e) {
                    badInput(new YamlFileException(file.toString(), 1, e.getMessage()));
                    exit = Meshwarden.BAD_INPUT;
                }
            }
        }
        out.flush();
        return exit;
    }

    private int check(Path file, PolicyLayers layers, Optional<Map<String, DataProductContract>> catalog) {
        ContractFiles.Loaded next = ContractFiles.load(file, files.defaultDomain);
        ChangeLocator locator = ContractPair.locator(file);
        Optional<ContractFiles.Loaded> previous = previous(next, catalog, locator);
        int exit = 0;
        if (previous.isPresent()) {
            ContractPair pair = ContractPair.of(previous.get(), next);
            VersionCheck check = pair.versionCheck();
            new DiffPrinter(out, format == Format.github ? DiffPrinter.Format.github : DiffPrinter.Format.text).print(pair, check);
            exit = check.tooSmall() ? Meshwarden.REJECTED : 0;
        }
        Verdict verdict = layers.evaluate(new ContractContext(next.contract(), previous.map(ContractFiles.Loaded::contract).orElse(null),
                catalog.map(CiCommand::view).orElse(CatalogView.EMPTY)));
        if (format == Format.github) {
            github(file, locator, next.contract(), verdict);
        } else {
            new VerdictPrinter(out, VerdictPrinter.Format.human).print(next, verdict);
        }
        return verdict.accepted() ? exit : Meshwarden.REJECTED;
    }

    /** The version published before: the catalog's when it was read, else git's; none for a new product (said so). */
    private Optional<ContractFiles.Loaded> previous(ContractFiles.Loaded next, Optional<Map<String, DataProductContract>> catalog,
                                                   ChangeLocator locator) {
        String id = next.contract().getId();
        if (catalog.isPresent()) {
            DataProductContract published = catalog.get().get(id);
            if (published == null) {
                note(next.file(), locator.lineOfId(), "previous version", "no product '" + id + "' in the catalog: a new product");
                return Optional.empty();
            }
            return Optional.of(new ContractFiles.Loaded(Path.of("catalog@" + published.getVersion()), published, List.of()));
        }
        GitRevision.Found found = GitRevision.previous(next.file(), base, parent.environment());
        if (found.text().isEmpty()) {
            note(next.file(), locator.lineOfId(), "previous version", found.note());
            return Optional.empty();
        }
        Path label = Path.of(found.revision() + ":" + next.file().getFileName());
        List<ContractFiles.Loaded> all = ContractFiles.parse(label, found.text().get(), files.defaultDomain);
        return all.stream().filter(loaded -> loaded.contract().getId().equals(id)).findFirst().or(() -> all.stream().findFirst());
    }

    /** The catalog when a broker is named and answers in time; a warning and git otherwise. */
    private Optional<Map<String, DataProductContract>> catalog() {
        if (!cluster.named(parent)) {
            return Optional.empty();
        }
        MeshwardenConfig config = cluster.config(parent);
        try {
            return Optional.of(CompactedTopics.latest(config, Topics.CATALOG, DataProductContract::getId, catalogTimeout));
        } catch (KafkaException | IllegalArgumentException | IllegalStateException e) {
            TerminalWriter.of(spec.commandLine().getErr()).printf("warning: the catalog at %s did not answer (%s); previous versions from git%n",
                    config.bootstrapServers(), e.getMessage());
            return Optional.empty();
        }
    }

    private void github(Path file, ChangeLocator locator, DataProductContract contract, Verdict verdict) {
        for (Evaluation evaluation : verdict.evaluations()) {
            for (Finding finding : evaluation.findings()) {
                out.println(GithubAnnotations.command(finding.blocking() ? "error" : "warning", file.toString(), locator.lineOfId(),
                        "policy " + finding.ruleId() + " [" + evaluation.policySet() + "]", finding.message()));
            }
        }
        out.println(GithubAnnotations.command(verdict.accepted() ? "notice" : "error", file.toString(), locator.lineOfId(),
                "policy verdict", verdict.outcome() + " " + contract.getId() + "@" + contract.getVersion() + " (policy sets "
                        + String.join(", ", verdict.policySets()) + ")"));
    }

    private void note(Path file, int line, String title, String message) {
        if (format == Format.github) {
            out.println(GithubAnnotations.command("notice", file.toString(), line, title, message));
        } else {
            out.printf("NEW        %s: %s%n", file, message);
        }
    }

    private void badInput(YamlFileException e) {
        if (format == Format.github) {
            out.println(GithubAnnotations.command("error", e.file(), e.line(), "contract file", e.problem()));
        }
        TerminalWriter.of(spec.commandLine().getErr()).printf("error: %s%n", e.getMessage());
    }

    /** The catalog as governance sees it while judging: active consumers and every product's contract. */
    private static CatalogView view(Map<String, DataProductContract> catalog) {
        return new CatalogView() {
            @Override
            public List<String> activeConsumersOf(String productId) {
                return catalog.values().stream().filter(c -> c.getStatus() == ProductStatus.ACTIVE)
                        .filter(c -> c.getUpstreamProducts().contains(productId)).map(DataProductContract::getId).sorted().toList();
            }

            @Override
            public Optional<DataProductContract> product(String productId) {
                return Optional.ofNullable(catalog.get(productId));
            }

            @Override
            public boolean knowsProducts() {
                return true;
            }
        };
    }
}
