package win.pvdify.api;

import io.avaje.json.JsonAdapter;
import io.avaje.json.JsonReader;
import io.avaje.json.JsonReader.Token;
import io.avaje.json.JsonWriter;
import io.avaje.jsonb.AdapterFactory;
import io.avaje.jsonb.Jsonb;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API's scalars, read strictly: a string is only a string, an integer only an integer (never "3", 1.5 or
 * 1e2), a boolean only true or false, a decimal any number, an instant an ISO-8601 string; null only where the
 * record's type allows it (Integer, not int). avaje-jsonb's own adapters would convert "80" to 80. Maps keep
 * null values when written ({"KEY": null} unsets a config var) and refuse a key given twice.
 */
final class StrictTypes implements AdapterFactory {

    /** A value of the wrong kind; {@link ApiJson} adds where it is. The message reads after the field name. */
    static final class WrongValue extends RuntimeException {
        WrongValue(String problem) {
            super(problem, null, false, false);
        }
    }

    @Override
    public JsonAdapter<?> create(Type type, Jsonb jsonb) {
        if (type == String.class) {
            return STRING.nullSafe();
        }
        if (type == int.class) {
            return INT;
        }
        if (type == Integer.class) {
            return INT.nullSafe();
        }
        if (type == long.class) {
            return LONG;
        }
        if (type == Long.class) {
            return LONG.nullSafe();
        }
        if (type == double.class) {
            return DOUBLE;
        }
        if (type == Double.class) {
            return DOUBLE.nullSafe();
        }
        if (type == boolean.class) {
            return BOOLEAN;
        }
        if (type == Boolean.class) {
            return BOOLEAN.nullSafe();
        }
        if (type == Instant.class) {
            return INSTANT.nullSafe();
        }
        if (type == Map.class) {
            return new StringKeyMap<>(jsonb.adapter(Object.class)).nullSafe();
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Map.class
                && p.getActualTypeArguments()[0] == String.class) {
            return new StringKeyMap<>(jsonb.adapter(p.getActualTypeArguments()[1])).nullSafe();
        }
        return null;
    }

    /**
     * The value at the reader is not the expected kind: says what it is ("got a string", "got a decimal
     * number"). The value is read first, so a broken one ({@code tru}, {@code 1.2.3}) is the parser's error
     * (malformed JSON), not a wrong type.
     */
    static WrongValue wrong(JsonReader reader, String expected) {
        Token t = reader.currentToken();
        String given = switch (t) {
            case STRING -> {
                reader.readString();
                yield "a string";
            }
            case NUMBER -> reader.readDecimal().scale() == 0 ? "an integer" : "a decimal number";
            case BOOLEAN -> {
                reader.readBoolean();
                yield "a boolean";
            }
            case NULL -> {
                reader.isNullValue();
                yield "null";
            }
            case BEGIN_OBJECT -> "an object";
            case BEGIN_ARRAY -> "a list";
        };
        return new WrongValue("must be " + expected + ", got " + given);
    }

    /** An integral number as written: 3, -7; not 3.0, 3e0 or "3". */
    private static long integral(JsonReader reader, long min, long max) {
        if (reader.currentToken() != Token.NUMBER) {
            throw wrong(reader, "an integer");
        }
        BigDecimal n = reader.readDecimal();
        if (n.scale() != 0) {
            throw new WrongValue("must be an integer, got a decimal number");
        }
        if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new WrongValue("must be an integer, got one out of range");
        }
        return n.longValueExact();
    }

    private static final JsonAdapter<Integer> INT = new JsonAdapter<>() {
        @Override
        public Integer fromJson(JsonReader reader) {
            return (int) integral(reader, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        @Override
        public void toJson(JsonWriter writer, Integer value) {
            writer.value(value.intValue());
        }
    };

    private static final JsonAdapter<Long> LONG = new JsonAdapter<>() {
        @Override
        public Long fromJson(JsonReader reader) {
            return integral(reader, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        @Override
        public void toJson(JsonWriter writer, Long value) {
            writer.value(value.longValue());
        }
    };

    /** Any number: an integer where a decimal is expected loses nothing (cpu: 1 means 1.0). */
    private static final JsonAdapter<Double> DOUBLE = new JsonAdapter<>() {
        @Override
        public Double fromJson(JsonReader reader) {
            if (reader.currentToken() != Token.NUMBER) {
                throw wrong(reader, "a number");
            }
            return reader.readDouble();
        }

        /** As Java (and Jackson before ApiJson) write a double: 1.0, 0.25, 1.23456789E8; NaN as a string. */
        @Override
        public void toJson(JsonWriter writer, Double value) {
            if (value.isNaN() || value.isInfinite()) {
                writer.value(value.toString());
            } else {
                writer.rawValue(value.toString());
            }
        }
    };

    private static final JsonAdapter<Boolean> BOOLEAN = new JsonAdapter<>() {
        @Override
        public Boolean fromJson(JsonReader reader) {
            if (reader.currentToken() != Token.BOOLEAN) {
                throw wrong(reader, "true or false");
            }
            return reader.readBoolean();
        }

        @Override
        public void toJson(JsonWriter writer, Boolean value) {
            writer.value(value.booleanValue());
        }
    };

    private static final JsonAdapter<String> STRING = new JsonAdapter<>() {
        @Override
        public String fromJson(JsonReader reader) {
            if (reader.currentToken() != Token.STRING) {
                throw wrong(reader, "a string");
            }
            return reader.readString();
        }

        @Override
        public void toJson(JsonWriter writer, String value) {
            writer.value(value);
        }
    };

    private static final JsonAdapter<Instant> INSTANT = new JsonAdapter<>() {
        @Override
        public Instant fromJson(JsonReader reader) {
            if (reader.currentToken() != Token.STRING) {
                throw wrong(reader, "an ISO-8601 instant");
            }
            String text = reader.readString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new WrongValue("must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            }
        }

        @Override
        public void toJson(JsonWriter writer, Instant value) {
            writer.value(value.toString());
        }
    };

    private static final class StringKeyMap<V> implements JsonAdapter<Map<String, V>> {
        private final JsonAdapter<V> values;

        StringKeyMap(JsonAdapter<V> values) {
            this.values = values;
        }

        @Override
        public Map<String, V> fromJson(JsonReader reader) {
            Map<String, V> out = new LinkedHashMap<>();
            reader.beginObject();
            while (reader.hasNextField()) {
                String key = reader.nextField();
                if (out.containsKey(key)) {
                    throw new WrongValue("is given twice");
                }
                out.put(key, values.fromJson(reader));
            }
            reader.endObject();
            return out;
        }

        @Override
        public void toJson(JsonWriter writer, Map<String, V> map) {
            writer.beginObject();
            for (Map.Entry<String, V> e : map.entrySet()) {
                writer.name(e.getKey());
                if (e.getValue() == null) {
                    boolean nulls = writer.serializeNulls();
                    writer.serializeNulls(true);
                    writer.nullValue();
                    writer.serializeNulls(nulls);
                } else {
                    values.toJson(writer, e.getValue());
                }
            }
            writer.endObject();
        }
    }
}
