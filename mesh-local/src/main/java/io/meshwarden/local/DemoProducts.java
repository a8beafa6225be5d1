package io.meshwarden.local;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.governance.contract.ContractYaml;
import io.meshwarden.governance.policy.PolicySetYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The demo's marketing data products and policy sets, read from the YAML files that
 * `meshwarden validate` checks: the contracts in {@code demo/contracts} (six that comply, and
 * two that do not: personal data classified internal; a product id and steward that break the
 * naming and ownership rules) and the repository's {@code policies/} directory, which the build
 * copies to {@code demo/policies}.
 */
final class DemoProducts {
    private static final String CONTRACTS = "demo/contracts/";
    private static final String POLICIES = "demo/policies/";
    private static final List<String> POLICY_FILES = List.of("global.yaml", "domains/paid-media.yaml",
            "domains/customer-analytics.yaml");

    private DemoProducts() {
    }

    static List<DataProductContract> all() {
        return read(CONTRACTS + "index.txt").lines().filter(line -> !line.isBlank())
                .map(file -> ContractYaml.parse(CONTRACTS + file, read(CONTRACTS + file))).toList();
    }

    /** Global set first: domain sets are admitted against it. */
    static List<PolicySet> policySets() {
        return POLICY_FILES.stream().map(file -> PolicySetYaml.parse(POLICIES + file, read(POLICIES + file))).toList();
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
