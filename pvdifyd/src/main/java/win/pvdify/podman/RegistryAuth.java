package win.pvdify.podman;

/** Credentials for a private registry, passed to a pull (never logged). */
public record RegistryAuth(String username, String password) {
    @Override
    public String toString() {
        return "RegistryAuth[username=" + username + ", password=***]";
    }
}
