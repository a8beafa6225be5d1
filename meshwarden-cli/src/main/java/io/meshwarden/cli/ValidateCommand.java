package io.meshwarden.cli;

import io.meshwarden.governance.CatalogView;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Verdict;
import io.meshwarden.governance.policy.PolicyLayers;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
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

    @Parameters(arity = "1..*", paramLabel = "CONTRACT", description = "contract files, or directories of *.yaml files")
    List<Path> contracts;

    @Option(names = "--policies", paramLabel = "DIR", description = "directory of policy set files (default: the built-in global set)")
    Path policies;

    @Option(names = "--format", description = "human or json (default: ${DEFAULT-VALUE})", defaultValue = "human")
    VerdictPrinter.Format format;

    @Option(names = "--domain", description = "domain of ODCS documents that name none")
    String defaultDomain;

    @Option(names = "--previous", paramLabel = "OLD",
            description = "the last accepted version of the (one) contract: judge it as the pipeline would after OLD")
    Path previous;

    @Override
    public Integer call() {
        PolicyLayers layers = PolicyDirectory.layers(policies);
        VerdictPrinter printer = new VerdictPrinter(spec.commandLine().getOut(), format);
        if (previous != null) {
            return againstPrevious(layers, printer);
        }
        boolean rejected = false;
        for (ContractFiles.Loaded loaded : ContractFiles.load(contracts, defaultDomain)) {
            Verdict verdict = layers.evaluate(ContractContext.of(loaded.contract()));
            printer.print(loaded, verdict);
            rejected |= !verdict.accepted();
        }
        return rejected ? Meshwarden.REJECTED : 0;
    }

    /** The pipeline's own call: the contract in the context of its last accepted version (offline, no catalog). */
    private int againstPrevious(PolicyLayers layers, VerdictPrinter printer) {
        if (contracts.size() != 1) {
            throw new ParameterException(spec.commandLine(), "--previous OLD compares one NEW contract file, not " + contracts.size());
        }
        ContractPair pair = ContractPair.load(previous, contracts.get(0), defaultDomain);
        Verdict verdict = layers.evaluate(new ContractContext(pair.next().contract(), pair.previous().contract(), CatalogView.EMPTY));
        printer.print(pair.next(), verdict);
        return verdict.accepted() ? 0 : Meshwarden.REJECTED;
    }
}
