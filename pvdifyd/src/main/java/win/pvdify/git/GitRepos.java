package win.pvdify.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The apps' bare repositories, one per app under the daemon's data dir (git/APP.git), made on first use. */
public final class GitRepos {
    private final Path dir;

    public GitRepos(Path dir) {
        this.dir = dir;
    }

    /** The app's bare repository (app: an already validated app name). */
    public synchronized Repository open(String app) {
        Path path = dir.resolve(app + ".git");
        try {
            Repository repo = new FileRepositoryBuilder().setGitDir(path.toFile()).setBare().build();
            if (!Files.exists(path.resolve("HEAD"))) {
                Files.createDirectories(dir);
                repo.create(true);
            }
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the git repository of " + app + ": " + e.getMessage(), e);
        }
    }

    /** Removes the app's repository (the app was deleted). */
    public synchronized void remove(String app) {
        Path path = dir.resolve(app + ".git");
        if (!Files.exists(path)) {
            return;
        }
        try (var files = Files.walk(path)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
