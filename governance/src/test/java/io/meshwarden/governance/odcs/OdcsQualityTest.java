package io.meshwarden.governance.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.QualityUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ODCS quality[] entries become quality rules named by their path, with every operator, unit and argument. */
class OdcsQualityTest {
    private static final String HEAD = "apiVersion: v3.1.0\nkind: DataContract\nid: q\nname: orders\nversion: 1.0.0\nstatus: active\n"
            + "domain: sales\nschema:\n  - name: Orders\n";

    private static OdcsImport imported(String schemaBody) {
        return OdcsImporter.importContract("q.yaml", HEAD + schemaBody, null);
    }

    @Test
    void mapsEveryOperatorUnitAndArgumentAtPropertyAndObjectLevel() {
        OdcsImport imported = imported("""
                    quality:
                      - metric: rowCount
                        mustBeBetween: [100, 120.5]
                      - type: sql
                        query: SELECT COUNT(*) FROM ${object}
                        mustBeLessThan: 3
                    properties:
                      - name: id
                        logicalType: string
                        required: true
                        quality:
                          - metric: duplicateValues
                            mustBe: 0
                            dimension: uniqueness
                            severity: error
                          - metric: nullValues
                            mustNotBe: 5
                      - name: status
                        logicalType: string
                        quality:
                          - metric: missingValues
                            mustBeLessOrEqualTo: 2
                            unit: percent
                            arguments:
                              missingValues: ["", "n/a", null]
                          - metric: invalidValues
                            mustBeGreaterOrEqualTo: 0
                            arguments:
                              validValues: [open, closed]
                          - metric: invalidValues
                            mustBeGreaterThan: -1
                            arguments:
                              pattern: "^[a-z]+$"
                          - metric: nullValues
                            mustNotBeBetween: [1, 2]
                            unit: percent
                          - type: custom
                            engine: soda
                            implementation: "missing_count(status) = 0"
                          - type: text
                            description: statuses follow the order lifecycle
                """);
        List<QualityRule> rules = imported.contract().getQualityRules();

        assertThat(rules).extracting(r -> r.getPath() + " " + r.getField() + " " + r.getMetric() + " " + r.getOperator() + " "
                + r.getThreshold() + " " + r.getThresholdHigh() + " " + r.getUnit()).containsExactly(
                "$.schema[0].quality[0] null rowCount mustBeBetween 100.0 120.5 ROWS",
                "$.schema[0].quality[1] null sql mustBeLessThan 3.0 null ROWS",
                "$.schema[0].properties[0].quality[0] id duplicateValues mustBe 0.0 null ROWS",
                "$.schema[0].properties[0].quality[1] id nullValues mustNotBe 5.0 null ROWS",
                "$.schema[0].properties[1].quality[0] status missingValues mustBeLessOrEqualTo 2.0 null PERCENT",
                "$.schema[0].properties[1].quality[1] status invalidValues mustBeGreaterOrEqualTo 0.0 null ROWS",
                "$.schema[0].properties[1].quality[2] status invalidValues mustBeGreaterThan -1.0 null ROWS",
                "$.schema[0].properties[1].quality[3] status nullValues mustNotBeBetween 1.0 2.0 PERCENT",
                "$.schema[0].properties[1].quality[4] status custom null null null ROWS",
                "$.schema[0].properties[1].quality[5] status text null null null ROWS");
        assertThat(rules.get(1).getDefinition()).isEqualTo("SELECT COUNT(*) FROM ${object}");
        assertThat(rules.get(2).getDimension()).isEqualTo("uniqueness");
        assertThat(rules.get(2).getSeverity()).isEqualTo("error");
        assertThat(rules.get(4).getValues()).containsExactly("", "n/a");
        assertThat(rules.get(5).getValues()).containsExactly("open", "closed");
        assertThat(rules.get(6).getPattern()).isEqualTo("^[a-z]+$");
        assertThat(rules.get(8).getEngine()).isEqualTo("soda");
        assertThat(rules.get(8).getDefinition()).isEqualTo("missing_count(status) = 0");
        assertThat(rules.get(9).getDescription()).isEqualTo("statuses follow the order lifecycle");
        assertThat(imported.warnings()).anySatisfy(w -> assertThat(w).startsWith("$.schema[0].properties[1].quality[0].arguments.missingValues[2] is null"));
    }

    @Test
    void refusesToReadARuleAsSomethingElseAndSaysWhy() {
        OdcsImport imported = imported("""
                    properties:
                      - name: id
                        logicalType: string
                        quality:
                          - metric: nullValues
                            mustBe: 0
                            unit: bytes
                          - metric: nullValues
                            mustBe: none
                """);

        assertThat(imported.contract().getQualityRules()).isEmpty();
        assertThat(imported.warnings()).contains("$.schema[0].properties[0].quality[0].unit 'bytes' is neither rows nor percent; rule not imported",
                "$.schema[0].properties[0].quality[1].mustBe 'none' is not a number; rule not imported");
    }

    @Test
    void readsTheLibraryRuleNamesOfOdcsV30() {
        String text = HEAD.replace("v3.1.0", "v3.0.2") + """
                    properties:
                      - name: id
                        logicalType: string
                        quality:
                          - rule: nullCheck
                            mustBe: 0
                            type: library
                          - rule: duplicateCount
                            mustBeLessThan: 10
                """;

        OdcsImport imported = OdcsImporter.importContract("v30.yaml", text, null);

        assertThat(imported.contract().getQualityRules()).extracting(QualityRule::getMetric).containsExactly("nullValues", "duplicateValues");
        assertThat(imported.contract().getQualityRules()).extracting(QualityRule::getUnit).containsOnly(QualityUnit.ROWS);
        assertThat(imported.warnings()).contains("$.schema[0].properties[0].quality[0].rule 'nullCheck' (ODCS v3.0) is read as metric nullValues");
    }

    @Test
    void aNestedPropertysRulesCheckItsDottedFieldPathAndTravelBackToItOnExport() {
        OdcsImport imported = imported("""
                    properties:
                      - name: id
                        logicalType: string
                        required: true
                      - name: address
                        logicalType: object
                        properties:
                          - name: city
                            logicalType: string
                            quality:
                              - metric: nullValues
                                mustBeLessThan: 5
                                unit: percent
                          - name: geo
                            logicalType: object
                            properties:
                              - name: country
                                logicalType: string
                                quality:
                                  - metric: invalidValues
                                    mustBe: 0
                                    arguments:
                                      validValues: [FR, DE]
                      - name: lines
                        logicalType: array
                        items:
                          logicalType: string
                          quality:
                            - metric: nullValues
                              mustBe: 0
                """);

        assertThat(imported.contract().getQualityRules()).extracting(r -> r.getPath() + " " + r.getField()).containsExactly(
                "$.schema[0].properties[1].properties[0].quality[0] address.city",
                "$.schema[0].properties[1].properties[1].properties[0].quality[0] address.geo.country");
        assertThat(imported.warnings()).contains(
                "$.schema[0].properties[2].items.quality: rules on the items of an array are not evaluated; not imported");
        assertThat(imported.contract().getProductSchema()).contains("\"city\"");

        String exported = OdcsExporter.export(imported.contract(), null).yaml();
        OdcsImport again = OdcsImporter.importContract("again.yaml", exported, null);
        assertThat(again.contract().getQualityRules()).isEqualTo(imported.contract().getQualityRules());
    }
}
