package win.pvdify.engine;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import win.pvdify.api.Dyno;
import win.pvdify.api.Healthcheck;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.routing.TrafficSwitch;
import win.pvdify.routing.Upstream;

/** Small recording fakes of the engine's other effect interfaces, all writing to one CallLog. */
final class FakeEffects {
    private FakeEffects() {
    }

    static final class Traffic implements TrafficSwitch {
        private final CallLog log;
        final Map<String, List<Upstream>> routes = new TreeMap<>();

        Traffic(CallLog log) {
            this.log = log;
        }

        @Override
        public synchronized void eject(String app, Upstream upstream) {
            log.record("eject " + app + " " + upstream.dial());
        }

        @Override
        public synchronized void route(String app, List<String> hosts, List<Upstream> upstreams) {
            routes.put(app, List.copyOf(upstreams));
            log.record("route " + app + " " + String.join(",", hosts) + " -> "
                    + upstreams.stream().map(u -> String.valueOf(u.port())).collect(Collectors.joining(",")));
        }

        @Override
        public synchronized void remove(String app) {
            routes.remove(app);
            log.record("unroute " + app);
        }
    }

    static final class Puller implements ImagePuller {
        private final CallLog log;
        final Set<String> missing = new HashSet<>();

        Puller(CallLog log) {
            this.log = log;
        }

        @Override
        public String pull(String image, Consumer<String> progress) {
            if (missing.contains(image)) {
                log.record("pull-failed " + image);
                throw new IllegalStateException("manifest unknown");
            }
            progress.accept("Copying blob 1/1");
            log.record("pull " + image);
            return "sha256:" + image.replaceAll("[^a-z0-9]", "");
        }
    }

    static final class EnvFiles implements EnvFileWriter {
        private final CallLog log;
        final Map<String, Set<Integer>> files = new LinkedHashMap<>();

        EnvFiles(CallLog log) {
            this.log = log;
        }

        @Override
        public synchronized Path write(String app, int release, Map<String, String> env) {
            files.computeIfAbsent(app, a -> new TreeSet<>()).add(release);
            log.record("env-write " + app + " v" + release + " " + env.keySet());
            return Path.of("/run/pvdify-test/env", app, release + ".env");
        }

        @Override
        public synchronized void delete(String app, int release) {
            files.getOrDefault(app, new HashSet<>()).remove(release);
            log.record("env-delete " + app + " v" + release);
        }

        @Override
        public synchronized void deleteAll(String app) {
            files.remove(app);
            log.record("env-purge " + app);
        }

        synchronized Set<Integer> of(String app) {
            return Set.copyOf(files.getOrDefault(app, Set.of()));
        }
    }

    /** Healthy unless the image is listed as unhealthy or the dyno crashed (asks the fake supervisor). */
    static final class Health implements HealthProbe {
        private final CallLog log;
        private final FakeSupervisor supervisor;
        final Set<String> unhealthyImages = new HashSet<>();
        volatile Runnable whileChecking = () -> { };

        Health(CallLog log, FakeSupervisor supervisor) {
            this.log = log;
            this.supervisor = supervisor;
        }

        @Override
        public void await(DynoSpec dyno, Healthcheck healthcheck) {
            log.record("health " + dyno.dynoName() + " v" + dyno.release() + " :" + dyno.hostPort());
            whileChecking.run();
            boolean crashed = supervisor.list(dyno.app()).stream()
                    .anyMatch(d -> d.unit().equals(dyno.unitName()) && d.state() == Dyno.State.CRASHED);
            if (crashed) {
                throw new Unhealthy(dyno.dynoName() + " crashed while starting");
            }
            if (unhealthyImages.contains(dyno.image())) {
                throw new Unhealthy("HTTP 503 on /up (3 times in a row)");
            }
        }
    }
}
