package win.pvdify.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import win.pvdify.dyno.DynoState;

/**
 * Everything the planner looks at. desired: the app at the release to run (for Deploy: that release; else the
 * current one; null when the app is unknown). currentRelease: the release serving now (null = none).
 * freshPorts: free host ports for new web dynos, used in order. envFile: the env file of desired's release.
 */
public record PlanInput(
        Intent intent,
        String app,
        DesiredApp desired,
        Integer currentRelease,
        List<DynoState> observed,
        List<Integer> freshPorts,
        Path envFile,
        Duration drain) {

    public PlanInput {
        observed = List.copyOf(observed);
        freshPorts = List.copyOf(freshPorts);
    }

    public PlanInput withPorts(List<Integer> ports) {
        return new PlanInput(intent, app, desired, currentRelease, observed, ports, envFile, drain);
    }
}
