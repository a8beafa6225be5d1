package io.meshwarden.cli;

import io.meshwarden.config.ConfigOptions;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.governance.yaml.YamlFileException;
import io.meshwarden.schemas.AvroTrust;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code meshwarden} command line: validate contracts offline, diff two versions of a contract
 * and check the version bump (for CI), publish contracts and policy sets to a running mesh, tail
 * its topics, scaffold a new data product ({@code init}). Exit codes: 0 success, 1 a contract was rejected (or its version bump is too small),
 * 2 bad input (the message names the file and line), 3 no decision within the timeout.
 */
@Command(name = "meshwarden", mixinStandardHelpOptions = true, version = "meshwarden 0.1.0",
        description = "Data contract governance for a Kafka data mesh.",
        subcommands = {ValidateCommand.class, DiffCommand.class, CiCommand.class, DocsCommand.class, ChangelogCommand.class, PublishCommand.class,
                ProposalsCommand.class, PoliciesCommand.class,
                TailCommand.class, ExportCommand.class, ImportCommand.class, AccessCommands.class, InitCommand.class})
public final class Meshwarden {
    static final int REJECTED = 1;
    static final int BAD_INPUT = 2;
    static final int TIMED_OUT = 3;
    /** The cluster refused this principal (authentication or an ACL): a clear line, never a stack trace. */
    static final int NOT_AUTHORIZED = 4;

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
            description = {"Kafka cluster (default localhost:9092).", "Setting meshwarden.bootstrap.servers."})
    String bootstrapServers;

    @Mixin
    ConfigOptions settings;

    private final Map<String, String> environment;

    Meshwarden(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        AvroTrust.ensure();
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs one command with its output and errors going to the given writers (what the tests read). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return run(System.getenv(), out, err, args);
    }

    /** Runs one command in this environment (what the layered configuration reads). */
    static int run(Map<String, String> environment, java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Meshwarden(environment)).setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof YamlFileException || e instanceof IllegalArgumentException) {
                TerminalWriter.of(cmd.getErr()).printf("error: %s%n", e.getMessage());
                return BAD_INPUT;
            }
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof org.apache.kafka.common.errors.AuthorizationException
                        || cause instanceof org.apache.kafka.common.errors.AuthenticationException) {
                    TerminalWriter.of(cmd.getErr()).printf("error: the cluster refused this principal (%s): %s%n",
                            cause.getClass().getSimpleName(), cause.getMessage());
                    return NOT_AUTHORIZED;
                }
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    /** The environment this command runs in (what CI variables such as GITHUB_BASE_REF are read from). */
    Map<String, String> environment() {
        return environment;
    }

    /** The layered configuration (file, environment) with this command line's overrides on top. */
    MeshwardenConfig config() {
        Map<String, String> overrides = new HashMap<>(settings.overrides());
        if (bootstrapServers != null) {
            overrides.put(Settings.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        }
        return MeshwardenConfig.load(environment, overrides);
    }
}
