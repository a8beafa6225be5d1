package io.meshwarden.cli;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.governance.yaml.YamlFileException;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code meshwarden} command line: validate contracts offline, publish contracts and policy
 * sets to a running mesh, tail its topics. Exit codes: 0 success, 1 a contract was rejected,
 * 2 bad input (the message names the file and line), 3 no decision within the timeout.
 */
@Command(name = "meshwarden", mixinStandardHelpOptions = true, version = "meshwarden 0.1.0",
        description = "Data contract governance for a Kafka data mesh.",
        subcommands = {ValidateCommand.class, PublishCommand.class, PoliciesCommand.class, TailCommand.class})
public final class Meshwarden {
    static final int REJECTED = 1;
    static final int BAD_INPUT = 2;
    static final int TIMED_OUT = 3;

    @Option(names = {"-b", "--bootstrap-servers"}, description = "Kafka bootstrap servers (default: meshwarden.bootstrap.servers)")
    String bootstrapServers;

    @Option(names = "--topic-prefix", description = "prefix of the mesh topics (default: meshwarden.topic.prefix)")
    String topicPrefix;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs one command with its output and errors going to the given writers (what the tests read). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Meshwarden()).setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof YamlFileException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    /** The layered configuration (file, environment) with this command line's overrides on top. */
    MeshwardenConfig config() {
        Map<String, String> overrides = new HashMap<>();
        if (bootstrapServers != null) {
            overrides.put(Settings.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        }
        if (topicPrefix != null) {
            overrides.put(Settings.TOPIC_PREFIX.key(), topicPrefix);
        }
        return MeshwardenConfig.load(overrides);
    }
}
