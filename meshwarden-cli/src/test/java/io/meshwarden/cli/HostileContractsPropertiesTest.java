package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.schemas.hostile.HostileStrings;
import io.meshwarden.schemas.text.ControlCharacters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * `meshwarden validate` on contracts whose id, name, description and owner are hostile strings
 * (YAML is JSON, so each is written exactly): the verdict or a file-and-line error, never a crash;
 * nothing in the human output that could drive a terminal or forge a line.
 */
class HostileContractsPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;

    @BeforeContainer
    static void directory() throws Exception {
        dir = Files.createTempDirectory("hostile-contracts");
    }

    @AfterContainer
    static void clean() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    @Provide
    Arbitrary<String> hostile() {
        return HostileStrings.bounded();
    }

    @Property(tries = 150)
    void validateAnswersEveryHostileContractWithAVerdictOrAnErrorAndPrintsNothingUnsafe(@ForAll("hostile") String text)
            throws Exception {
        // A file holds UTF-8: a lone surrogate of the generator cannot be written to one at all.
        text = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        ObjectNode contract = JSON.createObjectNode();
        contract.put("id", "email." + text).put("name", text).put("domain", "email").put("version", "1.0.0")
                .put("description", text);
        contract.putObject("owner").put("team", text).put("steward", text);
        Path file = Files.writeString(dir.resolve("c.json.yaml"), JSON.writeValueAsString(contract));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Meshwarden.run(new PrintWriter(out, true), new PrintWriter(err, true), "validate", "--policies",
                ValidateCommandTest.POLICIES, file.toString());

        assertThat(exit).as(err.toString()).isIn(0, 1, 2);
        String printed = out.toString() + err.toString();
        assertThat(printed).isNotBlank();
        for (String line : printed.split("\n", -1)) {
            assertThat(ControlCharacters.escape(line)).as("a printed line with a control character").isEqualTo(line);
        }
    }
}
