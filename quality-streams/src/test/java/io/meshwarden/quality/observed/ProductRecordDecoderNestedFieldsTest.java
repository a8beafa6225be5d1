package io.meshwarden.quality.observed;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.quality.rolling.QualityFixtures;
import io.meshwarden.quality.rules.FieldValues;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** A dotted field names a field of a nested record, in Avro and in JSON alike; null wherever the way is null. */
class ProductRecordDecoderNestedFieldsTest {
    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Order\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"address\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"Address\",\"fields\":["
            + "{\"name\":\"city\",\"type\":[\"null\",\"string\"],\"default\":null},"
            + "{\"name\":\"geo\",\"type\":{\"type\":\"record\",\"name\":\"Geo\",\"fields\":[{\"name\":\"country\",\"type\":\"string\"}]}}]}],"
            + "\"default\":null}]}";
    private static final DataProductContract CONTRACT = DataProductContract.newBuilder(
            QualityFixtures.contract("sales.orders", 3_600_000, 0.0, 60_000)).setProductSchema(SCHEMA).build();

    @Test
    void readsNestedAvroFields() throws Exception {
        Schema schema = new Schema.Parser().parse(SCHEMA);
        Schema address = schema.getField("address").schema().getTypes().get(1);
        GenericRecord geo = new GenericData.Record(address.getField("geo").schema());
        geo.put("country", "FR");
        GenericRecord at = new GenericData.Record(address);
        at.put("city", "Lyon");
        at.put("geo", geo);
        GenericRecord order = new GenericData.Record(schema);
        order.put("id", "o-1");
        order.put("address", at);

        FieldValues values = ProductRecordDecoder.decode(CONTRACT, avro(schema, order));

        assertThat(values.text("address.city")).isEqualTo("Lyon");
        assertThat(values.text("address.geo.country")).isEqualTo("FR");
        assertThat(values.canonical("address.geo")).isEqualTo("{\"country\": \"FR\"}");
        assertThat(values.text("address.nothing")).isNull();
        assertThat(values.text("id.length")).as("a path through a scalar").isNull();

        order.put("address", null);
        FieldValues noAddress = ProductRecordDecoder.decode(CONTRACT, avro(schema, order));
        assertThat(noAddress.text("address.city")).isNull();
        assertThat(noAddress.text("address.geo.country")).isNull();
    }

    @Test
    void readsNestedJsonMembers() {
        FieldValues values = ProductRecordDecoder.decode(CONTRACT,
                "{\"id\": \"o-1\", \"address\": {\"city\": \"Lyon\", \"geo\": {\"country\": \"FR\"}}}".getBytes(StandardCharsets.UTF_8));

        assertThat(values.text("address.city")).isEqualTo("Lyon");
        assertThat(values.text("address.geo.country")).isEqualTo("FR");
        assertThat(values.text("address.geo")).isEqualTo("{\"country\":\"FR\"}");
        assertThat(values.text("id.length")).isNull();
        assertThat(ProductRecordDecoder.decode(CONTRACT, "{\"id\": \"o-2\", \"address\": null}".getBytes(StandardCharsets.UTF_8))
                .text("address.city")).isNull();
    }

    private static byte[] avro(Schema schema, GenericRecord record) throws Exception {
        return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record).array();
    }
}
