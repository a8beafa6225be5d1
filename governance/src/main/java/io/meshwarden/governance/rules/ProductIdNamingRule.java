package io.meshwarden.governance.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Rule;
import java.util.List;
import java.util.regex.Pattern;

/** A product id is {@code <domain>.<product>}, both lower-case kebab, and its domain is the contract's domain. */
public record ProductIdNamingRule(String id, Severity severity) implements Rule {
    static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern PRODUCT_ID = Pattern.compile("(" + KEBAB + ")\\.(" + KEBAB + ")");

    @Override
    public List<Finding> check(DataProductContract contract) {
        var matcher = PRODUCT_ID.matcher(contract.getId());
        if (!matcher.matches()) {
            return List.of(finding("product id '" + contract.getId()
                    + "' must be <domain>.<product> in lower-case kebab case, e.g. paid-media.campaign-performance"));
        }
        if (!matcher.group(1).equals(contract.getDomain())) {
            return List.of(finding("product id '" + contract.getId() + "' must start with its domain '"
                    + contract.getDomain() + "'"));
        }
        return List.of();
    }

    private Finding finding(String message) {
        return finding(ViolationCategory.NAMING, message);
    }
}
