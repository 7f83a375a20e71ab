package win.pvdify.engine;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import win.pvdify.api.Healthcheck;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.routing.Upstream;

/** One effect of a plan. describe() is the line golden files and engine events show (never a config value). */
public sealed interface Step {

    String describe();

    /** Pulls the release's image (progress stage "pull"); the executor keeps the digest for MarkCurrent. */
    record PullImage(String image) implements Step {
        public String describe() {
            return "pull " + image;
        }
    }

    record StartDyno(DynoSpec spec) implements Step {
        public String describe() {
            StringBuilder line = new StringBuilder("start " + spec.dynoName() + " v" + spec.release());
            if (spec.hostPort() != null) {
                line.append(" port=").append(spec.hostPort()).append(" bind=").append(spec.bindPort());
            }
            line.append(" image=").append(spec.image());
            if (spec.command() != null) {
                line.append(" command=").append(spec.command().stream()
                        .map(word -> "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").collect(Collectors.joining(",", "[", "]")));
            }
            line.append(" env=").append(spec.envFile());
            if (spec.memoryMb() != null) {
                line.append(" memory=").append(spec.memoryMb()).append("m");
            }
            if (spec.cpu() != null) {
                line.append(" cpu=").append(spec.cpu());
            }
            if (spec.readOnly()) {
                line.append(" read-only");
            }
            return line.toString();
        }
    }

    /** Waits until the new web dyno answers its healthcheck (null path = port accepts connections). */
    record AwaitHealthy(DynoSpec spec, Healthcheck healthcheck) implements Step {
        public String describe() {
            String path = healthcheck == null || healthcheck.path() == null ? "tcp" : "path=" + healthcheck.path();
            return "health " + spec.dynoName() + " v" + spec.release() + " port=" + spec.hostPort() + " " + path;
        }
    }

    record SwitchTraffic(List<String> hosts, List<Upstream> upstreams) implements Step {
        public SwitchTraffic {
            hosts = List.copyOf(hosts);
            upstreams = List.copyOf(upstreams);
        }

        public String describe() {
            return "switch " + String.join(",", hosts) + " -> "
                    + (upstreams.isEmpty() ? "(none)" : upstreams.stream().map(Upstream::dial)
                    .collect(Collectors.joining(",")));
        }
    }

    /** Lets requests in flight on dynos just taken out of the route finish before they are stopped. */
    record Drain(Duration duration) implements Step {
        public String describe() {
            return "drain " + duration.toMillis() + "ms";
        }
    }

    /**
     * Stops and removes an observed dyno (the supervisor sends SIGTERM, then SIGKILL after 30 s); force kills it
     * at once.
     */
    record RemoveDyno(String unit, boolean force) implements Step {
        public RemoveDyno(String unit) {
            this(unit, false);
        }

        public String describe() {
            return (force ? "kill and remove " : "remove ") + unit;
        }
    }

    /** In-place restart of a non-web dyno (it has no traffic to keep). */
    record RestartDyno(String unit) implements Step {
        public String describe() {
            return "restart " + unit;
        }
    }

    record MarkCurrent(int release) implements Step {
        public String describe() {
            return "mark-current v" + release;
        }
    }

    record RemoveRoute() implements Step {
        public String describe() {
            return "remove-route";
        }
    }

    record DeleteEnvFile(int release) implements Step {
        public String describe() {
            return "delete-env v" + release;
        }
    }

    /** Deletes every env file of the app (app removal). */
    record PurgeEnvFiles() implements Step {
        public String describe() {
            return "purge-env";
        }
    }
}
