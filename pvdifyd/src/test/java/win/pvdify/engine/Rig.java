package win.pvdify.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import win.pvdify.api.DeployProgress;
import win.pvdify.dyno.DynoUsage;

/** An Engine wired to recording fakes (ports from 20000 on, every port "bindable"). */
final class Rig {
    final CallLog log = new CallLog();
    final InMemoryLedger ledger = new InMemoryLedger(log);
    final FakeSupervisor supervisor = new FakeSupervisor(log);
    final FakeEffects.Traffic traffic = new FakeEffects.Traffic(log);
    final FakeEffects.Puller puller = new FakeEffects.Puller(log);
    final FakeEffects.EnvFiles envFiles = new FakeEffects.EnvFiles(log);
    final FakeEffects.Health health = new FakeEffects.Health(log, supervisor);
    final List<String> logLines = new ArrayList<>();
    /** What the usage sampler knows, by container id; the ids asked for are recorded. */
    final Map<String, DynoUsage.Usage> usage = new HashMap<>();
    final List<List<String>> usageAsked = new ArrayList<>();
    final Engine engine = new Engine(ledger, supervisor, traffic, puller, envFiles, health,
            new PortAllocator(20000, 20099, supervisor::listAll, port -> true),
            (app, lines, process, follow, sink) -> logLines.forEach(sink),
            ids -> {
                usageAsked.add(ids);
                Map<String, DynoUsage.Usage> known = new HashMap<>(usage);
                known.keySet().retainAll(ids);
                return known;
            },
            new EngineSettings(Duration.ofSeconds(2), 5),
            duration -> log.record("sleep " + duration.toMillis() + "ms"),
            Clock.fixed(Instant.parse("2026-01-15T10:30:00Z"), ZoneOffset.UTC));
    final Recovery recovery = new Recovery(ledger, supervisor, envFiles, engine);

    /** Deploys and returns the progress stages seen. */
    List<String> deploy(String app, int release) {
        List<String> stages = new ArrayList<>();
        engine.deploy(app, release, (DeployProgress line) -> stages.add(line.stage()));
        return stages;
    }
}
