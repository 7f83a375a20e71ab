package win.pvdify.api;

import io.avaje.jsonb.JsonType;
import io.avaje.jsonb.Jsonb;
import io.avaje.jsonb.Types;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * The API's one JSON mapping, for the daemon and every client: snake_case fields, ISO-8601 instants, null
 * fields left out (null map values kept: a config change sends them to unset), unknown fields ignored. The
 * records' adapters are generated at compile time (avaje-jsonb, {@code @Json} on each record), so no
 * reflection and no mapper start-up. Reading is strict: a value of the wrong JSON type ("80" for a port, 1.5
 * for a count, "true" for a flag, null for a count) is a {@link BadJson} naming the field, never converted;
 * the wire format itself is pinned by golden files (ApiJsonGoldenTest).
 */
public final class ApiJson {
    /** Deeper JSON is refused before it is parsed (the API's records nest four levels). */
    public static final int MAX_DEPTH = 64;
    /**
     * One per JVM, shared by every ApiJson: it holds no state but its adapter cache, and each
     * {@code Jsonb.builder().build()} adds the generated adapters to a static list in avaje again.
     */
    private static final Jsonb JSONB = Jsonb.builder().add(new StrictTypes()).build();
    private final Jsonb jsonb = JSONB;

    /** The type {@code List<element>}, for {@link #read(byte[], Type)}. */
    public static Type listOf(Type element) {
        return Types.listOf(element);
    }

    /** The type {@code Map<String, value>}, for {@link #read(byte[], Type)}. */
    public static Type mapOf(Type value) {
        return Types.mapOf(value);
    }

    public <T> T read(byte[] json, Class<T> type) {
        return read(json, (Type) type);
    }

    public <T> T read(String json, Class<T> type) {
        return read(json.getBytes(StandardCharsets.UTF_8), (Type) type);
    }

    public <T> T read(String json, Type type) {
        return read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /** One JSON document as the given type; anything else is a {@link BadJson}. */
    @SuppressWarnings("unchecked")
    public <T> T read(byte[] json, Type type) {
        // outside the try: a type without an adapter is a bug here, not bad input
        JsonType<Object> target = jsonb.type(type);
        JsonDepth.check(json, MAX_DEPTH);
        PathReader reader = new PathReader(jsonb.reader(json));
        try (reader) {
            return (T) target.fromJson(reader);
        } catch (StrictTypes.WrongValue e) {
            String field = reader.path();
            if (field.isEmpty()) {
                throw BadJson.malformed("the document " + e.getMessage(), e);
            }
            throw BadJson.atField(field, e.getMessage());
        } catch (BadJson e) {
            throw e;
        } catch (RuntimeException e) {
            // the parser's own errors (JsonDataException, JsonEofException, ...); never a server error
            throw BadJson.malformed(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    public byte[] write(Object value) {
        return jsonb.toJsonBytes(value);
    }

    /** The compact JSON as a string. */
    public String writeText(Object value) {
        return jsonb.toJson(value);
    }

    /** Indented for people reading {@code --json}, laid out as {@link JsonIndent} says. */
    public String writePretty(Object value) {
        return JsonIndent.indent(jsonb.toJson(value));
    }
}
