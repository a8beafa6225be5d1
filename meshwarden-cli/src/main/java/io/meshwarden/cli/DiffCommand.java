package io.meshwarden.cli;

import io.meshwarden.avro.ImpactReport;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.governance.diff.VersionCheck;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code meshwarden diff OLD NEW}: the pipeline's contract diff and version check on two files,
 * offline (for CI): every change classified breaking, compatible or patch-only with its reason,
 * the bump they require and the bump made. Exit 1 when the bump is too small. With
 * {@code --bootstrap-servers}, also who a breaking change, deprecation or retirement would hit now
 * ({@link ImpactLookup}); a cluster that does not answer is a warning, not a failure.
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

    @ParentCommand
    Meshwarden parent;

    @Option(names = "--impact-timeout", description = {"with --bootstrap-servers: how long to read who the change hits",
            "(default: ${DEFAULT-VALUE})"}, defaultValue = "PT10S")
    Duration impactTimeout;

    @Override
    public Integer call() {
        ContractPair pair = files.load();
        VersionCheck check = pair.versionCheck();
        new DiffPrinter(spec.commandLine().getOut(), format).print(pair, check, impact(pair));
        return check.tooSmall() ? Meshwarden.REJECTED : 0;
    }

    /** Who the change hits, when a broker is named on the command line and answers; a warning when it does not. */
    private Optional<ImpactReport> impact(ContractPair pair) {
        if (parent == null || parent.bootstrapServers == null) {
            return Optional.empty();
        }
        MeshwardenConfig config = parent.config();
        try {
            return ImpactLookup.of(config, pair.previous().contract(), pair.next().contract(), impactTimeout);
        } catch (KafkaException | IllegalStateException e) {
            TerminalWriter.of(spec.commandLine().getErr()).printf("warning: no impact analysis, the cluster at %s did not answer: %s%n",
                    config.bootstrapServers(), e.getMessage());
            return Optional.empty();
        }
    }
}
