package win.pvdify.systemd;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import win.pvdify.container.ContainerSpec;
import win.pvdify.container.DynoLabels;
import win.pvdify.container.Mount;
import win.pvdify.container.PublishedPort;
import win.pvdify.container.RestartPolicy;
import win.pvdify.dyno.DynoName;

/**
 * Renders the systemd unit that runs one container (see {@link ContainerSpec}), modelled on
 * `podman generate systemd --new`: Type=notify with --sdnotify=conmon, a cidfile cleaned before each start,
 * --replace, restart on failure with a start limit, the env file (values never appear in the unit) and the
 * model's labels. What the unit adds of its own is systemd machinery (cidfile, notify, timings of UnitSettings).
 * Pure; every value of the model passes through {@link SystemdQuoting}.
 */
public final class UnitRenderer {
    public static final String CIDFILE = "%t/%n.ctr-id";
    private static final String CIDFILE_ARG = "--cidfile=" + CIDFILE;
    static final String FLOCK = "/usr/bin/flock";
    /** On the runtime dir (tmpfs): no lock outlives a reboot. */
    static final String START_LOCK = "/run/pvdify-dyno-start.lock";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private UnitRenderer() {
    }

    public static String render(ContainerSpec c, UnitSettings s) {
        List<List<String>> run = new ArrayList<>();
        List<String> head = new ArrayList<>();
        if (c.security().userns() != null) {
            // Podman 4.3.1 deadlocks when several `podman run --userns=auto` start at once after a reboot (seen
            // here with three dynos at boot: two hung after "container create" until systemd killed them): one
            // dyno start at a time, host-wide. The lock is held only while podman run starts the container.
            head.addAll(List.of(FLOCK, START_LOCK));
        }
        head.add(s.podman());
        head.addAll(s.podmanArgs());
        head.add("run");
        run.add(head);
        // Podman 4.3.1 skips the network teardown of a killed `--rm --userns=auto` container: its port forwarding
        // stays and catches the restarted dyno's traffic (measured). Without --rm, conmon's cleanup tears the
        // network down and ExecStopPost removes the container (--replace removes any leftover at the next start).
        List<String> flags = new ArrayList<>(List.of(CIDFILE_ARG, "--cgroups=no-conmon", "--rm", "--sdnotify=conmon",
                "--replace", "-d"));
        if (c.security().userns() != null) {
            flags.remove("--rm");
        }
        run.add(flags);
        run.add(List.of("--name", c.name()));
        List<String> log = new ArrayList<>();
        if (c.init()) {
            log.add("--init");
        }
        log.addAll(List.of("--log-driver", c.log().driver()));
        if (c.log().tag() != null) {
            log.addAll(List.of("--log-opt", "tag=" + c.log().tag()));
        }
        run.add(log);
        if (c.envFile() != null && !c.envFileMounted()) {
            run.add(List.of("--env-file", c.envFile().toString()));
        }
        if (c.network() != null) {
            run.add(List.of("--network", c.network()));
            run.add(List.of("--sysctl", ContainerSpec.IPV6_OFF + "=1"));
        }
        for (PublishedPort p : c.ports()) {
            run.add(List.of("-p", p.publishArg()));
        }
        for (Map.Entry<String, String> l : c.labels().entrySet()) { // sorted by the model
            run.add(List.of("--label", l.getKey() + "=" + l.getValue()));
        }
        for (Mount m : c.mounts()) {
            run.add(List.of("--mount", mountArg(m)));
        }
        if (c.security().noNewPrivileges()) {
            run.add(List.of("--security-opt", "no-new-privileges"));
        }
        if (c.security().dropAllCaps()) {
            run.add(List.of("--cap-drop", "ALL"));
        }
        for (String cap : c.security().capAdd()) {
            run.add(List.of("--cap-add", cap));
        }
        if (c.security().userns() != null) {
            run.add(List.of("--userns", c.security().userns()));
        }
        if (c.limits().memoryMb() != null) {
            run.add(List.of("--memory", c.limits().memoryMb() + "m"));
        }
        if (c.limits().cpus() != null) {
            run.add(List.of("--cpus", BigDecimal.valueOf(c.limits().cpus()).stripTrailingZeros().toPlainString()));
        }
        if (c.limits().pids() != null) {
            run.add(List.of("--pids-limit", c.limits().pids().toString()));
        }
        if (c.security().readOnlyRootfs()) {
            run.add(List.of("--read-only"));
        }
        if (c.entrypoint() != null) {
            // podman reads a JSON array as the exact argv (no shell, no word splitting)
            run.add(List.of("--entrypoint", jsonArray(c.entrypoint())));
        }
        run.add(List.of("--stop-timeout", Integer.toString(c.stopTimeoutSec())));
        List<String> tail = new ArrayList<>();
        tail.add(c.image());
        if (c.command() != null) {
            tail.addAll(c.command());
        }
        run.add(tail);

        // The header names the dyno from the model's labels; other containers (add-ons, runs) by their name.
        Optional<DynoName> dyno = DynoLabels.identity(c.labels());
        List<String> podmanOnly = head.subList(head.indexOf(s.podman()), head.size() - 1);
        String podman = String.join(" ", quoted(podmanOnly));
        StringBuilder u = new StringBuilder();
        if (dyno.isPresent()) {
            DynoName d = dyno.get();
            u.append("# Generated by pvdifyd for dyno ").append(d.dyno()).append(" of ").append(d.app())
                    .append(" (release v").append(d.release()).append("); rewritten on every deploy.\n");
        } else {
            u.append("# Generated by pvdifyd for container ").append(c.name()).append(".\n");
        }
        u.append("[Unit]\n");
        u.append("Description=Pvdify ").append(dyno.map(d -> d.app() + " " + d.dyno() + " v" + d.release())
                .orElse(SystemdQuoting.text(c.name()))).append('\n');
        // pvdify-env.service rewrites the env files on tmpfs at boot (packaging/systemd); harmless if absent.
        u.append("Wants=network-online.target pvdify-env.service\n");
        u.append("After=network-online.target pvdify-env.service\n");
        u.append("RequiresMountsFor=%t/containers\n");
        u.append("PartOf=").append(s.target()).append('\n');
        u.append("StartLimitIntervalSec=").append(s.startLimitIntervalSec()).append('\n');
        // The model's retry budget: the first start plus maxRetries restarts within the interval.
        u.append("StartLimitBurst=").append(c.restart().maxRetries() + 1).append('\n');
        u.append('\n');
        u.append("[Service]\n");
        u.append("Environment=PODMAN_SYSTEMD_UNIT=%n\n");
        u.append("Type=notify\n");
        u.append("NotifyAccess=all\n");
        u.append("Restart=").append(restart(c.restart())).append('\n');
        // conmon exits with the container's status: 143 is the SIGTERM of a normal stop, not a failure.
        u.append("SuccessExitStatus=143\n");
        u.append("RestartSec=").append(s.restartSec()).append('\n');
        u.append("TimeoutStartSec=").append(s.startTimeoutSec()).append('\n');
        u.append("TimeoutStopSec=").append(c.stopTimeoutSec() + 30).append('\n');
        u.append("ExecStartPre=/bin/rm -f ").append(CIDFILE).append('\n');
        u.append("ExecStart=");
        for (int i = 0; i < run.size(); i++) {
            if (i > 0) {
                u.append(" \\\n\t");
            }
            u.append(String.join(" ", quoted(run.get(i))));
        }
        u.append('\n');
        u.append("ExecStop=").append(podman).append(" stop --ignore -t ").append(c.stopTimeoutSec())
                .append(" --cidfile=").append(CIDFILE).append('\n');
        u.append("ExecStopPost=").append(podman).append(" rm -f --ignore -t ").append(c.stopTimeoutSec())
                .append(" --cidfile=").append(CIDFILE).append('\n');
        u.append('\n');
        // Read back by SystemdSupervisor when no container exists to inspect (a stopped or failed unit).
        u.append("[X-Pvdify]\n");
        u.append("HostPort=").append(dyno.map(DynoName::port).map(String::valueOf).orElse("")).append('\n');
        // Verbatim (the model refuses control characters): systemd ignores X- sections, and the path reads back as is.
        u.append("EnvFile=").append(c.envFile() == null ? "" : c.envFile().toString()).append('\n');
        u.append('\n');
        u.append("[Install]\n");
        u.append("WantedBy=").append(s.target()).append('\n');
        return u.toString();
    }

    /** pvdify.target: every dyno unit is wanted by it, so enabling it brings all apps back at boot. */
    public static String target() {
        return """
                [Unit]
                Description=Pvdify apps (every dyno unit is wanted by this target)
                Wants=network-online.target
                After=network-online.target

                [Install]
                WantedBy=multi-user.target
                """;
    }

    /** Reads the host port back from a rendered unit (null for non-web dynos or foreign units). */
    public static Integer hostPort(String unitText) {
        String v = pvdifyValue(unitText, "HostPort");
        try {
            return v == null || v.isEmpty() ? null : Integer.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads the env file path back from a rendered unit (null for foreign units). */
    public static String envFile(String unitText) {
        String v = pvdifyValue(unitText, "EnvFile");
        return v == null || v.isEmpty() ? null : v;
    }

    private static String pvdifyValue(String unitText, String key) {
        boolean inSection = false;
        for (String line : unitText.split("\n")) {
            String l = line.strip();
            if (l.startsWith("[")) {
                inSection = l.equals("[X-Pvdify]");
            } else if (inSection && l.startsWith(key + "=")) {
                return l.substring(key.length() + 1);
            }
        }
        return null;
    }

    private static String restart(RestartPolicy r) {
        return switch (r.kind()) {
            case NO -> "no";
            case ON_FAILURE -> "on-failure";
        };
    }

    /** `--mount` value; Mount refuses commas and quotes, so the list cannot be split differently. */
    private static String mountArg(Mount m) {
        return "type=" + (m.kind() == Mount.Kind.VOLUME ? "volume" : "bind") + ",source=" + m.source()
                + ",target=" + m.target() + (m.readOnly() ? ",ro=true" : "");
    }

    private static String jsonArray(List<String> args) {
        try {
            return JSON.writeValueAsString(args);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot render entrypoint: " + e.getMessage(), e);
        }
    }

    /** Our own cidfile argument keeps its specifiers; every other argument is escaped. */
    private static List<String> quoted(List<String> args) {
        return args.stream().map(a -> a.equals(CIDFILE_ARG) ? a : SystemdQuoting.execArg(a)).toList();
    }
}
