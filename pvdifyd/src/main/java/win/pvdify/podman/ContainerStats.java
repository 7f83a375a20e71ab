package win.pvdify.podman;

public record ContainerStats(String id, String name, double cpuPercent, long memoryBytes, long memoryLimit) {
}
