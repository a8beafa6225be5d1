package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.quality.QualityStreams;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's ODCS contracts published to the running governance pipeline get the verdicts
 * `meshwarden validate` gives them offline: accepted; and without a steward, rejected.
 */
@EmbeddedKafka
class OdcsPublishIT {
    private static final String PREFIX = "odcs-it.";
    private static final Path ODCS = Path.of("../mesh-local/src/main/resources/demo/contracts/odcs");

    private record Run(int exit, String out, String err) {
    }

    @Test
    void thePipelineJudgesOdcsContractsAsValidateDoes(EmbeddedKafkaBroker broker, @TempDir Path stateDir, @TempDir Path dir)
            throws IOException {
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.toString(),
                Settings.TOPIC_PREFIX.key(), PREFIX,
                Settings.APPLICATION_ID_PREFIX.key(), "odcs-it"));
        Path noSteward = dir.resolve("no-steward.odcs.yaml");
        Files.writeString(noSteward, Files.readString(ODCS.resolve("email.send-engagement.odcs.yaml"))
                .replace("  - username: steward@email.example.com\n    role: data steward\n", "").replace("version: 1.0.0", "version: 1.1.0"));

        try (QualityStreams app = QualityStreams.start(config)) {
            assertThat(run(broker, "policies", "publish", "--timeout", "PT60S", "../policies").exit()).isZero();
            for (String file : new String[] {"paid-media.campaign-performance.odcs.yaml", "email.send-engagement.odcs.yaml"}) {
                Run published = run(broker, "publish", "--timeout", "PT60S", ODCS.resolve(file).toString());
                assertThat(published.exit()).as(published.out() + published.err()).isZero();
                assertThat(published.out()).startsWith("ACCEPTED  ");
            }
            Run rejected = run(broker, "publish", "--timeout", "PT60S", noSteward.toString());
            assertThat(rejected.exit()).as(rejected.err()).isEqualTo(Meshwarden.REJECTED);
            assertThat(rejected.out()).startsWith("REJECTED  email.send-engagement@1.1.0")
                    .contains("metadata.ownership [global@1.1.0]: product email.send-engagement has no steward");
        }
    }

    private static Run run(EmbeddedKafkaBroker broker, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 4];
        all[0] = "-b";
        all[1] = broker.bootstrapServers();
        all[2] = "--topic-prefix";
        all[3] = PREFIX;
        System.arraycopy(args, 0, all, 4, args.length);
        int exit = Meshwarden.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(exit, out.toString(), err.toString());
    }
}
