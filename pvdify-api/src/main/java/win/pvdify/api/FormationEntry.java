package win.pvdify.api;

/** Process type -> count (+ optional command override). Only "web" gets ports and routes. */
public record FormationEntry(String type, int count, String command) {
}
