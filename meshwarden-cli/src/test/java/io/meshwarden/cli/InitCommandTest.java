package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code meshwarden init} offline: each template's project, its contract passing the shipped policies
 * as `validate` judges them, and clear errors. Building and testing the projects: meshwarden-templates-it.
 */
class InitCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Meshwarden.run(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"extract", "stream", "dimension", "metric"})
    void writesAProjectWhoseContractTheShippedPoliciesAccept(String template, @TempDir Path dir) throws IOException {
        Path project = dir.resolve("p");
        assertThat(run("init", "--template", template, "--domain", "paid-media", "--product", "campaign-" + template,
                "--steward", "steward@paid-media.example.com", "--directory", project.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("created paid-media.campaign-" + template + " (" + template + " template)");

        Path contract = project.resolve("src/main/resources/contract.odcs.yaml");
        assertThat(Files.readString(contract)).startsWith("# yaml-language-server: $schema=../../../.meshwarden/odcs-json-schema-v3.1.0.json\n")
                .contains("physicalName: paid-media.campaign-" + template + ".v1").doesNotContain("{{");
        assertThat(project.resolve(".meshwarden/odcs-json-schema-v3.1.0.json")).exists();
        assertThat(project.resolve("pom.xml")).content().contains("<artifactId>meshwarden-testkit</artifactId>").doesNotContain("{{");
        assertThat(project.resolve(".github/workflows/data-product.yml")).content()
                .startsWith("# yaml-language-server: $schema=https://json.schemastore.org/github-workflow.json\n")
                .contains("run: meshwarden ci --format github src/main/resources/contract.odcs.yaml").contains("run: mvn -B -ntp verify");
        assertThat(project.resolve("policies/global.yaml")).exists();
        assertThat(project.resolve("policies/domains/paid-media.yaml")).exists();
        try (var sources = Files.walk(project.resolve("src/test/java/products/paidmedia/campaign" + template))) {
            assertThat(sources.map(Path::toString)).anyMatch(f -> f.endsWith("Test.java"));
        }

        StringWriter verdict = new StringWriter();
        int exit = Meshwarden.run(Map.of(), new PrintWriter(verdict, true), new PrintWriter(err, true),
                "validate", "--policies", project.resolve("policies").toString(), contract.toString());
        assertThat(exit).as(verdict + err.toString()).isZero();
        assertThat(verdict.toString()).doesNotContain("blocking");
    }

    @Test
    void quotesWhatTheUserTypedSoThatTheContractAndPomStillParse(@TempDir Path dir) throws IOException {
        Path project = dir.resolve("p");
        assertThat(run("init", "--template", "extract", "--domain", "paid-media", "--product", "spend", "--steward", "s@x.example",
                "--owner", "team: \"ads\"", "--description", "Spend & clicks: per <campaign> # daily",
                "--directory", project.toString())).as(err.toString()).isZero();
        assertThat(project.resolve("pom.xml")).content().contains("<description>Spend &amp; clicks: per &lt;campaign&gt; # daily</description>");
        io.meshwarden.avro.DataProductContract contract = ContractFiles.load(project.resolve("src/main/resources/contract.odcs.yaml"), null)
                .contract();
        assertThat(contract.getDescription()).isEqualTo("Spend & clicks: per <campaign> # daily");
        assertThat(contract.getOwner().getTeam()).isEqualTo("team: \"ads\"");
    }

    @Test
    void aDomainWithoutShippedPoliciesGetsTheGlobalSetOnly(@TempDir Path dir) {
        Path project = dir.resolve("p");
        assertThat(run("init", "--template", "dimension", "--domain", "social", "--product", "accounts",
                "--steward", "s@social.example.com", "--directory", project.toString())).as(err.toString()).isZero();
        assertThat(project.resolve("policies/global.yaml")).exists();
        assertThat(project.resolve("policies/domains")).doesNotExist();
    }

    @Test
    void namesTheOptionThatIsMissingOrWrong(@TempDir Path dir) throws IOException {
        String target = dir.resolve("p").toString();
        assertThat(run("init", "--template", "stream", "--domain", "paid-media", "--product", "x", "--directory", target))
                .isEqualTo(Meshwarden.BAD_INPUT);
        assertThat(err.toString()).contains("--steward is required");
        assertThat(run("init", "--template", "stream", "--domain", "Paid_Media", "--product", "x", "--steward", "a@b.example",
                "--directory", target)).isEqualTo(Meshwarden.BAD_INPUT);
        assertThat(err.toString()).contains("--domain: 'Paid_Media' is not a valid domain");
        assertThat(run("init", "--template", "batch", "--directory", target)).isEqualTo(Meshwarden.BAD_INPUT);
        assertThat(err.toString()).contains("--template: no template 'batch'; known: [dimension, extract, metric, stream]");
        assertThat(run("init", "--template", "stream", "--domain", "paid-media", "--product", "x", "--steward", "a@b.example",
                "--freshness", "soon", "--directory", target)).isEqualTo(Meshwarden.BAD_INPUT);
        assertThat(err.toString()).contains("--freshness: expected 30s, 15m, 1h or 1d, not 'soon'");

        Files.createDirectories(dir.resolve("full"));
        Files.writeString(dir.resolve("full/keep.txt"), "mine");
        assertThat(run("init", "--template", "stream", "--domain", "paid-media", "--product", "x", "--steward", "a@b.example",
                "--directory", dir.resolve("full").toString())).isEqualTo(Meshwarden.BAD_INPUT);
        assertThat(err.toString()).contains("exists and is not empty");
        assertThat(dir.resolve("full/keep.txt")).hasContent("mine");
    }

    @Test
    void aTemplateNamingAnUnknownVariableIsAnError() {
        assertThat(ProjectTemplate.render("t", "id: {{productId}}", Map.of("productId", "a.b"))).isEqualTo("id: a.b");
        assertThatThrownBy(() -> ProjectTemplate.render("t", "id: {{nope}}", Map.of()))
                .hasMessage("template t names an unknown variable {{nope}}");
    }
}
