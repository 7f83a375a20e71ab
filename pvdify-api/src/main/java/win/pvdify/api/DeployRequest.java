package win.pvdify.api;

/** POST /apps/{name}/releases. description defaults to "Deploy IMAGE". */
public record DeployRequest(String image, String description) {
}
