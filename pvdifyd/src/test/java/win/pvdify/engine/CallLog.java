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
        return inBatchOrder(calls);
    }

    synchronized List<String> take() {
        List<String> taken = inBatchOrder(calls);
        calls.clear();
        return taken;
    }

    /**
     * The executor starts (and health-checks) a plan's consecutive dynos side by side, so their order among
     * themselves varies: each run of consecutive "start ..." or "health ..." lines is given sorted.
     */
    static List<String> inBatchOrder(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        int i = 0;
        while (i < out.size()) {
            String word = firstWord(out.get(i));
            int end = i + 1;
            if (word.equals("start") || word.equals("health")) {
                while (end < out.size() && firstWord(out.get(end)).equals(word)) {
                    end++;
                }
                java.util.Collections.sort(out.subList(i, end));
            }
            i = end;
        }
        return List.copyOf(out);
    }

    private static String firstWord(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
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
