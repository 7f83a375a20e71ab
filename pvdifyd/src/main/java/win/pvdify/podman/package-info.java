/**
 * Podman's REST API (libpod v4) over its Unix socket: PodmanApi / PodmanSocketApi (HttpClient 5 on jnr),
 * PodmanImagePuller (the engine's ImagePuller), and PodmanSupervisor, the fallback DynoSupervisor where systemd
 * is not PID 1. Wiring of the fallback:
 * <pre>
 * var podman = new PodmanSocketApi(PodmanSocketApi.SYSTEM_SOCKET);
 * var supervisor = new PodmanSupervisor(podman, new EnvFiles(EnvFiles.DEFAULT_DIR), 5, 30);
 * supervisor.revive();                              // at start: dynos that exist but do not run (reboot)
 * supervisor.startWatcher(Duration.ofSeconds(2));   // restarts exited dynos Podman left alone (a 2 s poll)
 * var logs = new HerokuLogReader(new PodmanLogSource(podman));
 * </pre>
 * SupervisorDetector.detect(configValue) picks "systemd" or "podman".
 */
package win.pvdify.podman;
