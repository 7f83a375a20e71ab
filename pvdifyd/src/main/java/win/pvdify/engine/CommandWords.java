package win.pvdify.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a process command ("bin/worker --queue 'a b'") into argv words like a shell would for quoting only:
 * single and double quotes group, backslash escapes the next character; no expansion of any kind.
 * The words go to the container as its command; they never pass through a shell of ours.
 */
public final class CommandWords {
    private CommandWords() {
    }

    /** null or blank = null (the image's own command). */
    public static List<String> split(String command) {
        if (command == null || command.isBlank()) {
            return null;
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new PlanException("unterminated " + quote + " in command: " + command);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
