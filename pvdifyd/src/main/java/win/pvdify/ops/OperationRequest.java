package win.pvdify.ops;

import java.util.Map;

/** What an operation is asked to do: its description and its kind's arguments (never a secret). */
public record OperationRequest(String description, Map<String, String> params) {
}
