package win.pvdify.api;

/** POST /apps/{name}/rollback. version null = the release before the current one. */
public record RollbackRequest(Integer version) {
}
