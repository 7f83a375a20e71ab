package win.pvdify.api;

/** Limits for every dyno of an app: memory in MiB, cpu in cores (e.g. 0.5); null means no limit. */
public record Resources(Integer memoryMb, Double cpu) {
}
