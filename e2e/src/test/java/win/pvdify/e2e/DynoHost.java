package win.pvdify.e2e;

import java.util.List;

/** What the scenario checks on the machine itself, per supervisor: containers, units, env files. */
interface DynoHost {
    /** Names of the app's containers in any state (label pvdify.app=APP). */
    List<String> containers(String app);

    /** Names of the app's running containers. */
    List<String> runningContainers(String app);

    /** The app's active dyno units (systemd) or running containers (fallback). */
    List<String> activeDynos(String app);

    /** Unit files of the app's dynos (empty on the fallback supervisor). */
    List<String> unitFiles(String app);

    /** Env files of the app's dynos. */
    List<String> envFiles(String app);

    /** SIGKILL to one container's processes, behind the supervisor's back. */
    void killContainer(String name);
}
