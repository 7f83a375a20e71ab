package win.pvdify.engine;

/** The app's turn in the runtime: deploys, scales and restarts own the dynos while they run. */
public interface AppTurns {

    /** Runs work now in the app's turn and returns true, or returns false at once when the app is busy. */
    boolean tryTurn(String app, Runnable work);
}
