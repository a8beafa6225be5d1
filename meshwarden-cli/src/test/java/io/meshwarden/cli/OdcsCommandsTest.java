package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.contract.ContractYaml;
import io.meshwarden.governance.odcs.OdcsImporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `meshwarden validate` on complete ODCS v3.1 contracts and `meshwarden export odcs` on contract files. */
class OdcsCommandsTest {
    static final String POLICIES = "../policies";
    static final String DEMO = "../mesh-local/src/main/resources/demo/contracts";
    static final String ODCS = DEMO + "/odcs";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Meshwarden.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Map<String, JsonNode> verdicts() throws IOException {
        Map<String, JsonNode> byProduct = new HashMap<>();
        for (String line : out.toString().strip().split("\n")) {
            JsonNode verdict = new ObjectMapper().readTree(line);
            byProduct.put(verdict.get("productId").asText(), verdict);
        }
        out.getBuffer().setLength(0);
        return byProduct;
    }

    @Test
    void acceptsCompleteOdcsContractsAsTheirMeshwardenTwinsAreAccepted() throws IOException {
        int exit = run("validate", "--policies", POLICIES, "--format", "json", ODCS);
        Map<String, JsonNode> odcs = verdicts();
        run("validate", "--policies", POLICIES, "--format", "json", DEMO + "/paid-media.campaign-performance.yaml",
                DEMO + "/email.send-engagement.yaml");
        Map<String, JsonNode> twins = verdicts();

        assertThat(exit).isZero();
        assertThat(odcs).containsOnlyKeys("paid-media.campaign-performance", "email.send-engagement");
        odcs.forEach((id, verdict) -> {
            assertThat(verdict.get("outcome").asText()).as("%s", verdict).isEqualTo("ACCEPTED");
            assertThat(verdict.get("violations")).isEmpty();
            assertThat(verdict.get("policySets")).isEqualTo(twins.get(id).get("policySets"));
            assertThat(twins.get(id).get("outcome").asText()).isEqualTo("ACCEPTED");
        });
        assertThat(odcs.get("paid-media.campaign-performance").get("policySets").toString()).contains("paid-media@1.0.0");
    }

    @Test
    void rejectsAnOdcsContractWithoutAStewardInsteadOfMakingTheOwnerOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("no-steward.odcs.yaml");
        Files.writeString(file, Files.readString(Path.of(ODCS, "paid-media.campaign-performance.odcs.yaml"))
                .replace("    - username: steward@paid-media.example.com\n      role: steward\n", ""));

        int exit = run("validate", "--policies", POLICIES, file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).startsWith("REJECTED  paid-media.campaign-performance@1.0.0")
                .contains("metadata.ownership [global@1.1.0]: product paid-media.campaign-performance has no steward");
    }

    @Test
    void exportsAMeshwardenContractAsValidOdcsThatImportsBackToTheSameProduct(@TempDir Path dir) throws IOException {
        Path source = Path.of(DEMO, "email.send-engagement.yaml");

        int exit = run("export", "odcs", source.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("apiVersion: v3.1.0").contains("kind: DataContract");
        DataProductContract original = ContractYaml.read(source);
        DataProductContract back = OdcsImporter.importContract("exported.yaml", out.toString(), null).contract();
        assertThat(back.getId()).isEqualTo(original.getId());
        assertThat(back.getProductSchema()).isEqualTo(original.getProductSchema());
        assertThat(back.getFields()).isEqualTo(original.getFields());
        assertThat(back.getOutputPorts()).isEqualTo(original.getOutputPorts());
        assertThat(back.getGuarantees()).isEqualTo(original.getGuarantees());
        assertThat(back.getOwner()).isEqualTo(original.getOwner());
        assertThat(back.getClassification()).isEqualTo(original.getClassification());
        assertThat(back.getRetentionMs()).isEqualTo(original.getRetentionMs());

        Path exported = dir.resolve("exported.odcs.yaml");
        Files.writeString(exported, out.toString());
        out.getBuffer().setLength(0);
        assertThat(run("validate", "--policies", POLICIES, exported.toString())).isZero();
        assertThat(out.toString()).startsWith("ACCEPTED  email.send-engagement@1.0.0");
    }

    @Test
    void exportsEveryDemoContract() throws IOException {
        try (var files = Files.list(Path.of(DEMO))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                out.getBuffer().setLength(0);
                assertThat(run("export", "odcs", file.toString())).as("%s: %s", file, err).isZero();
                DataProductContract back = OdcsImporter.importContract(file + ".odcs", out.toString(), null).contract();
                assertThat(back.getId()).isEqualTo(ContractYaml.read(file).getId());
            }
        }
    }

}
