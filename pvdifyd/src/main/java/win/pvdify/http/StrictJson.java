package win.pvdify.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.List;
import win.pvdify.api.Json;

/**
 * The daemon's reading of request bodies: the API's mapping with Jackson's scalar coercions turned off, so
 * {@code "80"} for a port, {@code 1.5} for a count or {@code "true"} for a flag is a wrong type (422) instead of
 * being silently converted. Writing is unchanged; clients keep the lenient mapping of {@link Json}.
 */
final class StrictJson {
    private static final List<LogicalType> SCALARS = List.of(LogicalType.Integer, LogicalType.Float,
            LogicalType.Boolean, LogicalType.Textual);
    private static final List<CoercionInputShape> SCALAR_SHAPES = List.of(CoercionInputShape.Integer,
            CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.String,
            CoercionInputShape.EmptyString);

    private StrictJson() {
    }

    static ObjectMapper newMapper() {
        ObjectMapper m = Json.newMapper();
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        for (LogicalType target : SCALARS) {
            for (CoercionInputShape shape : SCALAR_SHAPES) {
                if (!sameKind(target, shape)) {
                    m.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
                }
            }
        }
        // An integer where a decimal is expected loses nothing (cpu: 1 means 1.0): allowed
        m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        return m;
    }

    private static boolean sameKind(LogicalType target, CoercionInputShape shape) {
        return switch (target) {
            case Integer -> shape == CoercionInputShape.Integer;
            case Float -> shape == CoercionInputShape.Float;
            case Boolean -> shape == CoercionInputShape.Boolean;
            case Textual -> shape == CoercionInputShape.String || shape == CoercionInputShape.EmptyString;
            default -> false;
        };
    }

    /**
     * The field a wrong type was found in ("bind_port", "updates[0].count"), or null when the body as a whole
     * has the wrong shape (an array or a number instead of an object): that is a malformed request, not a value.
     */
    static String field(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    /** What the body had where the wrong type was found, as the parser saw it. */
    static String given(MismatchedInputException e) {
        if (!(e.getProcessor() instanceof JsonParser p) || p.currentToken() == null) {
            return null;
        }
        return switch (p.currentToken()) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT, FIELD_NAME -> "an object";
            case START_ARRAY -> "a list";
            default -> null;
        };
    }

    /** "an integer", "a string", ... for the type a field needs; null when it is an object or a list. */
    static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return null;
    }
}
