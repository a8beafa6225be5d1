package io.meshwarden.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments of the commands that compare two versions of a contract: {@code OLD NEW [--domain D]}. */
final class ContractPairOptions {
    @Parameters(index = "0", paramLabel = "OLD", description = "the previous (accepted) contract file")
    Path previous;

    @Parameters(index = "1", paramLabel = "NEW", description = "the new contract file")
    Path next;

    @Option(names = "--domain", description = "domain of ODCS documents that name none")
    String defaultDomain;

    ContractPair load() {
        return ContractPair.load(previous, next, defaultDomain);
    }
}
