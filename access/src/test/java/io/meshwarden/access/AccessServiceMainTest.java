package io.meshwarden.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The access service's command line over its layered configuration. */
class AccessServiceMainTest {

    @Test
    void optionsOverrideTheEnvironment() {
        MeshwardenConfig config = config(Map.of("MESHWARDEN_ACCESS_ENFORCE", "false", "MESHWARDEN_BOOTSTRAP_SERVERS", "env:9092"),
                "--enforce", "--bootstrap-servers", "cli:9092", "--topic-prefix", "staging.");

        assertThat(config.get(Settings.ACCESS_ENFORCE)).isEqualTo("true");
        assertThat(config.bootstrapServers()).isEqualTo("cli:9092");
        assertThat(config.topics().prefix()).isEqualTo("staging.");
    }

    @Test
    void withoutOptionsTheDefaultsReportAndDoNotEnforce() {
        MeshwardenConfig config = config(Map.of());

        assertThat(config.get(Settings.ACCESS_ENFORCE)).isEqualTo("false");
        assertThat(config.getLong(Settings.ACCESS_RECONCILE_INTERVAL_MS)).isEqualTo(30_000L);
        assertThat(config.getLong(Settings.ACCESS_EXPIRY_INTERVAL_MS)).isEqualTo(1_000L);
    }

    @Test
    void aBadOptionExitsWith2AndPrintsTheUsage() {
        StringWriter err = new StringWriter();

        int exitCode = new CommandLine(new AccessServiceMain(Map.of())).setErr(new PrintWriter(err, true)).execute("--config");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: access", "--enforce", "--bootstrap-servers");
    }

    private static MeshwardenConfig config(Map<String, String> environment, String... args) {
        AccessServiceMain main = new AccessServiceMain(environment);
        new CommandLine(main).parseArgs(args);
        return main.config();
    }
}
