package win.pvdify.engine;

import java.util.List;
import win.pvdify.api.App;
import win.pvdify.api.Dyno;
import win.pvdify.dyno.DynoState;

/** The app status the API shows, derived from what runs (pure). */
public final class AppStatus {
    private AppStatus() {
    }

    /**
     * created: nothing deployed; failed: the last deploy failed and nothing runs; stopped: formation is 0;
     * running: every desired dyno of the current release exists and none crashed; crashed otherwise.
     * Returns null when there is nothing to say (no release, no failure): the stored status stays.
     */
    public static App.Status of(DesiredApp desired, List<DynoState> observed, boolean lastDeployFailed) {
        if (desired == null || desired.release() == null) {
            return lastDeployFailed ? App.Status.FAILED : null;
        }
        int release = desired.release();
        int wanted = desired.formation() == null ? 0
                : desired.formation().stream().mapToInt(entry -> Math.max(0, entry.count())).sum();
        List<DynoState> mine = observed.stream().filter(dyno -> dyno.release() == release).toList();
        if (wanted == 0) {
            return App.Status.STOPPED;
        }
        if (mine.isEmpty()) {
            return lastDeployFailed ? App.Status.FAILED : App.Status.CRASHED;
        }
        boolean anyCrashed = mine.stream().anyMatch(dyno -> dyno.state() == Dyno.State.CRASHED);
        long alive = mine.stream().filter(dyno -> !dyno.state().down()).count();
        return !anyCrashed && alive >= wanted ? App.Status.RUNNING : App.Status.CRASHED;
    }
}
