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

/** `meshwarden policies publish` against the running governance pipeline: in force, unchanged, refused with its reason. */
@EmbeddedKafka
class PoliciesCommandIT {
    private static final String PREFIX = "policies-it.";

    @Test
    void putsTheShippedSetsInForceRecognisesThemUnchangedAndReportsARefusalWithItsReason(EmbeddedKafkaBroker broker,
            @TempDir Path stateDir, @TempDir Path loosening) throws IOException {
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.toString(),
                Settings.TOPIC_PREFIX.key(), PREFIX,
                Settings.APPLICATION_ID_PREFIX.key(), "policies-it"));
        Files.writeString(loosening.resolve("social.yaml"), "id: social\nversion: 1.0.0\nscope: domain\ndomain: social\nrules:\n"
                + "  - id: classification.pii\n    kind: pii-classification\n    severity: blocking\n"
                + "    parameters:\n      minimum: internal\n");

        try (QualityStreams app = QualityStreams.start(config)) {
            Run first = publish(broker, "../policies");
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out().lines()).hasSize(3).allMatch(line -> line.startsWith("IN FORCE  "))
                    .anyMatch(line -> line.contains("global@1.0.0")).anyMatch(line -> line.contains("paid-media@1.0.0"))
                    .anyMatch(line -> line.contains("customer-analytics@1.0.0"));

            Run again = publish(broker, "../policies");
            assertThat(again.exit()).isZero();
            assertThat(again.out().lines()).hasSize(3).allMatch(line -> line.startsWith("IN FORCE  "));

            Run refused = publish(broker, loosening.toString());
            assertThat(refused.exit()).isEqualTo(Meshwarden.REJECTED);
            assertThat(refused.out().strip()).startsWith("REFUSED   social@1.0.0  (" + loosening.resolve("social.yaml") + "): ")
                    .contains("loosens or contradicts the global set");
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run publish(EmbeddedKafkaBroker broker, String directory) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Meshwarden.run(new PrintWriter(out, true), new PrintWriter(err, true), "-b", broker.bootstrapServers(),
                "--topic-prefix", PREFIX, "policies", "publish", "--timeout", "PT60S", directory);
        return new Run(exit, out.toString(), err.toString());
    }
}
