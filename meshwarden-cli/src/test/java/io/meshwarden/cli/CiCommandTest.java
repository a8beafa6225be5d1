package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `meshwarden ci` offline: the previous version from git (HEAD~1, or --base), the diff with its
 * version check and the policy checks, as text and as GitHub annotations, and its exit codes.
 */
class CiCommandTest {
    private static final String POLICIES = Path.of(ValidateCommandTest.POLICIES).toAbsolutePath().toString();

    @TempDir
    Path repo;

    private String original;
    private Path contract;

    @BeforeEach
    void commitTheFirstVersion() throws IOException, InterruptedException {
        original = Files.readString(Path.of(ValidateCommandTest.DEMO, "social.post-reach.yaml"));
        contract = repo.resolve("social.post-reach.yaml");
        git("init", "-q");
        Files.writeString(repo.resolve("README"), "a domain repository\n");
        git("add", "README");
        git("commit", "-q", "-m", "start");
        Files.writeString(contract, original);
        git("add", contract.getFileName().toString());
        git("commit", "-q", "-m", "first version");
    }

    @Test
    void annotatesABreakingChangeWithTooSmallABumpAtItsLinesAndExitsOne() throws Exception {
        commit(original.replace("version: 1.0.0", "version: 1.1.0").replace("  - name: reach\n    type: long\n"
                + "    description: reach\n    required: true\n", ""));

        Run run = run("ci", "--format", "github", "--policies", POLICIES, contract.toString());

        assertThat(run.exit()).isEqualTo(Meshwarden.REJECTED);
        assertThat(run.out().lines()).anyMatch(line -> line.startsWith("::error file=" + contract + ",line=")
                        && line.contains("title=breaking change"))
                .anyMatch(line -> line.startsWith("::error file=" + contract + ",line=6,title=contract version::")
                        && line.contains("too small"))
                .anyMatch(line -> line.startsWith("::error file=" + contract + ",line=3,title=policy compatibility.breaking-change"))
                .anyMatch(line -> line.startsWith("::error file=" + contract + ",line=3,title=policy verdict::REJECTED social.post-reach@1.1.0"));
    }

    @Test
    void printsTheDiffAndVerdictAsTextAndExitsZeroForACompatibleChangeWithItsBump() throws Exception {
        commit(original.replace("version: 1.0.0", "version: 1.1.0").replace("tags: [demo, social]", "tags: [demo, social, organic]"));

        Run run = run("ci", "--policies", POLICIES, contract.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("social.post-reach  1.0.0 -> 1.1.0  (HEAD~1:social.post-reach.yaml -> " + contract + ")")
                .contains("OK         required bump").contains("ACCEPTED  social.post-reach@1.1.0");
    }

    @Test
    void aBlockingFindingIsAnErrorAnnotationAndExitsOne() throws Exception {
        commit(original.replace("version: 1.0.0", "version: 1.0.1").replace("    description: post id\n",
                "    description: post id\n    pii: true\n"));

        Run run = run("ci", "--format", "github", "--policies", POLICIES, contract.toString());

        assertThat(run.exit()).isEqualTo(Meshwarden.REJECTED);
        assertThat(run.out().lines()).anyMatch(line -> line.startsWith("::error file=" + contract + ",line=3,title=policy classification.pii"));
    }

    @Test
    void aProductNewInGitIsJudgedWithoutADiff() throws Exception {
        Path fresh = repo.resolve("social.fresh.yaml");
        Files.writeString(fresh, original.replace("social.post-reach", "social.fresh"));

        Run run = run("ci", "--policies", POLICIES, "--base", "HEAD", fresh.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("NEW        " + fresh + ": not in git at HEAD: a new product\n")
                .contains("ACCEPTED  social.fresh@1.0.0");
    }

    @Test
    void aFileThatDoesNotReadIsAnnotatedAtItsLineAndExitsTwo() throws Exception {
        Files.writeString(contract, original.replace("freshness: 1h", "freshness: soon"));

        Run run = run("ci", "--format", "github", "--policies", POLICIES, contract.toString());

        assertThat(run.exit()).isEqualTo(Meshwarden.BAD_INPUT);
        assertThat(run.out().strip()).startsWith("::error file=" + contract + ",line=33,title=contract file::$.guarantees.freshness: expected a duration");
    }

    @Test
    void theBaseRevisionIsTheOneNamed() throws Exception {
        commit(original.replace("version: 1.0.0", "version: 1.1.0").replace("tags: [demo, social]", "tags: [demo, social, organic]"));
        commit(original.replace("version: 1.0.0", "version: 1.1.1").replace("tags: [demo, social]", "tags: [demo, social, organic]")
                .replace("description: reach\n", "description: reach of the post\n"));

        Run run = run("ci", "--policies", POLICIES, "--base", "HEAD~2", contract.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("1.0.0 -> 1.1.1  (HEAD~2:social.post-reach.yaml");
    }

    private void commit(String text) throws IOException, InterruptedException {
        Files.writeString(contract, text);
        git("commit", "-q", "-a", "-m", "change");
    }

    private void git(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=ci", "-c", "user.email=ci@example.com"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Meshwarden.run(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }
}
