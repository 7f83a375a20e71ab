package win.pvdify.podman;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The Podman (libpod) operations Pvdify uses, by domain verb. Failures throw PodmanException. */
public interface PodmanApi extends PodmanLogs, AutoCloseable {

    /** Throws when Podman does not answer. */
    void ping();

    PodmanVersion version();

    /** Pulls the image, streaming human-readable progress lines; returns the pulled image's digest info. */
    ImageInfo pull(String reference, RegistryAuth auth, Consumer<String> progress);

    boolean imageExists(String reference);

    /**
     * Builds an image from a build context tar (POST /build): dockerfile is its path inside the context, tag the
     * name it gets; memoryBytes and cpus limit each step's container (0 = no limit). Output lines go to output
     * as they come; returns the image id. Throws PodmanException(422) when a step fails (message: the builder's
     * reason), and stops at once (throwing) when stop turns true (it is polled every 250 ms).
     */
    String build(java.nio.file.Path contextTar, String dockerfile, String tag, Map<String, String> labels,
                 long memoryBytes, double cpus, Consumer<String> output, java.util.function.BooleanSupplier stop);

    ImageInfo inspectImage(String reference);

    /** Removes the image unless a container uses it (no force); false when it was in use or not there. */
    boolean removeImage(String reference);


    /**
     * Reads a file of the image, at a path relative to its WORKDIR (e.g. "app.json"): a container is created
     * (never started) and the file copied out of it. Empty when the image has no such regular file; throws
     * when it is larger than maxBytes.
     */
    Optional<byte[]> readImageFile(String image, String relativePath, int maxBytes);

    Optional<ContainerDetails> inspectContainer(String nameOrId);

    /** Creates the container the body describes (see PodmanCreateBody.render); returns its id. */
    String createContainer(PodmanCreateBody body);

    void startContainer(String nameOrId);

    void stopContainer(String nameOrId, int timeoutSec);

    void restartContainer(String nameOrId, int timeoutSec);

    void killContainer(String nameOrId, String signal);

    /** Stops (with the timeout) and removes; a container that does not exist is fine. */
    void removeContainer(String nameOrId, int timeoutSec);

    /**
     * Attaches to the container's stdin, stdout and stderr (before it starts, so no output is missed); tty: the
     * container has a terminal (its output is then one raw stream).
     */
    PodmanAttach attach(String nameOrId, boolean tty);

    /** Sets the terminal size of a running container that has one. */
    void resizeContainer(String nameOrId, int rows, int cols);

    /** Blocks until the container has exited and returns its exit code. */
    int waitContainer(String nameOrId);

    /** A one-shot sample for each given running container. */
    List<ContainerStats> stats(List<String> namesOrIds);

    /** Every network Podman knows (the default one included). */
    List<NetworkInfo> listNetworks();

    /**
     * Creates a bridge network with one IPv4 subnet, no DNS, isolated from other isolated networks (Podman's
     * `isolate` option), with these labels. A network of that name that exists is an error (409).
     */
    void createNetwork(String name, String subnet, Map<String, String> labels);

    /** Removes a network; one that does not exist is fine. Fails while containers use it. */
    void removeNetwork(String name);

    /** Creates an exec session of cmd in a running container (stdout and stderr attached, stdin if asked). */
    String createExec(String nameOrId, List<String> cmd, boolean stdin);

    /** Starts the exec session attached: its output (multiplexed) and, when created with stdin, its input. */
    PodmanAttach startExec(String execId);

    /** The exec session's exit code; null while it runs. */
    Integer execExitCode(String execId);

    /** Removes a named volume and its data; one that does not exist is fine. */
    void removeVolume(String name);

    /** Live events matching the filters (e.g. type=container, label=pvdify.app=x), until closed. */
    PodmanStream<PodmanEvent> events(Map<String, List<String>> filters);


    @Override
    void close();
}
