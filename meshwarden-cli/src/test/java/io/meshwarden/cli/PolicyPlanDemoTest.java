package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.policy.PolicyLayers;
import io.meshwarden.governance.policy.PolicyPlan;
import io.meshwarden.governance.policy.PolicySetYaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dry run `meshwarden policies plan` prints, on the demo's catalog (the contracts of
 * demo/contracts/index.txt the shipped policies accept) and the shipped sets in force: a global set
 * that adds one rule lists exactly the demo products that would newly fail, per owner.
 */
class PolicyPlanDemoTest {

    @Test
    void aSetThatAddsARuleListsExactlyTheDemoProductsThatWouldNewlyFail(@TempDir Path proposedDir) throws IOException {
        PolicyLayers shipped = PolicyDirectory.layers(Path.of(ValidateCommandTest.POLICIES));
        List<DataProductContract> catalog = demoCatalog(shipped);
        String global = Files.readString(Path.of(ValidateCommandTest.POLICIES, "global.yaml")).replace("version: 1.1.0", "version: 1.2.0")
                + "  - id: lineage.declared\n    kind: cel\n    severity: blocking\n"
                + "    expression: \"size(contract.upstreamProducts) > 0\"\n"
                + "    parameters:\n      category: lifecycle\n      message: the product names no upstream product\n";
        Files.writeString(proposedDir.resolve("global.yaml"), global);
        List<io.meshwarden.avro.PolicySet> proposed = PolicySetYaml.readDirectory(proposedDir).stream()
                .map(PolicySetYaml.PolicyFile::set).toList();

        List<PolicyPlan.Change> changes = PolicyPlan.of(shipped, PolicyPlan.withProposed(shipped, proposed), catalog);
        StringWriter out = new StringWriter();
        new PlanPrinter(new PrintWriter(out, true)).print(changes, catalog.size(), shipped);

        assertThat(catalog).hasSize(7);
        List<String> newlyFailing = out.toString().lines().filter(line -> line.startsWith("  NEWLY FAILS"))
                .map(line -> line.substring("  NEWLY FAILS   ".length())).toList();
        assertThat(newlyFailing).containsExactlyInAnyOrder("content.engagement-metrics@1.0.0", "email.send-engagement@1.0.0",
                "marketing-ops.lead-routing@1.0.0", "paid-media.ad-spend-pacing@1.0.0", "paid-media.campaign-performance@1.0.0",
                "social.post-reach@1.0.0");
        assertThat(out.toString()).contains("owner paid-media-team (steward steward@paid-media.example.com)\n"
                        + "  NEWLY FAILS   paid-media.ad-spend-pacing@1.0.0\n"
                        + "    blocking lineage.declared: the product names no upstream product (paid-media.ad-spend-pacing)\n")
                .doesNotContain("customer-analytics.attribution")
                .endsWith("6 of 7 catalogued products change: 6 newly fail, 0 newly warn, 0 newly pass;"
                        + " in force: global@1.1.0, customer-analytics@1.0.0, paid-media@1.0.0\n");
    }

    /** The demo's contracts as governance catalogs them: those the shipped sets accept. */
    static List<DataProductContract> demoCatalog(PolicyLayers shipped) throws IOException {
        Path demo = Path.of(ValidateCommandTest.DEMO);
        List<Path> files = Files.readAllLines(demo.resolve("index.txt")).stream().filter(l -> !l.isBlank())
                .map(l -> demo.resolve(l.strip())).toList();
        return ContractFiles.load(files, null).stream().map(ContractFiles.Loaded::contract)
                .filter(c -> shipped.evaluate(ContractContext.of(c)).accepted()).toList();
    }
}
