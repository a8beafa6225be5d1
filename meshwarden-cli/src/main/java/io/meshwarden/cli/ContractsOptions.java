package io.meshwarden.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments of the commands that judge contract files by policy sets: {@code CONTRACT... [--policies DIR] [--domain D]}. */
final class ContractsOptions {
    @Parameters(arity = "1..*", paramLabel = "CONTRACT", description = "contract files, or directories of *.yaml files")
    List<Path> contracts;

    @Option(names = "--policies", paramLabel = "DIR", description = "directory of policy set files (default: the built-in global set)")
    Path policies;

    @Option(names = "--domain", description = "domain of ODCS documents that name none")
    String defaultDomain;
}
