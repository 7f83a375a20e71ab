package win.pvdify.cli;

import picocli.CommandLine.Option;

/** `--detach`, shared by every command that starts an operation. */
final class DetachOption {
    @Option(names = "--detach", description = {"Return at once with the operation's id instead of following it",
        "(follow it later with: pvdify operations:wait ID)."})
    boolean detach;
}
