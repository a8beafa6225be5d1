package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.governance.interop.FieldDeclarations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ODCS v3.1 {@code relationships} of a schema object and of its properties, and a property's
 * {@code customProperties} {@code semanticType} and {@code unit}, as the contract properties the
 * interoperability rules read ({@link FieldDeclarations}). A relationship to another product is written in
 * ODCS's fully qualified notation with the other product's contract file, named by its product id:
 * <pre>
 * relationships:
 *   - to: crm.customers.odcs.yaml#/schema/customers/properties/customer_id
 * </pre>
 * becomes {@code interop.references.<property>: crm.customers.customer_id}. A shorthand reference
 * ({@code table.column}) names a property of the same document, which the catalog does not check: a warning.
 */
final class OdcsRelationships {
    /** {@code [dir/]<product id>[.odcs].yaml#[/]schema/<object>/properties/<property>}. */
    private static final Pattern EXTERNAL = Pattern.compile(
            "(?:.*/)?([a-z0-9][a-z0-9.-]*?)(?:\\.odcs)?\\.yaml#/?schema/[^/]+/properties/([A-Za-z_][A-Za-z0-9_]*)");
    private static final List<String> FIELD_PROPERTIES = List.of("semanticType", "unit");

    private final List<String> warnings;
    private final Map<String, String> properties;

    OdcsRelationships(List<String> warnings, Map<String, String> properties) {
        this.warnings = warnings;
        this.properties = properties;
    }

    /** A schema object's relationships, whose {@code from} names one of its properties (or a list of them). */
    void ofObject(JsonNode object, String path) {
        JsonNode relationships = object.path("relationships");
        for (int i = 0; i < relationships.size(); i++) {
            JsonNode relationship = relationships.get(i);
            List<String> from = texts(relationship.path("from"));
            List<String> to = texts(relationship.path("to"));
            for (int k = 0; k < Math.min(from.size(), to.size()); k++) {
                String source = from.get(k);
                add(source.substring(Math.max(source.lastIndexOf('.'), source.lastIndexOf('/')) + 1), to.get(k),
                        path + ".relationships[" + i + "]");
            }
        }
    }

    /** A property's relationships ({@code from} is the property) and its semantic type and unit. */
    void ofProperty(JsonNode property, String path) {
        String name = property.path("name").asText();
        JsonNode relationships = property.path("relationships");
        for (int i = 0; i < relationships.size(); i++) {
            texts(relationships.get(i).path("to")).forEach(to -> add(name, to, path + ".relationships"));
        }
        JsonNode custom = property.path("customProperties");
        for (int i = 0; i < custom.size(); i++) {
            String key = custom.get(i).path("property").asText();
            if (FIELD_PROPERTIES.contains(key)) {
                properties.put(FieldDeclarations.PREFIX + key + "." + name, OdcsImporter.scalar(custom.get(i).path("value")));
            } else {
                warnings.add(path + ".customProperties[" + i + "] (" + key + ") has no place on a field; only "
                        + FIELD_PROPERTIES + " do; not imported");
            }
        }
    }

    private void add(String field, String to, String path) {
        Matcher external = EXTERNAL.matcher(to);
        if (!external.matches()) {
            warnings.add(path + " (" + to + ") does not name another product's contract (<product id>.odcs.yaml#/schema/"
                    + "<object>/properties/<property>); only relationships between products are checked; not imported");
            return;
        }
        String key = FieldDeclarations.REFERENCES + field;
        String target = external.group(1) + "." + external.group(2);
        properties.merge(key, target, (a, b) -> a.equals(b) || List.of(a.split(",")).contains(b) ? a : a + "," + b);
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else if (node.isTextual()) {
            texts.add(node.asText());
        }
        return texts;
    }
}
