package io.meshwarden.governance.rules;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * Turns an Avro record (a contract) into the plain values CEL understands: maps with string keys,
 * lists, strings, longs, doubles and booleans. Enums become lower-case strings
 * ({@code contract.classification == 'restricted'}); absent (null) fields are left out, so a CEL
 * rule tests them with {@code has(...)}. Follows the schema, so new contract fields appear by themselves.
 */
public final class ContractView {
    private ContractView() {
    }

    public static Map<String, Object> of(IndexedRecord record) {
        List<Schema.Field> fields = record.getSchema().getFields();
        Map<String, Object> view = new LinkedHashMap<>(capacityFor(fields.size()));
        for (Schema.Field field : fields) {
            Object value = convert(record.get(field.pos()));
            if (value != null) {
                view.put(field.name(), value);
            }
        }
        return view;
    }

    private static Object convert(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof Enum<?> || value instanceof GenericEnumSymbol<?>) {
            return value.toString().toLowerCase(Locale.ROOT);
        }
        if (value instanceof IndexedRecord nested) {
            return of(nested);
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            for (Object element : list) {
                converted.add(convert(element));
            }
            return Collections.unmodifiableList(converted);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>(capacityFor(map.size()));
            map.forEach((k, v) -> converted.put(k.toString(), convert(v)));
            return converted;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof ByteBuffer) {
            return value.toString();
        }
        return value.toString();
    }

    /** A hash map's initial capacity that holds {@code entries} without resizing. */
    private static int capacityFor(int entries) {
        return (int) (entries / 0.75f) + 1;
    }
}
