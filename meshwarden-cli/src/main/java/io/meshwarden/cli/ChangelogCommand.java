package io.meshwarden.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code meshwarden changelog OLD NEW}: the changes between two versions of a contract as a
 * Markdown changelog entry. Exit 0 whatever the bump (a too small one is said in the entry;
 * {@code diff} is the check).
 */
@Command(name = "changelog", mixinStandardHelpOptions = true,
        description = "Print the changes between two versions of a contract as a Markdown changelog entry.")
final class ChangelogCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "the previous contract file")
    Path previous;

    @Parameters(index = "1", paramLabel = "NEW", description = "the new contract file")
    Path next;

    @Option(names = "--domain", description = "domain of ODCS documents that name none")
    String defaultDomain;

    @Override
    public Integer call() {
        ContractPair pair = ContractPair.load(previous, next, defaultDomain);
        spec.commandLine().getOut().print(Changelog.markdown(pair.next().contract().getId(), pair.versionCheck()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
