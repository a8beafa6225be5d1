package io.meshwarden.governance.docs;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.governance.contract.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;

/**
 * The static documentation of a set of data products: one HTML page per product (purpose, owner and
 * steward, schema with field descriptions and classifications, guarantees, quality rules, lineage
 * within the set, example records, how to request access) and an index by domain. What
 * {@code meshwarden docs} writes to a directory and the SLA monitor serves at {@code /docs/} for the
 * live catalog. Built with jsoup, which escapes every text and attribute, so a hostile description
 * or field name stays text; pages link only to each other, to http(s) documentation links and to
 * nothing else (no script, no external style sheet).
 */
public final class ProductDocs {
    /** The index page's file name. */
    public static final String INDEX = "index.html";
    /** Properties whose key is this or starts with it and a dot hold example records (JSON or any text). */
    public static final String EXAMPLE_PROPERTY = "example";

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2430}
            table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #d5d9e0;padding:.3rem .5rem;
            text-align:left;vertical-align:top}th{background:#f1f3f6}code,pre{background:#f4f5f7;padding:.1rem .3rem}
            pre{padding:.6rem;overflow:auto}.badge{display:inline-block;padding:0 .4rem;border-radius:.3rem;background:#e3e8f0;
            font-size:.85rem;margin-left:.4rem}.pii{background:#fde2e1}nav{margin-bottom:1rem}""";

    private final Map<String, DataProductContract> products;
    private final String base;

    private ProductDocs(Map<String, DataProductContract> products, String base) {
        this.products = products;
        this.base = base;
    }

    /** The documentation of these products (the set lineage is drawn within), as files linking to each other. */
    public static ProductDocs of(Collection<DataProductContract> products) {
        Map<String, DataProductContract> byId = new TreeMap<>();
        products.forEach(product -> byId.put(product.getId(), product));
        return new ProductDocs(byId, null);
    }

    /** The same pages served under a path ({@code /docs/}): each names it as its base, so links hold with or without the slash. */
    public ProductDocs servedAt(String path) {
        return new ProductDocs(products, path);
    }

    /** Every page by file name: the index first, then one per product. */
    public Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put(INDEX, index());
        products.values().forEach(product -> pages.put(fileName(product.getId()), page(product)));
        return pages;
    }

    /** The page of one product of the set, by its file name ({@link #fileName}). */
    public Optional<String> page(String fileName) {
        if (INDEX.equals(fileName)) {
            return Optional.of(index());
        }
        return products.values().stream().filter(p -> fileName(p.getId()).equals(fileName)).findFirst().map(this::page);
    }

    /** A product's page file name: its id, with any character but letters, digits, '.', '-' and '_' as '_'. */
    public static String fileName(String productId) {
        String name = productId.replaceAll("[^A-Za-z0-9._-]", "_") + ".html";
        return name.equals(INDEX) ? "product-" + name : name;
    }

    public String index() {
        Document doc = shell("Data products");
        Element body = doc.body();
        body.appendElement("h1").text("Data products");
        body.appendElement("p").text(products.size() + " product(s). Each page says what the product holds, who owns it,"
                + " what it guarantees and how to request access.");
        Map<String, List<DataProductContract>> byDomain = products.values().stream()
                .collect(Collectors.groupingBy(DataProductContract::getDomain, TreeMap::new, Collectors.toList()));
        byDomain.forEach((domain, owned) -> {
            body.appendElement("h2").text(domain);
            Element table = body.appendElement("table");
            header(table, "Product", "Version", "Status", "Owner", "Classification", "Description");
            for (DataProductContract product : owned) {
                Element row = table.appendElement("tr");
                row.appendElement("td").appendElement("a").attr("href", fileName(product.getId())).text(product.getId());
                row.appendElement("td").text(product.getVersion());
                row.appendElement("td").text(lower(product.getStatus()));
                row.appendElement("td").text(orDash(product.getOwner().getTeam()));
                row.appendElement("td").text(lower(product.getClassification()));
                row.appendElement("td").text(orDash(product.getDescription()));
            }
        });
        return html(doc);
    }

    public String page(DataProductContract product) {
        Document doc = shell(product.getId());
        Element body = doc.body();
        body.appendElement("nav").appendElement("a").attr("href", INDEX).text("All data products");
        Element title = body.appendElement("h1").text(product.getId());
        title.appendElement("span").addClass("badge").text(product.getVersion());
        title.appendElement("span").addClass("badge").text(lower(product.getStatus()));

        section(body, "Purpose", "purpose").appendElement("p").text(orDash(product.getDescription()));
        String docs = product.getDocumentationUrl();
        if (docs != null && (docs.startsWith("https://") || docs.startsWith("http://"))) {
            body.appendElement("p").text("Documentation: ").appendElement("a").attr("href", docs).attr("rel", "external noopener")
                    .text(docs);
        }
        Element facts = section(body, "Ownership", "ownership").appendElement("table");
        fact(facts, "Domain", product.getDomain());
        fact(facts, "Owner team", product.getOwner().getTeam());
        fact(facts, "Steward", product.getOwner().getSteward());
        fact(facts, "Classification", lower(product.getClassification()));
        fact(facts, "Source platform", product.getSourcePlatform());
        fact(facts, "Tags", product.getTags().isEmpty() ? null : String.join(", ", product.getTags()));
        if (product.getSunsetDate() != null || product.getSuccessor() != null) {
            fact(facts, "Sunset date", product.getSunsetDate());
            Element successor = fact(facts, "Successor", null);
            if (product.getSuccessor() != null) {
                successor.text("");
                productLink(successor, product.getSuccessor());
            }
        }

        outputPorts(section(body, "Output ports", "ports"), product);
        schema(section(body, "Schema", "schema"), product);
        guarantees(section(body, "Guarantees", "guarantees"), product);
        lineage(section(body, "Lineage", "lineage"), product);
        examples(body, product);
        access(section(body, "Requesting access", "access"), product);
        return html(doc);
    }

    private static void outputPorts(Element section, DataProductContract product) {
        if (product.getOutputPorts().isEmpty()) {
            section.appendElement("p").text("No output port declared.");
            return;
        }
        Element table = section.appendElement("table");
        header(table, "Port", "Topic", "Format", "Classification");
        for (OutputPort port : product.getOutputPorts()) {
            row(table, port.getName(), port.getTopic(), port.getFormat(),
                    lower(port.getClassification() != null ? port.getClassification() : product.getClassification()));
        }
    }

    private static void schema(Element section, DataProductContract product) {
        Map<String, String> types = avroTypes(product.getProductSchema());
        Map<String, FieldSpec> specs = new LinkedHashMap<>();
        product.getFields().forEach(field -> specs.put(field.getName(), field));
        Set<String> names = new java.util.LinkedHashSet<>(specs.keySet());
        names.addAll(types.keySet());
        if (names.isEmpty()) {
            section.appendElement("p").text("No fields declared.");
            return;
        }
        Element table = section.appendElement("table");
        header(table, "Field", "Type", "Required", "Classification", "Description");
        for (String name : names) {
            FieldSpec spec = specs.get(name);
            Element row = table.appendElement("tr");
            row.appendElement("td").appendElement("code").text(name);
            row.appendElement("td").text(types.getOrDefault(name, "—"));
            row.appendElement("td").text(spec != null && spec.getRequired() ? "yes" : "no");
            Element classification = row.appendElement("td").text(spec != null && spec.getClassification() != null
                    ? lower(spec.getClassification()) : lower(product.getClassification()));
            if (spec != null && spec.getPii()) {
                classification.appendElement("span").addClass("badge").addClass("pii").text("personal data");
            }
            row.appendElement("td").text(spec == null ? "—" : orDash(spec.getDescription()));
        }
    }

    private static void guarantees(Element section, DataProductContract product) {
        Element table = section.appendElement("table");
        QualityGuarantees g = product.getGuarantees();
        if (g != null) {
            fact(table, "Completeness", percent(g.getCompletenessPercent()));
            fact(table, "Freshness", g.getFreshnessMaxAgeMs() == null ? null : "newest record at most " + duration(g.getFreshnessMaxAgeMs()) + " old");
            fact(table, "Availability", percent(g.getAvailabilityPercent()));
            fact(table, "Accuracy tolerance", percent(g.getAccuracyTolerancePercent()));
            fact(table, "Window", g.getWindowMs() == null ? "1h" : duration(g.getWindowMs()));
        }
        fact(table, "Retention", product.getRetentionMs() == null ? null : duration(product.getRetentionMs()));
        if (!product.getQualityRules().isEmpty()) {
            section.appendElement("h3").text("Quality rules");
            Element rules = section.appendElement("ul");
            for (QualityRule rule : product.getQualityRules()) {
                rules.appendElement("li").text((rule.getField() == null ? "" : rule.getField() + ": ") + rule.getMetric()
                        + (rule.getOperator() == null ? "" : " " + rule.getOperator())
                        + (rule.getThreshold() == null ? "" : " " + rule.getThreshold())
                        + (rule.getThresholdHigh() == null ? "" : " and " + rule.getThresholdHigh())
                        + (rule.getDescription() == null ? "" : " (" + rule.getDescription() + ")"));
            }
        }
    }

    private void lineage(Element section, DataProductContract product) {
        section.appendElement("h3").text("Upstream");
        Element upstream = section.appendElement("ul");
        product.getUpstreamProducts().forEach(id -> productLink(upstream.appendElement("li"), id));
        if (product.getUpstreamProducts().isEmpty()) {
            upstream.appendElement("li").text("none: built from its source alone");
        }
        section.appendElement("h3").text("Downstream");
        Element downstream = section.appendElement("ul");
        List<String> readers = products.values().stream().filter(other -> other.getUpstreamProducts().contains(product.getId()))
                .map(DataProductContract::getId).sorted().toList();
        readers.forEach(id -> productLink(downstream.appendElement("li"), id));
        if (readers.isEmpty()) {
            downstream.appendElement("li").text("no product of this catalog reads it");
        }
    }

    private static void examples(Element body, DataProductContract product) {
        List<Map.Entry<String, String>> examples = product.getProperties().entrySet().stream()
                .filter(e -> e.getKey().equals(EXAMPLE_PROPERTY) || e.getKey().startsWith(EXAMPLE_PROPERTY + "."))
                .sorted(Map.Entry.comparingByKey()).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        if (examples.isEmpty()) {
            return;
        }
        Element section = section(body, "Example records", "examples");
        examples.forEach(e -> section.appendElement("pre").text(e.getValue()));
    }

    private static void access(Element section, DataProductContract product) {
        section.appendElement("p").text("Ask for read access with the Meshwarden CLI; the owner team or the steward ("
                + orDash(product.getOwner().getSteward()) + ") approves it, and the grant ends by itself:");
        section.appendElement("pre").text("meshwarden access request " + product.getId()
                + " --principal User:<your-service> --purpose \"<why you need it>\" --for P30D");
        section.appendElement("p").text("The command prints the request id; "
                + "meshwarden access list --product " + product.getId() + " shows where it stands.");
    }

    private void productLink(Element into, String productId) {
        if (products.containsKey(productId)) {
            into.appendElement("a").attr("href", fileName(productId)).text(productId);
        } else {
            into.appendElement("span").text(productId + " (not in this catalog)");
        }
    }

    /** Field name to a readable Avro type; empty when there is no schema or it does not parse. */
    private static Map<String, String> avroTypes(String schemaText) {
        Map<String, String> types = new LinkedHashMap<>();
        if (schemaText == null) {
            return types;
        }
        try {
            Schema schema = new Schema.Parser().parse(schemaText);
            if (schema.getType() == Schema.Type.RECORD) {
                schema.getFields().forEach(field -> types.put(field.name(), typeName(field.schema())));
            }
        } catch (RuntimeException e) {
            // A schema that does not parse is governance's finding (schema.valid); the page shows the declared fields.
        }
        return types;
    }

    private static String typeName(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            List<String> members = new ArrayList<>();
            schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).forEach(s -> members.add(typeName(s)));
            return String.join(" | ", members) + (schema.getTypes().size() > members.size() ? " (nullable)" : "");
        }
        if (schema.getLogicalType() != null) {
            return schema.getLogicalType().getName();
        }
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getName();
            case ARRAY -> "array of " + typeName(schema.getElementType());
            case MAP -> "map of " + typeName(schema.getValueType());
            default -> schema.getType().getName();
        };
    }

    private Document shell(String title) {
        Document doc = Document.createShell("");
        if (base != null) {
            doc.head().appendElement("base").attr("href", base);
        }
        doc.prependChild(new DocumentType("html", "", ""));
        doc.charset(java.nio.charset.StandardCharsets.UTF_8);
        doc.head().appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        doc.title(title + " · Meshwarden");
        doc.head().appendElement("style").appendText(STYLE);
        doc.select("html").attr("lang", "en");
        return doc;
    }

    private static String html(Document doc) {
        return doc.outerHtml() + "\n";
    }

    private static Element section(Element body, String title, String id) {
        Element section = body.appendElement("section").attr("id", id);
        section.appendElement("h2").text(title);
        return section;
    }

    private static void header(Element table, String... names) {
        Element row = table.appendElement("tr");
        for (String name : names) {
            row.appendElement("th").text(name);
        }
    }

    private static void row(Element table, String... cells) {
        Element row = table.appendElement("tr");
        for (String cell : cells) {
            row.appendElement("td").text(orDash(cell));
        }
    }

    private static Element fact(Element table, String name, String value) {
        Element row = table.appendElement("tr");
        row.appendElement("th").text(name);
        return row.appendElement("td").text(orDash(value));
    }

    private static String percent(Double value) {
        return value == null ? null : (value % 1 == 0 ? String.valueOf(value.longValue()) : value.toString()) + "%";
    }

    private static String duration(long ms) {
        String[] amount = Durations.amountAndUnit(Duration.ofMillis(ms));
        return amount[0] + amount[1];
    }

    private static String lower(Enum<?> value) {
        return value == null ? "—" : value.name().toLowerCase(Locale.ROOT);
    }

    private static String orDash(String text) {
        return text == null || text.isBlank() ? "—" : text;
    }
}
