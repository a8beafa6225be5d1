package io.meshwarden.cli;

import io.meshwarden.governance.diff.VersionCheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshwarden diff OLD NEW}: the pipeline's contract diff and version check on two files,
 * offline (for CI): every change classified breaking, compatible or patch-only with its reason,
 * the bump they require and the bump made. Exit 1 when the bump is too small.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Classify every change between two versions of a contract and check the version bump.")
final class DiffCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ContractPairOptions files;

    @Option(names = "--format", description = "text, json or github (default: ${DEFAULT-VALUE})", defaultValue = "text")
    DiffPrinter.Format format;

    @Override
    public Integer call() {
        ContractPair pair = files.load();
        VersionCheck check = pair.versionCheck();
        new DiffPrinter(spec.commandLine().getOut(), format).print(pair, check);
        return check.tooSmall() ? Meshwarden.REJECTED : 0;
    }
}
