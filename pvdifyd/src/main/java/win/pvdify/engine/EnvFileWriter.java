package win.pvdify.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a release's config vars (plus PORT) for its dynos: a file on tmpfs, mode 0600, never on a persistent
 * disk. Implemented by the runtime's EnvFiles. Every call is idempotent.
 */
public interface EnvFileWriter {

    /** Writes (or rewrites) the env file of this release and returns its path. */
    Path write(String app, int release, Map<String, String> env);

    /** Deletes the env file of this release, if any. */
    void delete(String app, int release);

    /** Deletes every env file of the app (app removal). */
    void deleteAll(String app);
}
