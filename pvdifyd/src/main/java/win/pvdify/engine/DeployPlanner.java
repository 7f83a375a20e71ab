package win.pvdify.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import win.pvdify.api.Dyno;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.dyno.DynoState;
import win.pvdify.routing.Upstream;

/**
 * Desired state + observed dynos -> the ordered steps of one reconcile. Pure: no fields, no effects.
 * Web dynos always start on fresh ports next to the ones they replace (zero downtime); other types have no
 * ports or routes. Dynos of other apps in the input are ignored: the planner never touches them.
 */
public final class DeployPlanner {
    static final String WEB = "web";

    private DeployPlanner() {
    }

    /** How many fresh ports plan() will take for this input. */
    public static int portsNeeded(PlanInput input) {
        int[] handed = {0};
        build(input, () -> ++handed[0]);
        return handed[0];
    }

    public static Plan plan(PlanInput input) {
        List<Integer> ports = input.freshPorts();
        int[] next = {0};
        return build(input, () -> {
            if (next[0] >= ports.size()) {
                throw new PlanException("not enough free ports: got " + ports.size());
            }
            return ports.get(next[0]++);
        });
    }

    private static Plan build(PlanInput input, IntSupplier ports) {
        if (input.intent() == null) {
            throw new PlanException("no intent");
        }
        List<DynoState> observed = input.observed().stream()
                .filter(dyno -> input.app().equals(dyno.app()))
                .sorted(ORDER)
                .toList();
        return switch (input.intent()) {
            case Intent.Deploy deploy -> deploy(input, deploy.release(), observed, ports);
            case Intent.Converge converge -> converge(input, observed, ports, false);
            case Intent.Recover recover -> converge(input, observed, ports, true);
            case Intent.Restart restart -> restart(input, restart.type(), observed, ports);
            case Intent.Remove remove -> remove(observed, remove.force(), input.drain());
        };
    }

    private static Plan deploy(PlanInput input, int release, List<DynoState> observed, IntSupplier ports) {
        DesiredApp desired = Formations.check(input.desired(), true);
        if (desired.release() == null || desired.release() != release) {
            throw new PlanException("desired state is for release " + desired.release() + ", not v" + release);
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.PullImage(desired.image()));
        List<DynoSpec> newWeb = new ArrayList<>();
        for (int n = 1; n <= Formations.count(desired, WEB); n++) {
            newWeb.add(spec(input, WEB, n, ports.getAsInt()));
        }
        newWeb.forEach(spec -> steps.add(new Step.StartDyno(spec)));
        newWeb.forEach(spec -> steps.add(new Step.AwaitHealthy(spec, desired.healthcheck())));
        Set<DynoState> kept = new HashSet<>();
        for (String type : Formations.otherTypes(desired)) {
            for (int n = 1; n <= Formations.count(desired, type); n++) {
                // a worker of this very release already running (redeploy of the current release) stays
                DynoState same = find(observed, release, type, n);
                if (same != null) {
                    kept.add(same);
                } else {
                    steps.add(new Step.StartDyno(spec(input, type, n, null)));
                }
            }
        }
        List<String> hosts = hosts(desired);
        steps.add(new Step.SwitchTraffic(hosts, upstreams(newWeb)));
        steps.add(new Step.MarkCurrent(release));
        List<DynoState> old = observed.stream().filter(dyno -> !kept.contains(dyno)).toList();
        retire(steps, old, Set.of(release), input);
        List<Upstream> before = observed.stream()
                .filter(dyno -> isRouted(dyno) && input.currentRelease() != null
                        && dyno.release() == input.currentRelease())
                .map(DeployPlanner::upstream)
                .toList();
        return new Plan(steps, new Step.SwitchTraffic(hosts, before));
    }

    private static Plan converge(PlanInput input, List<DynoState> observed, IntSupplier ports, boolean always) {
        DesiredApp desired = input.desired();
        if (desired == null) {
            throw new PlanException("unknown app " + input.app());
        }
        List<Step> steps = new ArrayList<>();
        Integer release = desired.release();
        if (release == null) {
            // nothing deployed: every dyno is an orphan
            if (always || observed.stream().anyMatch(DeployPlanner::isRouted)) {
                steps.add(new Step.SwitchTraffic(hosts(desired), List.of()));
            }
            retire(steps, observed, Set.of(), input);
            return new Plan(steps, null);
        }
        Formations.check(desired, true); // a current release without an image is a store bug: touch nothing
        Map<String, DynoState> keptWeb = new LinkedHashMap<>();
        Set<DynoState> kept = new HashSet<>();
        List<DynoSpec> newWeb = new ArrayList<>();
        List<DynoSpec> newOther = new ArrayList<>();
        List<DynoState> crashed = new ArrayList<>();
        for (String type : Formations.types(desired)) {
            for (int n = 1; n <= Formations.count(desired, type); n++) {
                DynoState have = find(observed, release, type, n);
                if (have != null) {
                    kept.add(have);
                    if (always && have.state() == Dyno.State.CRASHED) {
                        crashed.add(have); // gave up (start limit) while pvdifyd was away, e.g. env file missing
                    }
                    if (type.equals(WEB)) {
                        keptWeb.put(have.dynoName(), have);
                    }
                } else if (type.equals(WEB)) {
                    newWeb.add(spec(input, WEB, n, ports.getAsInt()));
                } else {
                    newOther.add(spec(input, type, n, null));
                }
            }
        }
        newWeb.forEach(spec -> steps.add(new Step.StartDyno(spec)));
        newWeb.forEach(spec -> steps.add(new Step.AwaitHealthy(spec, desired.healthcheck())));
        newOther.forEach(spec -> steps.add(new Step.StartDyno(spec)));
        crashed.forEach(dyno -> steps.add(new Step.RestartDyno(dyno.unit())));
        List<DynoState> gone = observed.stream().filter(dyno -> !kept.contains(dyno)).toList();
        boolean routeChanges = !newWeb.isEmpty() || gone.stream().anyMatch(DeployPlanner::isRouted);
        if (routeChanges || always) {
            List<Upstream> upstreams = new ArrayList<>();
            keptWeb.values().forEach(dyno -> upstreams.add(upstream(dyno)));
            newWeb.forEach(spec -> upstreams.add(new Upstream(LOOPBACK, spec.hostPort())));
            upstreams.sort(Comparator.comparingInt(Upstream::port));
            steps.add(new Step.SwitchTraffic(hosts(desired), upstreams));
        }
        retire(steps, gone, Set.of(release), input);
        return new Plan(steps, null);
    }

    private static Plan restart(PlanInput input, String type, List<DynoState> observed, IntSupplier ports) {
        DesiredApp desired = Formations.check(input.desired(), true);
        int release = desired.release();
        if (type != null && !Formations.TYPE.matcher(type).matches()) {
            throw new PlanException("invalid process type: " + type);
        }
        List<DynoState> targets = observed.stream()
                .filter(dyno -> dyno.release() == release && (type == null || dyno.type().equals(type)))
                .toList();
        if (targets.isEmpty()) {
            throw new PlanException("no " + (type == null ? "" : type + " ") + "dynos to restart");
        }
        List<Step> steps = new ArrayList<>();
        List<Upstream> routed = new ArrayList<>(observed.stream()
                .filter(dyno -> dyno.release() == release && isRouted(dyno))
                .map(DeployPlanner::upstream)
                .sorted(Comparator.comparingInt(Upstream::port))
                .toList());
        for (DynoState old : targets) {
            if (!old.type().equals(WEB)) {
                steps.add(new Step.RestartDyno(old.unit()));
                continue;
            }
            // a stand-in on a fresh port takes over before the old one stops: zero downtime even for web.1 alone
            DynoSpec standIn = spec(input, WEB, old.number(), ports.getAsInt());
            steps.add(new Step.StartDyno(standIn));
            steps.add(new Step.AwaitHealthy(standIn, desired.healthcheck()));
            if (old.hostPort() != null) {
                routed.remove(upstream(old));
            }
            routed.add(new Upstream(LOOPBACK, standIn.hostPort()));
            steps.add(new Step.SwitchTraffic(hosts(desired), routed));
            steps.add(new Step.Drain(input.drain()));
            steps.add(new Step.RemoveDyno(old.unit()));
        }
        return new Plan(steps, null);
    }

    private static Plan remove(List<DynoState> observed, boolean force, java.time.Duration drain) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.RemoveRoute());
        // Like a deploy's old dynos: routed web dynos finish the requests they have before they stop.
        if (!force && drain != null && !drain.isZero() && observed.stream().anyMatch(DeployPlanner::isRouted)) {
            steps.add(new Step.Drain(drain));
        }
        steps.add(new Step.PurgeEnvFiles()); // first, for the reason retire() gives
        observed.forEach(dyno -> steps.add(new Step.RemoveDyno(dyno.unit(), force)));
        return new Plan(steps, null);
    }

    /**
     * Drain (when routed web dynos go), delete the env files of releases left without dynos, remove the dynos.
     * Env files go first: a kill -9 in between leaves dynos (recovery finds and removes them, and their env
     * file again), never an env file that no dyno points recovery to.
     */
    private static void retire(List<Step> steps, List<DynoState> gone, Set<Integer> keepEnv, PlanInput input) {
        if (gone.stream().anyMatch(DeployPlanner::isRouted)) {
            steps.add(new Step.Drain(input.drain()));
        }
        new TreeSet<>(gone.stream().map(DynoState::release).filter(r -> !keepEnv.contains(r)).toList())
                .forEach(release -> steps.add(new Step.DeleteEnvFile(release)));
        gone.stream().sorted(REMOVAL).forEach(dyno -> steps.add(new Step.RemoveDyno(dyno.unit())));
    }

    private static DynoSpec spec(PlanInput input, String type, int number, Integer hostPort) {
        DesiredApp desired = input.desired();
        var resources = desired.resources();
        return new DynoSpec(desired.name(), desired.release(), type, number, desired.image(),
                CommandWords.split(Formations.command(desired, type)), hostPort, desired.bindPort(),
                input.envFile(), resources == null ? null : resources.memoryMb(),
                resources == null ? null : resources.cpu(), desired.readOnly());
    }

    /** The dyno to keep for type.number of a release: an up one first, then the one on the lowest port. */
    private static DynoState find(List<DynoState> observed, int release, String type, int number) {
        return observed.stream()
                .filter(d -> d.release() == release && d.type().equals(type) && d.number() == number)
                .min(Comparator.comparing((DynoState d) -> d.state() != Dyno.State.UP)
                        .thenComparing(d -> d.hostPort() == null ? 0 : d.hostPort()))
                .orElse(null);
    }

    private static List<String> hosts(DesiredApp desired) {
        return desired.hosts() == null ? List.of() : desired.hosts();
    }

    private static List<Upstream> upstreams(List<DynoSpec> specs) {
        return specs.stream().map(spec -> new Upstream(LOOPBACK, spec.hostPort())).toList();
    }

    private static boolean isRouted(DynoState dyno) {
        return dyno.type().equals(WEB) && dyno.hostPort() != null;
    }

    private static Upstream upstream(DynoState dyno) {
        return new Upstream(LOOPBACK, dyno.hostPort());
    }

    static final String LOOPBACK = "127.0.0.1";

    private static final Comparator<DynoState> ORDER = Comparator
            .comparing((DynoState d) -> !d.type().equals(WEB))
            .thenComparing(DynoState::type)
            .thenComparingInt(DynoState::number)
            .thenComparingInt(DynoState::release)
            .thenComparing(d -> d.hostPort() == null ? 0 : d.hostPort())
            .thenComparing(DynoState::unit);

    /** Web first; highest numbers first (scale down removes from the top). */
    private static final Comparator<DynoState> REMOVAL = Comparator
            .comparing((DynoState d) -> !d.type().equals(WEB))
            .thenComparing(DynoState::type)
            .thenComparing(Comparator.comparingInt(DynoState::number).reversed())
            .thenComparingInt(DynoState::release)
            .thenComparing(DynoState::unit);
}
