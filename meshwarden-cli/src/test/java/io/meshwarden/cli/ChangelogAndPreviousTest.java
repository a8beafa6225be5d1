package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code meshwarden changelog} and {@code meshwarden validate --previous} on the contract pairs of
 * {@link DiffCommandTest}: the changelog's sections, and the pipeline's verdict on a new version
 * given the accepted one, with the shipped policy sets.
 */
class ChangelogAndPreviousTest {
    private static final String DIR = DiffCommandTest.DIR;
    private static final String V1 = DiffCommandTest.V1;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Meshwarden.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void writesAMarkdownEntryWithAddedChangedAndFixedSections() {
        int exit = run("changelog", V1, DIR + "campaign-performance-1.1.0.yaml");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .startsWith("## paid-media.campaign-performance 1.1.0\n\nChanges since 1.0.0; required bump minor, actual bump minor")
                .contains("\n### Added\n\n- Field 'impressions' was added\n")
                .contains("\n### Changed\n\n- The product schema changed compatibly")
                .contains("\n### Fixed\n\n- Description changed from")
                .doesNotContain("### Breaking");
    }

    @Test
    void putsBreakingChangesFirstAndSaysWhenTheBumpIsTooSmall() {
        int exit = run("changelog", V1, DIR + "campaign-performance-1.2.0.yaml");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("version 1.2.0 is too small, the lowest allowed is 2.0.0")
                .contains("\n### Breaking\n\n").contains("- Required field 'clicks' was removed or renamed\n")
                .doesNotContain("### Added");
    }

    @Test
    void validateWithPreviousRejectsABreakingChangeWithoutAMajorBumpAsThePipelineDoes() throws IOException {
        int exit = run("validate", "--policies", ValidateCommandTest.POLICIES, "--format", "json",
                "--previous", V1, DIR + "campaign-performance-1.2.0.yaml");

        assertThat(exit).isEqualTo(1);
        JsonNode verdict = new ObjectMapper().readTree(out.toString());
        assertThat(verdict.get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(verdict.get("violations")).anySatisfy(v -> {
            assertThat(v.get("ruleId").asText()).isEqualTo("compatibility.breaking-change");
            assertThat(v.get("message").asText()).contains("without a major version bump")
                    .contains("required field 'clicks' was removed or renamed").contains("freshness guarantee was weakened");
        });
    }

    @Test
    void validateWithPreviousAcceptsTheMajorBumpAndAnUnchangedRepublish() {
        assertThat(run("validate", "--policies", ValidateCommandTest.POLICIES, "--previous", V1,
                DIR + "campaign-performance-2.0.0.yaml")).isZero();
        assertThat(out.toString()).startsWith("ACCEPTED  paid-media.campaign-performance@2.0.0");
        assertThat(run("validate", "--policies", ValidateCommandTest.POLICIES, "--previous", V1, V1)).isZero();
    }

    /** The pipeline blocks a version that does not rise and a breaking change without a major bump; diff also asks a minor bump for additions. */
    @Test
    void validateWithPreviousLetsAnAdditionPassUnderAPatchBumpWhereDiffAsksForMinor() {
        String next = DIR + "campaign-performance-1.0.1.yaml";

        assertThat(run("validate", "--policies", ValidateCommandTest.POLICIES, "--previous", V1, next)).isZero();
        assertThat(run("diff", V1, next)).isEqualTo(1);
    }

    @Test
    void validateWithPreviousRejectsAVersionThatDoesNotRise() {
        int exit = run("validate", "--policies", ValidateCommandTest.POLICIES, "--previous",
                DIR + "campaign-performance-1.1.0.yaml", DIR + "campaign-performance-1.0.1.yaml");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).startsWith("REJECTED").contains("versioning.semver").contains("does not increase");
    }

    @Test
    void validateWithPreviousTakesExactlyOneContractOfTheSameProduct() {
        assertThat(run("validate", "--previous", V1, V1, DIR + "campaign-performance-1.1.0.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("--previous OLD compares one NEW contract file, not 2");
        assertThat(run("validate", "--previous", V1, DIR + "other-product.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("is not the product of");
    }
}
