package win.pvdify.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** backup:create: a control-plane backup downloaded from the server (admin). */
final class BackupCommands {
    private BackupCommands() {
    }

    @Command(name = "backup:create", description = {"Download a control-plane backup made now: apps, releases, config,",
        "domains, tokens, webhooks, audit log (like `pvdifyd backup` on the host). It is encrypted with the server's",
        "keyset, which is NOT in it: keep a copy of /var/lib/pvdify/keyset.json elsewhere, or it cannot be restored.",
        "Restore on the host: pvdifyd restore FILE --keyset KEYSET."})
    static final class Create extends ApiCommand {
        private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC);

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "Where to write it (default: pvdify-YYYYMMDD-HHMMSS.backup here); never overwritten.")
        Path output;

        @Override
        public Integer call() {
            Path file = output != null ? output
                    : Path.of("pvdify-" + STAMP.format(ctx().clock().instant()) + ".backup");
            String counts;
            try (OutputStream out = Files.newOutputStream(Files.createFile(file,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))))) {
                counts = client().backup(out);
            } catch (FileAlreadyExistsException e) {
                throw usage(file + " exists already; name another file with -o");
            } catch (IOException e) {
                throw new CliException(ExitCodes.ERROR, "cannot write " + file + ": " + e.getMessage());
            } catch (RuntimeException e) {
                try {
                    Files.deleteIfExists(file); // never leave half a backup that looks whole
                } catch (IOException ignored) {
                    // the error below matters more
                }
                throw e;
            }
            out().println("Wrote " + file + " (" + Text.clean(counts) + ").");
            out().println(style().warn("It is encrypted with the server's keyset, which is not in it: keep a copy of"
                    + " the keyset elsewhere."));
            return ExitCodes.OK;
        }
    }
}
