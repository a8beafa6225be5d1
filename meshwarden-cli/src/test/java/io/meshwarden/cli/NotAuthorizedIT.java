package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The broker refusing the CLI's principal is one clear line and exit 4, never a stack trace. */
@EmbeddedKafka(secured = true, users = "social", topics = "mesh.products.changes.paid-media")
class NotAuthorizedIT {

    @Test
    void aDomainPublishingForAnotherDomainIsToldTheClusterRefusedIt(EmbeddedKafkaBroker broker) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> environment = Map.of("KAFKA_SASL_USERNAME", "social",
                "KAFKA_SASL_PASSWORD", broker.security().password("social"), "MESHWARDEN_CHANGES_PER_DOMAIN", "true");

        int exit = Meshwarden.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), "-b", broker.bootstrapServers(),
                "publish", "--timeout", "PT10S", ValidateCommandTest.DEMO + "/paid-media.campaign-performance.yaml");

        assertThat(exit).as(err.toString()).isEqualTo(Meshwarden.NOT_AUTHORIZED);
        assertThat(err.toString()).startsWith("error: the cluster refused this principal (TopicAuthorizationException): ")
                .doesNotContain("\tat ");
    }
}
