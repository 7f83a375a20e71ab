package win.pvdify.engine;

/** What a reconcile is asked to do. */
public sealed interface Intent {

    /** Run this (recorded) release: new dynos next to the old ones, switch, drain, remove the old. */
    record Deploy(int release) implements Intent {
    }

    /** Bring the current release's dynos in line with the formation (scale); removes orphans. */
    record Converge() implements Intent {
    }

    /** Converge, and push the route even when nothing changed (pvdifyd start). */
    record Recover() implements Intent {
    }

    /** Restart the current release's dynos of one type (null = all): rolling with stand-ins for web. */
    record Restart(String type) implements Intent {
    }

    /**
     * Remove every dyno, the route and the env files of the app: the route first, then a drain while routed web
     * dynos finish their requests, then the dynos (stopped with their timeout). force: no drain, dynos killed.
     */
    record Remove(boolean force) implements Intent {
        public Remove() {
            this(false);
        }
    }
}
