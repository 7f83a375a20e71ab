package win.pvdify.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The apps' bare repositories, one per app beside its build sources (builds/APP/repo.git under the data dir, so
 * deleting the app removes it with them), made on first use.
 */
public final class GitRepos {
    private final Path dir;

    public GitRepos(Path dir) {
        this.dir = dir;
    }

    /** The app's bare repository (app: an already validated app name). */
    public synchronized Repository open(String app) {
        Path path = dir.resolve(app).resolve("repo.git");
        try {
            Repository repo = new FileRepositoryBuilder().setGitDir(path.toFile()).setBare().build();
            if (!Files.exists(path.resolve("HEAD"))) {
                Files.createDirectories(path.getParent());
                repo.create(true);
            }
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the git repository of " + app + ": " + e.getMessage(), e);
        }
    }
}
