package io.meshwarden.cli;

import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Verdict;
import io.meshwarden.governance.policy.PolicyLayers;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code meshwarden validate CONTRACT.yaml... [--policies DIR]}: judges contracts offline with the
 * engine the pipeline runs (same policy admission, same rules). Exit 1 when any is rejected.
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

    @Override
    public Integer call() {
        PolicyLayers layers = PolicyDirectory.layers(policies);
        VerdictPrinter printer = new VerdictPrinter(spec.commandLine().getOut(), format);
        boolean rejected = false;
        for (ContractFiles.Loaded loaded : ContractFiles.load(contracts, defaultDomain)) {
            Verdict verdict = layers.evaluate(ContractContext.of(loaded.contract()));
            printer.print(loaded, verdict);
            rejected |= !verdict.accepted();
        }
        return rejected ? Meshwarden.REJECTED : 0;
    }
}
