package io.meshwarden.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ContractPairOptions files;

    @Override
    public Integer call() {
        ContractPair pair = files.load();
        spec.commandLine().getOut().print(Changelog.markdown(pair.next().contract().getId(), pair.versionCheck()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
