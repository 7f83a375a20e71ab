package win.pvdify.http;

/** An answer that is not a success: status plus a message for the user. ErrorAnswers turns it into JSON. */
public final class ApiProblem extends RuntimeException {
    private final int status;

    public ApiProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiProblem badRequest(String m) {
        return new ApiProblem(400, m);
    }

    public static ApiProblem forbidden(String m) {
        return new ApiProblem(403, m);
    }

    public static ApiProblem notFound(String m) {
        return new ApiProblem(404, m);
    }

    public static ApiProblem conflict(String m) {
        return new ApiProblem(409, m);
    }

    public static ApiProblem tooLarge(String m) {
        return new ApiProblem(413, m);
    }

    public static ApiProblem invalid(String m) {
        return new ApiProblem(422, m);
    }

    public static ApiProblem unavailable(String m) {
        return new ApiProblem(503, m);
    }

    /** Throws 422 when the check found a problem. */
    public static void check(String problem) {
        if (problem != null) {
            throw invalid(problem);
        }
    }
}
