package win.pvdify.api;

/**
 * A pass over raw JSON before it is parsed: refuses nesting deeper than a limit (the parser recurses, so a
 * body of 100 000 brackets would otherwise end in a StackOverflowError) and anything after the first
 * object or array ("{}{}", "{} x").
 */
final class JsonDepth {
    private JsonDepth() {
    }

    static void check(byte[] json, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        boolean closed = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
                continue;
            }
            if (closed && b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                throw BadJson.malformed("more than one JSON value (at byte " + i + ")", null);
            }
            switch (b) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    if (++depth > maxDepth) {
                        throw BadJson.malformed("nested deeper than " + maxDepth + " levels", null);
                    }
                }
                case '}', ']' -> {
                    depth--;
                    closed = depth == 0;
                }
                default -> {
                }
            }
        }
    }
}
