package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.kafka.embedded.LocalSchemaRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `meshwarden import registry SUBJECT`: a contract skeleton from a schema registry subject. */
class ImportCommandTest {
    private static final String SCHEMA_V1 = "{\"type\":\"record\",\"name\":\"CampaignPerformance\",\"doc\":\"Daily campaign performance\","
            + "\"fields\":[{\"name\":\"campaign_id\",\"type\":\"string\",\"doc\":\"the ad platform's campaign key\"},"
            + "{\"name\":\"clicks\",\"type\":[\"null\",\"long\"],\"default\":null}]}";
    private static final String SCHEMA_V2 = "{\"type\":\"record\",\"name\":\"CampaignPerformance\","
            + "\"fields\":[{\"name\":\"campaign_id\",\"type\":\"string\"},{\"name\":\"clicks\",\"type\":[\"null\",\"long\"],\"default\":null},"
            + "{\"name\":\"spend_micros\",\"type\":\"long\"}]}";

    @AutoClose
    private final LocalSchemaRegistry registry = LocalSchemaRegistry.start();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Meshwarden.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void writesAnOdcsSkeletonOfTheSubjectsLatestVersionThatReadsBackWithItsSchema() throws Exception {
        registry.register("paid-media.campaign-performance.v1-value", "AVRO", SCHEMA_V1);
        int latest = registry.register("paid-media.campaign-performance.v1-value", "AVRO", SCHEMA_V2);
        Path file = dir.resolve("contract.odcs.yaml");

        int exit = run("import", "registry", "paid-media.campaign-performance.v1-value", "--registry", registry.url().toString(),
                "--domain", "paid-media", "-o", file.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readString(file)).startsWith("# Imported from schema registry subject paid-media.campaign-performance.v1-value"
                + " version 2 (id " + latest + ")");
        DataProductContract imported = ContractFiles.loadAll(file, null).get(0).contract();
        assertThat(imported.getId()).isEqualTo("paid-media.campaign-performance");
        assertThat(imported.getOutputPorts()).extracting(p -> p.getTopic()).containsExactly("paid-media.campaign-performance.v1");
        assertThat(imported.getFields()).extracting(f -> f.getName() + ":" + f.getRequired())
                .containsExactly("campaign_id:true", "clicks:false", "spend_micros:true");
        assertThat(new org.apache.avro.Schema.Parser().parse(imported.getProductSchema()))
                .isEqualTo(new org.apache.avro.Schema.Parser().parse(SCHEMA_V2));
        // A skeleton: what governance needs and the registry does not know is left for the team, and validate says so.
        assertThat(run("validate", "--policies", "../policies", file.toString())).isNotZero();
    }

    @Test
    void aGivenVersionAndItsDescriptionsAreImported() {
        registry.register("orders-value", "AVRO", SCHEMA_V1);
        registry.register("orders-value", "AVRO", SCHEMA_V2);

        assertThat(run("import", "registry", "orders-value", "--version", "1", "--registry", registry.url().toString(),
                "--domain", "paid-media")).as(err.toString()).isZero();

        assertThat(out.toString()).contains("version 1 (id 1)").contains("the ad platform's campaign key")
                .doesNotContain("spend_micros");
    }

    @Test
    void aSubjectThatIsMissingOrNotAvroOrNoRegistryIsRefusedWithTheReason() {
        registry.register("events-value", "JSON", "{\"type\":\"object\"}");

        assertThat(run("import", "registry", "nothing-value", "--registry", registry.url().toString(), "--domain", "email"))
                .isEqualTo(Meshwarden.BAD_INPUT);
        assertThat(err.toString()).contains("has no subject 'nothing-value'");
        assertThat(run("import", "registry", "events-value", "--registry", registry.url().toString(), "--domain", "email"))
                .isEqualTo(Meshwarden.BAD_INPUT);
        assertThat(err.toString()).contains("only Avro subjects can be imported");
        assertThat(run("import", "registry", "events-value", "--domain", "email")).isEqualTo(Meshwarden.BAD_INPUT);
        assertThat(err.toString()).contains("meshwarden.schema.registry.url");
    }
}
