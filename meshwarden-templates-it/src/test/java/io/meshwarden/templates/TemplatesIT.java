package io.meshwarden.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.cli.Meshwarden;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For each template: {@code meshwarden init} writes a project, and {@code mvn verify} builds it and
 * runs its tests, which run the pipeline on an embedded broker with the mesh's governance and quality
 * topologies (meshwarden-testkit) and assert that the contract is accepted by the shipped policies.
 */
class TemplatesIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"extract", "stream", "dimension", "metric"})
    void generatedProjectBuildsAndPassesItsTestsOnTheMesh(String template, @TempDir Path workspace)
            throws IOException, InterruptedException {
        Path project = workspace.resolve("campaign-" + template);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Meshwarden.run(new PrintWriter(out, true), new PrintWriter(err, true), "init", "--template", template,
                "--domain", "paid-media", "--product", "campaign-" + template, "--owner", "paid-media-team",
                "--steward", "steward@paid-media.example.com", "--description", "Campaign data from the " + template + " template",
                "--directory", project.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(project.resolve("src/main/resources/contract.odcs.yaml")).content()
                .startsWith("# yaml-language-server: $schema=../../../.meshwarden/odcs-json-schema-v3.1.0.json\n");
        assertThat(project.resolve(".meshwarden/odcs-json-schema-v3.1.0.json")).exists();
        assertThat(project.resolve("policies/domains/paid-media.yaml")).exists();
        assertThat(project.resolve(".github/workflows/data-product.yml")).content()
                .contains("meshwarden ci --format github src/main/resources/contract.odcs.yaml").contains("mvn -B -ntp verify");

        GeneratedBuild build = GeneratedBuild.verify(project);

        assertThat(build.exitCode()).as("mvn verify of the %s project; log %s:%n%s", template, build.log(), build.tail()).isZero();
        try (var reports = Files.list(project.resolve("target/surefire-reports"))) {
            assertThat(reports.map(Path::getFileName).map(Path::toString)).as("its tests ran").anyMatch(f -> f.endsWith(".xml"));
        }
        assertThat(Files.readString(build.log())).contains("Tests run:").doesNotContain("Tests run: 0,");
    }
}
