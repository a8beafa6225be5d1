package io.meshwarden.config;

import io.meshwarden.schemas.AvroTrust;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * What the {@code main} of every picocli runnable does: trusts the Avro classes before any is loaded
 * ({@link AvroTrust}), builds the command for this process's environment (which its layered
 * configuration reads), runs it and exits with its code. A command that ends with 0 returns instead of
 * calling {@code System.exit}, which would wait forever if the command ended because a shutdown hook ran.
 */
public final class CommandLauncher {
    private CommandLauncher() {
    }

    /** Runs the command {@code forEnvironment} builds from {@code System.getenv()} on these arguments. */
    public static void launch(Function<Map<String, String>, Object> forEnvironment, String... args) {
        AvroTrust.ensure();
        int exitCode = new CommandLine(forEnvironment.apply(System.getenv())).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
