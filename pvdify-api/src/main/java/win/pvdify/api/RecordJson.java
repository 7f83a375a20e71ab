package win.pvdify.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's records to and from JSON, in exactly the form {@link Json#newMapper()} gives them (snake_case
 * names, ISO-8601 instants, null fields left out, unknown fields ignored), on jackson-core's streaming parser
 * alone. The client side uses it instead of databind because a CLI command is one short JVM run, and building
 * an ObjectMapper and introspecting records costs more of it than the request; RecordJsonTest holds both
 * mappings equal for every API record. Values: records, String, boxed and primitive int/long/double/boolean,
 * Instant, List and Map with String keys.
 */
public final class RecordJson {
    private final JsonFactory factory = new JsonFactory();
    private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();

    /** The type {@code List<element>}, for {@link #read(byte[], Type)}. */
    public static Type listOf(Type element) {
        return new Parameterized(List.class, new Type[] {element});
    }

    /** The type {@code Map<String, value>}, for {@link #read(byte[], Type)}. */
    public static Type mapOf(Type value) {
        return new Parameterized(Map.class, new Type[] {String.class, value});
    }

    @SuppressWarnings("unchecked")
    public <T> T read(byte[] json, Class<T> type) throws IOException {
        return (T) read(json, (Type) type);
    }

    @SuppressWarnings("unchecked")
    public <T> T read(String json, Class<T> type) throws IOException {
        try (JsonParser p = factory.createParser(json)) {
            return (T) readDocument(p, type);
        }
    }

    /** Reads one JSON document as the given type; malformed JSON or a wrong shape is an IOException. */
    public Object read(byte[] json, Type type) throws IOException {
        try (JsonParser p = factory.createParser(json)) {
            return readDocument(p, type);
        }
    }

    public byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = factory.createGenerator(out)) {
            writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Indented like Jackson's INDENT_OUTPUT, for people reading `--json`. */
    public String writePretty(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    // --- reading --------------------------------------------------------------------------------------

    private Object readDocument(JsonParser p, Type type) throws IOException {
        if (p.nextToken() == null) {
            throw new JsonParseException(p, "no JSON value");
        }
        Object v = readValue(p, type);
        if (p.nextToken() != null) {
            throw new JsonParseException(p, "more than one JSON value");
        }
        return v;
    }

    private Object readValue(JsonParser p, Type type) throws IOException {
        JsonToken t = p.currentToken();
        Class<?> raw = rawClass(type);
        if (t == JsonToken.VALUE_NULL) {
            return raw.isPrimitive() ? zero(raw) : null;
        }
        if (raw == String.class) {
            if (t.isScalarValue()) {
                return p.getText();
            }
            throw wrong(p, "a string");
        }
        if (raw == Integer.class || raw == int.class) {
            expectNumber(p, t);
            return p.getValueAsInt();
        }
        if (raw == Long.class || raw == long.class) {
            expectNumber(p, t);
            return p.getValueAsLong();
        }
        if (raw == Double.class || raw == double.class) {
            expectNumber(p, t);
            return p.getValueAsDouble();
        }
        if (raw == Boolean.class || raw == boolean.class) {
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                return t == JsonToken.VALUE_TRUE;
            }
            throw wrong(p, "true or false");
        }
        if (raw == Instant.class) {
            return readInstant(p, t);
        }
        if (raw == List.class || raw == Collection.class) {
            return readList(p, t, argument(type, 0));
        }
        if (raw == Map.class) {
            return readMap(p, t, argument(type, 1));
        }
        if (raw.isRecord()) {
            return readRecord(p, t, shape(raw));
        }
        throw new IllegalArgumentException("RecordJson cannot read " + type.getTypeName());
    }

    private static void expectNumber(JsonParser p, JsonToken t) throws IOException {
        if (!t.isNumeric()) {
            throw wrong(p, "a number");
        }
    }

    private static Instant readInstant(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Instant.parse(p.getText());
            } catch (DateTimeParseException e) {
                throw new JsonParseException(p, "not an ISO-8601 instant: " + p.getText());
            }
        }
        if (t.isNumeric()) {
            // what Jackson reads from a number: epoch seconds, with nanoseconds as the fraction
            BigDecimal seconds = p.getDecimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        }
        throw wrong(p, "an instant");
    }

    private List<Object> readList(JsonParser p, JsonToken t, Type element) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw wrong(p, "an array");
        }
        List<Object> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(readValue(p, element));
        }
        return out;
    }

    private Map<String, Object> readMap(JsonParser p, JsonToken t, Type value) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw wrong(p, "an object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            out.put(key, readValue(p, value));
        }
        return out;
    }

    private Object readRecord(JsonParser p, JsonToken t, Shape shape) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw wrong(p, "an object");
        }
        Object[] args = new Object[shape.fields.size()];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Field f = shape.byJsonName.get(p.currentName());
            p.nextToken();
            if (f == null) {
                p.skipChildren(); // an unknown field: a newer server may send more
            } else {
                args[f.index] = readValue(p, f.type);
            }
        }
        for (Field f : shape.fields) {
            if (args[f.index] == null && f.raw.isPrimitive()) {
                args[f.index] = zero(f.raw);
            }
        }
        try {
            return shape.constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new JsonParseException(p, "invalid " + shape.type.getSimpleName() + ": " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonParseException wrong(JsonParser p, String expected) {
        return new JsonParseException(p, "expected " + expected + " at " + p.currentToken());
    }

    private static Object zero(Class<?> primitive) {
        if (primitive == boolean.class) {
            return false;
        }
        if (primitive == long.class) {
            return 0L;
        }
        if (primitive == double.class) {
            return 0.0;
        }
        return 0;
    }

    // --- writing --------------------------------------------------------------------------------------

    private void writeValue(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case Boolean b -> g.writeBoolean(b);
            case Instant i -> g.writeString(i.toString());
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object e : c) {
                    writeValue(g, e);
                }
                g.writeEndArray();
            }
            case Map<?, ?> m -> {
                // like Jackson: map entries are written even when the value is null (config:unset relies on it)
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeValue(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Record r -> writeRecord(g, r);
            default -> throw new IllegalArgumentException("RecordJson cannot write " + v.getClass().getName());
        }
    }

    private void writeRecord(JsonGenerator g, Record r) throws IOException {
        Shape shape = shape(r.getClass());
        g.writeStartObject();
        for (Field f : shape.fields) {
            Object v;
            try {
                v = f.accessor.invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (v != null) {
                g.writeFieldName(f.jsonName);
                writeValue(g, v);
            }
        }
        g.writeEndObject();
    }

    // --- record shapes -----------------------------------------------------------------------------------

    private Shape shape(Class<?> type) {
        return shapes.computeIfAbsent(type, Shape::of);
    }

    private record Field(int index, String jsonName, Type type, Class<?> raw, Method accessor) {
    }

    private record Shape(Class<?> type, List<Field> fields, Map<String, Field> byJsonName,
                         Constructor<?> constructor) {
        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            List<Field> fields = new ArrayList<>();
            Map<String, Field> byName = new HashMap<>();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                Field f = new Field(i, snakeCase(c.getName()), c.getGenericType(), c.getType(), c.getAccessor());
                fields.add(f);
                byName.put(f.jsonName, f);
                types[i] = c.getType();
            }
            try {
                return new Shape(type, List.copyOf(fields), Collections.unmodifiableMap(byName),
                        type.getDeclaredConstructor(types));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record without its canonical constructor: " + type, e);
            }
        }
    }

    /** Jackson's SNAKE_CASE: an underscore before each run of capitals, all lower case ("tokenId" -> "token_id"). */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        boolean prevTranslated = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == 0 && c == '_') {
                continue;
            }
            if (Character.isUpperCase(c)) {
                if (!prevTranslated && !out.isEmpty() && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                c = Character.toLowerCase(c);
                prevTranslated = true;
            } else {
                prevTranslated = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    // --- types ----------------------------------------------------------------------------------------

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c) {
            return c;
        }
        throw new IllegalArgumentException("RecordJson cannot handle the type " + type.getTypeName());
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType pt) {
            return pt.getActualTypeArguments()[index];
        }
        throw new IllegalArgumentException("RecordJson needs the element type of " + type.getTypeName());
    }

    private record Parameterized(Class<?> raw, Type[] arguments) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }
    }
}
