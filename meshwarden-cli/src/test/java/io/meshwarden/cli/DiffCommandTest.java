package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshwarden diff} on real contract files (test resources {@code diff/}: versions of the demo's
 * campaign-performance contract in Meshwarden YAML, and an ODCS pair): its exit codes (0 fine,
 * 1 bump too small, 2 bad input) and its three formats, with each change at its line in NEW.
 */
class DiffCommandTest {
    static final String DIR = "src/test/resources/diff/";
    static final String V1 = DIR + "campaign-performance-1.0.0.yaml";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Meshwarden.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** The 1-based line of the first line of {@code file} that contains {@code text}. */
    static int line(String file, String text) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void exitsZeroForAnAdditionUnderAMinorBumpAndSaysWhereEachChangeIs() throws IOException {
        String next = DIR + "campaign-performance-1.1.0.yaml";

        int exit = run("diff", V1, next);

        assertThat(exit).isZero();
        assertThat(out.toString())
                .startsWith("paid-media.campaign-performance  1.0.0 -> 1.1.0")
                .containsPattern("compatible +field-added +field 'impressions' was added  \\(line "
                        + line(next, "name: impressions") + "\\)")
                .containsPattern("compatible +schema-extended")
                .containsPattern("patch +metadata-changed +description changed from 'Spend, impressions and clicks per campaign"
                        + " and day' to .*\\(line " + line(next, "description: Spend") + "\\)")
                .contains("OK         required bump minor, actual bump minor: version 1.1.0 is fine");
    }

    @Test
    void exitsOneWhenAnAdditionComesUnderAPatchBump() {
        int exit = run("diff", V1, DIR + "campaign-performance-1.0.1.yaml");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("TOO SMALL  required bump minor, actual bump patch: version 1.0.1 is too small,"
                + " the lowest allowed is 1.1.0");
    }

    @Test
    void listsEveryBreakingChangeAsJsonAndExitsOneUnderAMinorBump() throws IOException {
        String next = DIR + "campaign-performance-1.2.0.yaml";

        int exit = run("diff", "--format", "json", V1, next);

        assertThat(exit).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("productId").asText()).isEqualTo("paid-media.campaign-performance");
        assertThat(report.at("/previous/version").asText()).isEqualTo("1.0.0");
        assertThat(report.at("/next/file").asText()).isEqualTo(next);
        assertThat(report.get("requiredBump").asText()).isEqualTo("major");
        assertThat(report.get("actualBump").asText()).isEqualTo("minor");
        assertThat(report.get("bumpTooSmall").asBoolean()).isTrue();
        assertThat(report.get("lowestAllowedVersion").asText()).isEqualTo("2.0.0");
        assertThat(report.get("changes")).allSatisfy(c -> assertThat(c.get("impact").asText()).isEqualTo("breaking"))
                .anySatisfy(c -> {
                    assertThat(c.get("kind").asText()).isEqualTo("field-removed");
                    assertThat(c.get("part").asText()).isEqualTo("field");
                    assertThat(c.get("element").asText()).isEqualTo("clicks");
                    assertThat(c.get("reason").asText()).isEqualTo("required field 'clicks' was removed or renamed");
                })
                .anySatisfy(c -> {
                    assertThat(c.get("kind").asText()).isEqualTo("guarantee-weakened");
                    assertThat(c.get("element").asText()).isEqualTo("freshness");
                    assertThat(c.get("line").asInt()).isEqualTo(line(next, "freshness: 2h"));
                });
    }

    @Test
    void exitsZeroForBreakingChangesUnderAMajorBump() {
        int exit = run("diff", V1, DIR + "campaign-performance-2.0.0.yaml");

        assertThat(exit).isZero();
        assertThat(out.toString()).containsPattern("breaking +field-removed").containsPattern("breaking +port-moved")
                .contains("required bump major, actual bump major: version 2.0.0 is fine");
    }

    @Test
    void reportsNoChangeForAContractAgainstItself() {
        int exit = run("diff", V1, V1);

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("  no changes\n").contains("required bump none, actual bump none");
    }

    @Test
    void annotatesAnOdcsPairForGithubAtTheLinesOfTheNewFile() throws IOException {
        String next = DIR + "orders-1.1.0.odcs.yaml";

        int exit = run("diff", "--format", "github", DIR + "orders-1.0.0.odcs.yaml", next);

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString().lines())
                .contains("::error file=" + next + ",line=" + line(next, "- name: quantity")
                        + ",title=breaking change (field-no-longer-required)::field 'quantity' is no longer required")
                .anySatisfy(l -> assertThat(l).startsWith("::error file=" + next + ",line=" + line(next, "- property: latency")
                        + ",title=breaking change (guarantee-weakened)::freshness guarantee was weakened"))
                .last().isEqualTo("::error file=" + next + ",line=" + line(next, "version: 1.1.0") + ",title=contract version"
                        + "::required bump major, actual bump minor: version 1.1.0 is too small, the lowest allowed is 2.0.0");
    }

    @Test
    void annotatesCompatibleChangesAsWarningsAndPatchesAsNotices() throws IOException {
        String next = DIR + "campaign-performance-1.1.0.yaml";

        int exit = run("diff", "--format", "github", V1, next);

        assertThat(exit).isZero();
        assertThat(out.toString().lines())
                .contains("::warning file=" + next + ",line=" + line(next, "name: impressions")
                        + ",title=compatible change (field-added)::field 'impressions' was added")
                .anySatisfy(l -> assertThat(l).startsWith("::notice file=" + next + ",line=" + line(next, "description: Spend")
                        + ",title=patch change (metadata-changed)::description changed"))
                .noneSatisfy(l -> assertThat(l).startsWith("::error"))
                .last().satisfies(l -> assertThat(l).startsWith("::notice file=" + next + ",line=" + line(next, "version: 1.1.0")));
    }

    @Test
    void exitsTwoNamingTheFileAndLineOfAVersionThatIsNotSemantic() throws IOException {
        String next = DIR + "campaign-performance-bad-version.yaml";

        int exit = run("diff", V1, next);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(next + ":" + line(next, "version: \"1.1\"")
                + ": $.version: '1.1' is not a semantic version MAJOR.MINOR.PATCH");
    }

    @Test
    void exitsTwoForTwoDifferentProducts(@TempDir Path dir) throws IOException {
        String next = DIR + "other-product.yaml";
        Path refunds = dir.resolve("refunds.odcs.yaml");
        Files.writeString(refunds, Files.readString(Path.of(DIR + "orders-1.1.0.odcs.yaml"))
                .replace("dataProduct: orders", "dataProduct: refunds"));

        assertThat(run("diff", V1, next)).isEqualTo(2);
        assertThat(err.toString()).contains(next + ":" + line(next, "id: paid-media.campaign-budget")
                + ": product 'paid-media.campaign-budget' is not the product of " + V1);
        assertThat(run("diff", DIR + "orders-1.0.0.odcs.yaml", refunds.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(refunds + ":" + line(refunds.toString(), "dataProduct: refunds")
                + ": product 'sales.refunds' is not the product of");
    }

    @Test
    void exitsTwoForAMissingOrBrokenFileAndForAMissingArgument(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "id: paid-media.campaign-performance\nversion: 1.0.0\nowner: [\n");

        assertThat(run("diff", V1, dir.resolve("absent.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("absent.yaml:1: cannot read");
        assertThat(run("diff", V1, broken.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(broken + ":");
        assertThat(run("diff", V1)).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'NEW'");
    }

    @Test
    void anUnreachableBrokerIsAWarningAndTheDiffStillDecides() {
        int exit = run("-b", "localhost:1", "diff", "--impact-timeout", "PT1S", V1, DIR + "campaign-performance-2.0.0.yaml");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("version 2.0.0 is fine").doesNotContain("IMPACT");
        assertThat(err.toString()).contains("warning: no impact analysis, the cluster at localhost:1 did not answer");
    }
}
