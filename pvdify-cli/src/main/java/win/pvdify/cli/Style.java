package win.pvdify.cli;

/** ANSI colours when enabled (a terminal without NO_COLOR), plain text otherwise. */
record Style(boolean enabled) {
    String heading(String s) {
        return wrap("1", s);
    }

    String good(String s) {
        return wrap("32", s);
    }

    String bad(String s) {
        return wrap("31", s);
    }

    String warn(String s) {
        return wrap("33", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    String accent(String s) {
        return wrap("36", s);
    }

    /** Colour for a state word: green when healthy, red when broken, yellow in between. */
    String state(String state) {
        if (state == null) {
            return "";
        }
        return switch (state) {
            case "up", "running", "current", "ok", "done", "succeeded" -> good(state);
            case "crashed", "failed", "down", "cancelled" -> bad(state);
            case "starting", "restarting", "deploying", "pending", "degraded", "deleting", "queued" -> warn(state);
            default -> state;
        };
    }

    private String wrap(String code, String s) {
        return enabled ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
