package io.meshwarden.cli;

import io.meshwarden.governance.CatalogView;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Verdict;
import io.meshwarden.governance.policy.PolicyLayers;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code meshwarden validate CONTRACT.yaml... [--policies DIR]}: judges contracts offline with the
 * engine the pipeline runs (same policy admission, same rules). With {@code --previous OLD NEW},
 * NEW is judged as the pipeline judges it when OLD is the accepted version (so the versioning and
 * compatibility rules apply). Exit 1 when any is rejected.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check contracts (Meshwarden YAML or ODCS v3) against policy sets, offline.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ContractsOptions files;

    @Option(names = "--format", description = "human or json (default: ${DEFAULT-VALUE})", defaultValue = "human")
    VerdictPrinter.Format format;

    @Option(names = "--previous", paramLabel = "OLD",
            description = "the last accepted version of the (one) contract: judge it as the pipeline would after OLD")
    Path previous;

    @Override
    public Integer call() {
        PolicyLayers layers = PolicyDirectory.layers(files.policies);
        VerdictPrinter printer = new VerdictPrinter(spec.commandLine().getOut(), format);
        if (previous != null) {
            return againstPrevious(layers, printer);
        }
        boolean rejected = false;
        for (ContractFiles.Loaded loaded : ContractFiles.load(files.contracts, files.defaultDomain)) {
            Verdict verdict = layers.evaluate(ContractContext.of(loaded.contract()));
            printer.print(loaded, verdict);
            rejected |= !verdict.accepted();
        }
        return rejected ? Meshwarden.REJECTED : 0;
    }

    /** The pipeline's own call: the contract in the context of its last accepted version (offline, no catalog). */
    private int againstPrevious(PolicyLayers layers, VerdictPrinter printer) {
        if (files.contracts.size() != 1) {
            throw new ParameterException(spec.commandLine(), "--previous OLD compares one NEW contract file, not " + files.contracts.size());
        }
        ContractPair pair = ContractPair.load(previous, files.contracts.get(0), files.defaultDomain);
        Verdict verdict = layers.evaluate(new ContractContext(pair.next().contract(), pair.previous().contract(), CatalogView.EMPTY));
        printer.print(pair.next(), verdict);
        return verdict.accepted() ? 0 : Meshwarden.REJECTED;
    }
}
