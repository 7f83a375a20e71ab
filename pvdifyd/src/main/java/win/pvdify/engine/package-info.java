/**
 * The engine: desired state (ReleaseLedger) + observed dynos (DynoSupervisor) -> a plan of Steps
 * (DeployPlanner, pure, golden-tested) -> effects (PlanExecutor: DynoSupervisor, TrafficSwitch, HealthProbe,
 * ImagePuller, EnvFileWriter, ReleaseLedger). Engine implements AppRuntime with a lock per app; Recovery runs
 * once at start, before READY. Wiring (Main):
 * <pre>
 * var ports = new PortAllocator(20000, 29999, supervisor::listAll);
 * var engine = new Engine(ledger, supervisor, trafficSwitch, imagePuller, envFileWriter,
 *         new HttpHealthProbe(supervisor, Duration.ofSeconds(60)), ports, appLogReader, new PodmanDynoUsage(podman),
 *         EngineSettings.defaults());
 * new Recovery(ledger, supervisor, envFileWriter, engine).run();   // then READY=1
 * </pre>
 */
package win.pvdify.engine;
