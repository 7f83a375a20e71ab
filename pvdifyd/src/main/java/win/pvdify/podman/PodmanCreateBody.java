package win.pvdify.podman;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import win.pvdify.container.ContainerSpec;
import win.pvdify.container.Mount;
import win.pvdify.container.PublishedPort;
import win.pvdify.systemd.EnvFileRenderer;

/**
 * The body of POST /libpod/containers/create (Podman's SpecGenerator, field names of pkg/specgen in 4.3) for a
 * {@link ContainerSpec}: the fallback runtime's counterpart of the systemd unit. Pure; Jackson escapes every
 * value, so user text stays data.
 *
 * <p>Environment: libpod's create API has no env-file field (4.3.1 and today's main: pkg/specgen has only `env`,
 * `secret_env`, `env_host`; even the podman CLI reads `--env-file` itself, pkg/specgenutil, and sends `env`).
 * So the caller reads the model's tmpfs env file at create time and passes its values here; they are never part
 * of the model. Podman keeps them in the container's config.json (and bolt_state.db) on persistent disk while the
 * container exists, exactly as it does for the systemd unit's `--env-file` (HOST-NOTES measured both), so this is
 * no weaker than the systemd path, and no stronger: only a shim that reads a bind-mounted env file inside the
 * container would keep values off the disk on Podman 4.3.
 */
public record PodmanCreateBody(String name, String json) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CPU_PERIOD_US = 100_000L;

    /** env: the contents of spec.envFile() as read at create time (empty when the spec has no env file). */
    public static PodmanCreateBody render(ContainerSpec spec, Map<String, String> env) {
        if ((spec.envFile() == null || spec.envFileMounted()) && !env.isEmpty()) {
            throw new IllegalArgumentException(spec.envFileMounted()
                    ? "environment given for a container that reads its env file itself"
                    : "environment given for a container without an env file");
        }
        ObjectNode g = JSON.createObjectNode();
        g.put("name", spec.name());
        g.put("image", spec.image());
        if (spec.entrypoint() != null) {
            g.set("entrypoint", JSON.valueToTree(spec.entrypoint()));
        }
        if (spec.command() != null) {
            g.set("command", JSON.valueToTree(spec.command()));
        }
        ObjectNode e = g.putObject("env");
        new TreeMap<>(env).forEach((k, v) -> {
            // The same rules as the env file, so both runtimes accept exactly the same config.
            EnvFileRenderer.problem(k, v).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
            e.put(k, v);
        });
        g.set("labels", JSON.valueToTree(spec.labels()));
        if (spec.network() != null) {
            // what `--network NAME` becomes: a bridge namespace joined to that one network
            g.putObject("netns").put("nsmode", "bridge");
            g.putObject("Networks").putObject(spec.network());
            g.putObject("sysctl").put(ContainerSpec.IPV6_OFF, "1");
        }
        if (!spec.ports().isEmpty()) {
            ArrayNode ports = g.putArray("portmappings");
            for (PublishedPort p : spec.ports()) {
                ports.addObject().put("host_ip", p.hostIp()).put("host_port", p.hostPort())
                        .put("container_port", p.containerPort()).put("protocol", "tcp");
            }
        }
        ArrayNode binds = JSON.createArrayNode();
        ArrayNode volumes = JSON.createArrayNode();
        for (Mount m : spec.mounts()) {
            if (m.kind() == Mount.Kind.BIND) {
                ObjectNode b = binds.addObject().put("destination", m.target()).put("type", "bind")
                        .put("source", m.source());
                b.putArray("options").add("rbind").add(m.readOnly() ? "ro" : "rw");
            } else {
                // specgen.NamedVolume has no json tags: Go field names.
                ObjectNode v = volumes.addObject().put("Name", m.source()).put("Dest", m.target());
                ArrayNode o = v.putArray("Options");
                if (m.readOnly()) {
                    o.add("ro");
                }
            }
        }
        if (!binds.isEmpty()) {
            g.set("mounts", binds);
        }
        if (!volumes.isEmpty()) {
            g.set("volumes", volumes);
        }
        ObjectNode limits = JSON.createObjectNode();
        if (spec.limits().memoryMb() != null) {
            limits.putObject("memory").put("limit", spec.limits().memoryMb() * 1024L * 1024L);
        }
        if (spec.limits().cpus() != null) {
            // what `--cpus` becomes in the CLI: a quota per 100 ms period
            limits.putObject("cpu").put("period", CPU_PERIOD_US)
                    .put("quota", Math.round(spec.limits().cpus() * CPU_PERIOD_US));
        }
        if (spec.limits().pids() != null) {
            limits.putObject("pids").put("limit", spec.limits().pids().longValue());
        }
        if (!limits.isEmpty()) {
            g.set("resource_limits", limits);
        }
        g.put("no_new_privileges", spec.security().noNewPrivileges());
        g.put("read_only_filesystem", spec.security().readOnlyRootfs());
        if (spec.security().dropAllCaps()) {
            g.putArray("cap_drop").add("ALL");
        }
        if (!spec.security().capAdd().isEmpty()) {
            g.set("cap_add", JSON.valueToTree(spec.security().capAdd()));
        }
        if (spec.security().userns() != null) {
            // The API needs both: the namespace mode alone leaves container root = host root (seen on 4.3.1).
            g.putObject("userns").put("nsmode", "auto");
            ObjectNode ids = g.putObject("idmappings").put("AutoUserNs", true);
            if (spec.security().userns().startsWith("auto:size=")) {
                ids.putObject("AutoUserNsOpts").put("Size",
                        Long.parseLong(spec.security().userns().substring("auto:size=".length())));
            }
        }
        switch (spec.restart().kind()) {
            case NO -> { } // Podman's default: no restart
            case ON_FAILURE -> g.put("restart_policy", "on-failure").put("restart_tries", spec.restart().maxRetries());
        }
        ObjectNode log = g.putObject("log_configuration").put("driver", spec.log().driver());
        if (spec.log().tag() != null) {
            log.putObject("options").put("tag", spec.log().tag());
        }
        g.put("init", spec.init());
        if (spec.stdin()) {
            g.put("stdin", true);
        }
        if (spec.terminal()) {
            g.put("terminal", true);
        }
        g.put("stop_timeout", spec.stopTimeoutSec());
        return new PodmanCreateBody(spec.name(), g.toString());
    }
}
