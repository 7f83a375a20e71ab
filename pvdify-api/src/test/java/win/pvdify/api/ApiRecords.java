package win.pvdify.api;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Every record of the API package (found on disk, so a new DTO is covered at once) and sample values of them. */
final class ApiRecords {
    private ApiRecords() {
    }

    static List<Class<?>> all() throws IOException {
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("target/classes/win/pvdify/api"))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    try {
                        Class<?> c = Class.forName("win.pvdify.api." + name.substring(0, name.length() - 6));
                        if (c.isRecord()) {
                            out.add(c);
                        }
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return out;
    }

    /**
     * A value of the type: every field set (full) or only the primitives (sparse); strings carry a quote and a
     * non-ASCII letter, instants milliseconds, maps two keys out of order. Depth stops runaway nesting.
     */
    static Object sample(Type type, boolean full, int depth) {
        Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return "s-\u00e9\"" + depth;
        }
        if (raw == int.class || raw == Integer.class) {
            return 7 + depth;
        }
        if (raw == long.class || raw == Long.class) {
            return 1L << 40;
        }
        if (raw == double.class || raw == Double.class) {
            return 0.25;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == Instant.class) {
            return Instant.parse("2026-01-15T10:30:00.123Z");
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            return List.of(sample(element, full, depth + 1), sample(element, false, depth + 1));
        }
        if (raw == Map.class) {
            Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("B_KEY", sample(value, full, depth + 1));
            m.put("A_KEY", sample(value, full, depth + 1));
            return m;
        }
        if (raw.isRecord()) {
            RecordComponent[] cs = raw.getRecordComponents();
            Object[] args = new Object[cs.length];
            Class<?>[] types = new Class<?>[cs.length];
            for (int i = 0; i < cs.length; i++) {
                types[i] = cs[i].getType();
                boolean primitive = cs[i].getType().isPrimitive();
                args[i] = (full && depth < 3) || primitive ? sample(cs[i].getGenericType(), full, depth + 1) : null;
            }
            try {
                return raw.getDeclaredConstructor(types).newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("no sample for " + type);
    }
}
