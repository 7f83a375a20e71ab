package win.pvdify.cli;

/** The user's terminal, as far as the CLI needs it: is there one, and reading a line or a secret from it. */
public interface Terminal {
    /** True when stdin and stdout are a terminal (prompts are allowed, colour may be used). */
    boolean interactive();

    /** Reads a line typed on the terminal after printing the prompt; null at end of input. */
    String readLine(String prompt);

    /** Reads a secret without echo; null at end of input. */
    String readSecret(String prompt);

    /** Reads one line from standard input when it is not a terminal (a token piped in); null when empty. */
    String readStdinLine();

    /**
     * Runs the action when the user interrupts the run (Ctrl-C, SIGTERM) while the returned handle is open; the
     * process then ends with 130. Closing the handle stops watching. Default: nothing is watched.
     */
    default Watch onInterrupt(Runnable action) {
        return () -> { };
    }

    /** An open watch of {@link #onInterrupt}; close() ends it. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
