package io.meshwarden.governance.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Avro type of every ODCS v3.1 logical type, with the physical types that refine it. */
class OdcsAvroSchemaTest {
    private final List<String> warnings = new ArrayList<>();

    private Schema derive(String properties) throws Exception {
        JsonNode node = new YAMLMapper().readTree(properties);
        return OdcsAvroSchema.derive("orders", node, "$.schema[0]", warnings);
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "string||\"string\"", "string|varchar(18)|\"string\"", "string|bytes|\"bytes\"",
            "string|uuid|{\"type\":\"string\",\"logicalType\":\"uuid\"}",
            "integer||\"int\"", "integer|int|\"int\"", "integer|bigint|\"long\"", "integer|long|\"long\"",
            "number||\"double\"", "number|double|\"double\"", "number|float|\"float\"",
            "number|decimal(10,2)|{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2}",
            "boolean||\"boolean\"", "date||{\"type\":\"int\",\"logicalType\":\"date\"}",
            "timestamp||{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}",
            "timestamp|timestamp-micros|{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}",
            "time||{\"type\":\"int\",\"logicalType\":\"time-millis\"}",
            "|bigint|\"long\"", "|varchar(3)|\"string\"", "|decimal(5,1)|{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":5,\"scale\":1}"})
    void derivesTheAvroTypeOfALogicalType(String logical, String physical, String avro) throws Exception {
        String property = "- name: v\n  required: true\n" + (logical == null ? "" : "  logicalType: " + logical + "\n")
                + (physical == null ? "" : "  physicalType: \"" + physical + "\"\n");

        assertThat(derive(property).getField("v").schema().toString()).isEqualTo(avro);
    }

    @Test
    void anOptionalPropertyIsANullableUnionWithANullDefaultAndCarriesDocAndTags() throws Exception {
        Schema schema = derive("- name: email\n  logicalType: string\n  description: subscriber e-mail\n  tags: [pii, contact]\n"
                + "  classification: confidential\n- name: qty\n  logicalType: integer\n  required: false\n");

        Schema.Field email = schema.getField("email");
        assertThat(email.schema().toString()).isEqualTo("[\"null\",\"string\"]");
        assertThat(email.hasDefaultValue()).isTrue();
        assertThat(email.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
        assertThat(email.doc()).isEqualTo("subscriber e-mail");
        assertThat(email.getObjectProp("tags")).isEqualTo(List.of("pii", "contact"));
        assertThat(email.getProp("classification")).isEqualTo("confidential");
        assertThat(schema.getField("qty").schema().toString()).isEqualTo("[\"null\",\"int\"]");
        assertThat(schema.getFullName()).isEqualTo("io.meshwarden.products.Orders");
    }

    @Test
    void nestsObjectsAsRecordsAndArraysOfTheirItems() throws Exception {
        Schema schema = derive("- name: address\n  logicalType: object\n  required: true\n  properties:\n"
                + "    - name: city\n      logicalType: string\n      required: true\n"
                + "- name: lines\n  logicalType: array\n  required: true\n  items:\n    logicalType: object\n    properties:\n"
                + "      - name: sku\n        logicalType: string\n        required: true\n");

        Schema address = schema.getField("address").schema();
        assertThat(address.getType()).isEqualTo(Schema.Type.RECORD);
        assertThat(address.getField("city").schema().getType()).isEqualTo(Schema.Type.STRING);
        Schema lines = schema.getField("lines").schema();
        assertThat(lines.getType()).isEqualTo(Schema.Type.ARRAY);
        assertThat(lines.getElementType().getField("sku")).isNotNull();
        assertThat(address.getFullName()).isNotEqualTo(lines.getElementType().getFullName());
    }

    @Test
    void derivesNoSchemaWhenATypeCannotBeToldAndSaysWhere() throws Exception {
        assertThat(derive("- name: a\n  logicalType: string\n- name: b\n  physicalType: geography\n")).isNull();
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w).startsWith("$.schema[0].properties[1] declares no logicalType"));
    }

    @Test
    void refusesAPropertyNameAvroCannotHoldRatherThanRenamingIt() throws Exception {
        assertThat(derive("- name: order-id\n  logicalType: string\n")).isNull();
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w).startsWith("$.schema[0].properties[0].name 'order-id' is not an Avro field name"));
    }
}
