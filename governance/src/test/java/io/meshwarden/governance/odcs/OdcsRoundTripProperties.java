package io.meshwarden.governance.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshwarden.avro.DataProductContract;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * For generated ODCS v3.1 documents: importing, exporting and importing again gives the same
 * contract; and the Avro schema derived from the properties accepts a record built from them.
 */
class OdcsRoundTripProperties {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[][] TYPES = {{"string", null}, {"string", "varchar(40)"}, {"integer", null}, {"integer", "bigint"},
            {"number", null}, {"number", "float"}, {"number", "decimal(12,2)"}, {"boolean", null}, {"date", null},
            {"timestamp", null}, {"timestamp", "timestamp-micros"}, {"time", null}, {"object", null}, {"array", null}};
    private static final String[] OPERATORS = {"mustBe", "mustNotBe", "mustBeGreaterThan", "mustBeGreaterOrEqualTo", "mustBeLessThan",
            "mustBeLessOrEqualTo", "mustBeBetween", "mustNotBeBetween"};

    @Property(tries = 100)
    void importExportImportGivesTheSameContract(@ForAll("documents") ObjectNode document) throws Exception {
        String yaml = new YAMLMapper().writeValueAsString(document);
        DataProductContract imported = OdcsImporter.importContract("generated.yaml", yaml, null).contract();

        OdcsExporter.Export export = OdcsExporter.export(imported, "localhost:9092");
        DataProductContract again = OdcsImporter.importContract("exported.yaml", export.yaml(), null).contract();

        assertThat(again).isEqualTo(imported);
    }

    @Property(tries = 100)
    void theDerivedSchemaAcceptsARecordBuiltFromTheProperties(@ForAll("documents") ObjectNode document) throws Exception {
        String yaml = new YAMLMapper().writeValueAsString(document);
        DataProductContract imported = OdcsImporter.importContract("generated.yaml", yaml, null).contract();
        JsonNode properties = document.path("schema").path(0).path("properties");
        if (properties.isEmpty()) {
            assertThat(imported.getProductSchema()).isNull();
            return;
        }
        Schema schema = new Schema.Parser().parse(imported.getProductSchema());

        GenericRecord record = record(schema, properties);

        assertThat(GenericData.get().validate(schema, record)).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        GenericRecord read = new GenericDatumReader<GenericRecord>(schema)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertThat(read.toString()).isEqualTo(record.toString());
    }

    /** A record holding, for each ODCS property, a value of its logical type (null for some optional ones). */
    private static GenericRecord record(Schema schema, JsonNode properties) {
        GenericRecord record = new GenericData.Record(schema);
        for (JsonNode property : properties) {
            Schema.Field field = schema.getField(property.path("name").asText());
            assertThat(field).as("property %s", property.path("name").asText()).isNotNull();
            boolean required = property.path("required").asBoolean(false);
            Schema type = AvroAgreement.nonNull(field.schema());
            record.put(field.name(), !required && property.path("name").asText().hashCode() % 2 == 0 ? null : value(type, property));
        }
        return record;
    }

    private static Object value(Schema type, JsonNode property) {
        return switch (property.path("logicalType").asText()) {
            case "string" -> "text";
            case "integer", "date", "time", "timestamp" -> type.getType() == Schema.Type.INT ? (Object) 7 : (Object) 7L;
            case "number" -> type.getLogicalType() instanceof LogicalTypes.Decimal d
                    ? new Conversions.DecimalConversion().toBytes(new BigDecimal("12.34").setScale(d.getScale()), type, d) : type.getType() == Schema.Type.FLOAT ? (Object) 1.5f : (Object) 1.5d;
            case "boolean" -> true;
            case "object" -> record(type, property.path("properties"));
            case "array" -> List.of(value(type.getElementType(), property.path("items")));
            default -> throw new AssertionError(property);
        };
    }

    @Provide
    Arbitrary<ObjectNode> documents() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(8);
        Arbitrary<ArrayNode> properties = property(2).list().ofMaxSize(5).map(list -> {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                array.add(list.get(i).put("name", "field_" + i));
            }
            return array;
        });
        return Combinators.combine(word, word, Arbitraries.integers().between(0, 9), Arbitraries.of("active", "draft", "deprecated", "retired"),
                Arbitraries.of(true, false), properties, objectQuality(), sla()).as((domain, name, minor, status, steward, props, quality, sla) -> {
                    ObjectNode root = NODES.objectNode().put("apiVersion", "v3.1.0").put("kind", "DataContract").put("id", "c-" + name)
                            .put("name", name).put("version", "1." + minor + ".0").put("status", status).put("domain", domain);
                    if (minor % 3 == 0) {
                        root.put("dataProduct", name + "-product");
                    }
                    ObjectNode team = root.putObject("team").put("name", domain + "-team");
                    if (steward) {
                        team.putArray("members").addObject().put("username", "steward@" + domain + ".example.com").put("role", "steward");
                    }
                    root.putArray("servers").addObject().put("server", "events").put("type", "kafka").put("host", "broker:9092")
                            .put("format", steward ? "avro" : "json");
                    ObjectNode object = root.putArray("schema").addObject().put("name", "Record")
                            .put("physicalName", domain + "." + name + ".v1");
                    object.set("properties", props);
                    if (!quality.isEmpty()) {
                        object.set("quality", quality);
                    }
                    root.set("slaProperties", sla);
                    root.putArray("customProperties").addObject().put("property", "classification").put("value", steward ? "internal" : "public");
                    root.withArray("customProperties").addObject().put("property", name + "-owner").put("value", domain);
                    return root;
                });
    }

    private Arbitrary<ObjectNode> property(int depth) {
        return Combinators.combine(Arbitraries.integers().between(0, depth > 0 ? TYPES.length - 1 : TYPES.length - 3),
                Arbitraries.of(true, false), Arbitraries.of("", "a description"), Arbitraries.of("", "pii", "finance"),
                Arbitraries.of("", "public", "restricted"), propertyQuality(), depth > 0 ? property(depth - 1) : Arbitraries.just(null),
                depth > 0 ? property(depth - 1).list().ofMinSize(1).ofMaxSize(2) : Arbitraries.just(List.<ObjectNode>of()))
                .as((t, required, description, tag, classification, quality, item, children) -> {
                    ObjectNode p = NODES.objectNode().put("logicalType", TYPES[t][0]).put("required", required);
                    if (TYPES[t][1] != null) {
                        p.put("physicalType", TYPES[t][1]);
                    }
                    if (!description.isEmpty()) {
                        p.put("description", description);
                    }
                    if (!tag.isEmpty()) {
                        p.putArray("tags").add(tag);
                    }
                    if (!classification.isEmpty()) {
                        p.put("classification", classification);
                    }
                    if (TYPES[t][0].equals("object")) {
                        ArrayNode nested = p.putArray("properties");
                        for (int i = 0; i < children.size(); i++) {
                            ObjectNode child = children.get(i).deepCopy().put("name", "part_" + i);
                            child.remove("quality");
                            nested.add(child);
                        }
                    } else if (TYPES[t][0].equals("array")) {
                        ObjectNode items = item.deepCopy();
                        List.of("quality", "required", "description", "tags", "classification").forEach(items::remove);
                        p.set("items", items);
                    } else if (!quality.isEmpty() && depth == 2) {
                        p.set("quality", quality);
                    }
                    return p;
                });
    }

    private Arbitrary<ArrayNode> propertyQuality() {
        return rule(Arbitraries.of("nullValues", "missingValues", "invalidValues", "duplicateValues")).list().ofMaxSize(2).map(this::array);
    }

    private Arbitrary<ArrayNode> objectQuality() {
        return rule(Arbitraries.of("rowCount", "duplicateValues")).list().ofMaxSize(2).map(this::array);
    }

    private ArrayNode array(List<ObjectNode> items) {
        ArrayNode array = NODES.arrayNode();
        items.forEach(array::add);
        return array;
    }

    private Arbitrary<ObjectNode> rule(Arbitrary<String> metrics) {
        return Combinators.combine(metrics, Arbitraries.of(OPERATORS), Arbitraries.integers().between(0, 1000),
                Arbitraries.of("rows", "percent"), Arbitraries.of("", "completeness", "uniqueness")).as((metric, operator, n, unit, dimension) -> {
                    ObjectNode rule = NODES.objectNode().put("metric", metric);
                    if (operator.endsWith("Between")) {
                        rule.putArray(operator).add(n).add(n + 0.5);
                    } else {
                        rule.put(operator, n);
                    }
                    rule.put("unit", unit);
                    if (metric.equals("missingValues")) {
                        rule.putObject("arguments").putArray("missingValues").add("").add("n/a");
                    } else if (metric.equals("invalidValues")) {
                        ObjectNode arguments = rule.putObject("arguments");
                        if (n % 2 == 0) {
                            arguments.putArray("validValues").add("a").add("b");
                        } else {
                            arguments.put("pattern", "^[a-z]+$");
                        }
                    }
                    if (!dimension.isEmpty()) {
                        rule.put("dimension", dimension);
                    }
                    return rule;
                });
    }

    private Arbitrary<ArrayNode> sla() {
        return Combinators.combine(Arbitraries.integers().between(1, 48), Arbitraries.of("h", "m", "d", "ISO"),
                Arbitraries.integers().between(1, 365), Arbitraries.of(99.0, 99.9, 95.5)).as((amount, unit, days, availability) -> {
                    ArrayNode sla = NODES.arrayNode();
                    ObjectNode latency = sla.addObject().put("property", "latency");
                    if (unit.equals("ISO")) {
                        latency.put("value", "PT" + amount + "H");
                    } else {
                        latency.put("value", amount).put("unit", unit);
                    }
                    sla.addObject().put("property", "retention").put("value", "P" + days + "D");
                    sla.addObject().put("property", "availability").put("value", availability).put("unit", "percent");
                    sla.addObject().put("property", "timeToDetect").put("value", amount).put("unit", "s");
                    sla.addObject().put("property", "endOfSupport").put("value", "2030-01-0" + (1 + amount % 9));
                    return sla;
                });
    }
}
