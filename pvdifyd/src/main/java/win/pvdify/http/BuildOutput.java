package win.pvdify.http;

/**
 * A build operation's event as an output line: the builder's own lines as they are, the platform's steps
 * indented like Heroku's ("       Starting web.1..."), its headings ("-----> ...") as they are. Pure.
 */
final class BuildOutput {
    private BuildOutput() {
    }

    static String line(String stage, String message) {
        String m = message.replace("\r", "").replace("\n", " ");
        if (stage.equals("build") || m.startsWith("-----> ")) {
            return m;
        }
        return "       " + m;
    }
}
