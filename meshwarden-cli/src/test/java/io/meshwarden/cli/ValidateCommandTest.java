package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `meshwarden validate` on the repository's demo contracts and policy sets, and on broken files. */
class ValidateCommandTest {
    static final String POLICIES = "../policies";
    static final String DEMO = "../mesh-local/src/main/resources/demo/contracts";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Meshwarden.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void judgesTheDemoContractsAgainstTheShippedPoliciesAndExitsOneOnRejection() throws IOException {
        int exit = run("validate", "--policies", POLICIES, "--format", "json", DEMO);

        assertThat(exit).isEqualTo(1);
        Map<String, JsonNode> byProduct = new HashMap<>();
        for (String line : out.toString().strip().split("\n")) {
            JsonNode verdict = new ObjectMapper().readTree(line);
            byProduct.put(verdict.get("productId").asText(), verdict);
        }
        assertThat(byProduct).hasSize(9);
        assertThat(byProduct.values()).filteredOn(v -> v.get("outcome").asText().equals("ACCEPTED")).hasSize(6);
        // The demo's one shared-dimension warning (docs/interoperability.md).
        JsonNode nearMiss = byProduct.get("customer-analytics.attribution");
        assertThat(nearMiss.get("outcome").asText()).isEqualTo("ACCEPTED_WITH_WARNINGS");
        assertThat(nearMiss.get("violations")).singleElement()
                .satisfies(v -> assertThat(v.get("ruleId").asText()).isEqualTo("interop.currency.near-miss.currency_code"));
        JsonNode lifecycle = byProduct.get("customer-analytics.lifecycle-stage");
        assertThat(lifecycle.get("violations")).singleElement()
                .satisfies(v -> assertThat(v.get("ruleId").asText()).isEqualTo("classification.pii"));
        assertThat(lifecycle.get("policySets").toString()).contains("customer-analytics@1.0.0");
    }

    @Test
    void printsAHumanReadableVerdictAndExitsZeroForACompliantContract() {
        int exit = run("validate", "--policies", POLICIES, DEMO + "/paid-media.campaign-performance.yaml");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("ACCEPTED  paid-media.campaign-performance@1.0.0").contains("paid-media@1.0.0");
    }

    @Test
    void escapesControlCharactersOfAHostileProductIdSoItCanNeitherForgeALineNorDriveTheTerminal(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("hostile.yaml");
        Files.writeString(file, Files.readString(Path.of(DEMO, "paid-media.campaign-performance.yaml"))
                .replace("id: paid-media.campaign-performance", "id: \"paid-media.x\\e[2J\\e]0;pwned\\a\\nACCEPTED  forged@9.9.9\""));

        int exit = run("validate", "--policies", POLICIES, file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).doesNotContain("\u001b", "\u0007").startsWith("REJECTED  paid-media.x\\u001b[2J\\u001b]0;pwned\\u0007\\nACCEPTED");
        assertThat(out.toString().lines()).noneMatch(line -> line.startsWith("ACCEPTED"));
        int jsonExit = run("validate", "--policies", POLICIES, "--format", "json", file.toString());
        assertThat(jsonExit).isEqualTo(1);
        String json = out.toString().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(new ObjectMapper().readTree(json).get("productId").asText())
                .as("JSON stays exact").isEqualTo("paid-media.x\u001b[2J\u001b]0;pwned\u0007\nACCEPTED  forged@9.9.9");
    }

    @Test
    void namesTheFileAndLineOfABrokenContract(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "id: email.x\nversion: 1.0.0\nowner:\n  team: t\nguarantees:\n  freshness: soon\n");

        int exit = run("validate", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(file + ":6: $.guarantees.freshness: expected a duration");
    }

    @Test
    void namesTheFileAndLineOfAPolicyRuleWhoseCelDoesNotCompile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("global.yaml"), "id: global\nversion: 1.0.0\nscope: global\nrules:\n"
                + "  - id: ok\n    kind: ownership\n    severity: blocking\n"
                + "  - id: broken\n    kind: cel\n    severity: warning\n    expression: \"size(contract.tags) >\"\n");

        int exit = run("validate", "--policies", dir.toString(), DEMO + "/social.post-reach.yaml");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("global.yaml:8:").contains("rule 'broken'").contains("does not compile");
    }
}
