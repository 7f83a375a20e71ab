package win.pvdify.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The effects every recording fake performed, in order (one shared log, so tests assert the exact sequence).
 * crashAfter = k makes the k-th effect throw SimulatedCrash right after it took place: a kill -9 of pvdifyd.
 */
final class CallLog {
    private final List<String> calls = new ArrayList<>();
    private int crashAfter = -1;

    synchronized void record(String call) {
        calls.add(call);
        if (crashAfter >= 0 && calls.size() >= crashAfter) {
            crashAfter = -1;
            throw new SimulatedCrash(call);
        }
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized List<String> take() {
        List<String> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }

    synchronized void crashAfter(int effects) {
        crashAfter = effects;
    }

    /** An Error, so the engine's failure handling (RuntimeException) does not run: like a kill -9. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String after) {
            super("simulated kill -9 after: " + after);
        }
    }
}
