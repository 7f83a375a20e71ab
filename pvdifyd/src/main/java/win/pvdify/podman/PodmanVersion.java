package win.pvdify.podman;

public record PodmanVersion(String version, String apiVersion) {
}
