/**
 * Dynos as systemd units. Pure: UnitRenderer (ContainerSpec + UnitSettings -> unit text, pvdify.target),
 * EnvFileRenderer (env map -> `podman --env-file` text; refuses line breaks: use {@code problem()} for a 422).
 * Effects: EnvFiles (0600 files on tmpfs; also the engine's EnvFileWriter), SystemctlCli, Journalctl,
 * SystemdSupervisor, SdNotify/Watchdog. Wiring on a host whose PID 1 is systemd:
 * <pre>
 * var run = ProcessRunner.direct();
 * var supervisor = new SystemdSupervisor(new SystemctlCli(run), new Journalctl(run), UnitSettings.defaults(),
 *         SystemdSupervisor.DEFAULT_UNIT_DIR, Path.of("/"));
 * supervisor.installTarget();                       // once at start (the installer also ships pvdify.target)
 * var envFiles = new EnvFiles(EnvFiles.DEFAULT_DIR);
 * var logs = new HerokuLogReader(new JournaldLogSource(new Journalctl(ProcessRunner.direct())));
 * Watchdog.start(System.getenv(), ProcessHandle.current().pid(), () -> true);
 * SdNotify.fromEnvironment(System.getenv()).ifPresent(SdNotify::ready);
 * </pre>
 * For a systemd in a test namespace (scripts/sysns.sh): ProcessRunner(List.of("nsenter","-t",PID,"-m","-p")),
 * unit dir /etc/systemd/system and root /proc/PID/root for both the supervisor and EnvFiles.
 */
package win.pvdify.systemd;
