package io.meshwarden.local;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.governance.contract.ContractYaml;
import io.meshwarden.governance.odcs.OdcsImport;
import io.meshwarden.governance.odcs.OdcsImporter;
import io.meshwarden.governance.policy.PolicySetYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's marketing data products and policy sets, read from the YAML files that
 * `meshwarden validate` checks: the contracts {@code demo/contracts/index.txt} lists (six that
 * comply, two of them authored as ODCS documents in {@code odcs/}, and two that do not: personal
 * data classified internal; a product id and steward that break the naming and ownership rules),
 * read as the CLI reads them (ODCS when the document is one, with its import warnings logged), and
 * the repository's {@code policies/} directory, which the build copies to {@code demo/policies}.
 */
final class DemoProducts {
    private static final Logger LOG = LoggerFactory.getLogger(DemoProducts.class);
    private static final String CONTRACTS = "demo/contracts/";
    private static final String POLICIES = "demo/policies/";
    private static final List<String> POLICY_FILES = List.of("global.yaml", "domains/paid-media.yaml",
            "domains/customer-analytics.yaml");

    private DemoProducts() {
    }

    static List<DataProductContract> all() {
        return Contracts.ALL;
    }

    /** The demo's contract files, relative to {@code demo/contracts}, in the order the demo publishes them. */
    static List<String> files() {
        return read(CONTRACTS + "index.txt").lines().filter(line -> !line.isBlank()).map(String::strip).toList();
    }

    private static List<DataProductContract> parse(String file, String text) {
        if (!OdcsImporter.recognises(text)) {
            return List.of(ContractYaml.parse(file, text));
        }
        OdcsImport imported = OdcsImporter.importContract(file, text, null);
        imported.warnings().forEach(warning -> LOG.warn("{}: {}", file, warning));
        return imported.contracts();
    }

    /** Global set first: domain sets are admitted against it. */
    static List<PolicySet> policySets() {
        return POLICY_FILES.stream().map(file -> PolicySetYaml.parse(POLICIES + file, read(POLICIES + file))).toList();
    }

    /** Read once, on first use: the ODCS import validates each document against the ODCS JSON Schema. */
    private static final class Contracts {
        static final List<DataProductContract> ALL = files().stream()
                .flatMap(file -> parse(CONTRACTS + file, read(CONTRACTS + file)).stream()).toList();
    }

    private static String read(String resource) {
        try (InputStream in = DemoProducts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("demo resource " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
