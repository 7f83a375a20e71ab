package win.pvdify.engine;

/** The planner cannot make a plan from this input (bad desired state); the message is for the user. */
public class PlanException extends RuntimeException {
    public PlanException(String message) {
        super(message);
    }
}
