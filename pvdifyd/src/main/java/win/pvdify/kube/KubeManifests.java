package win.pvdify.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import win.pvdify.api.Healthcheck;
import win.pvdify.container.ContainerSpec;
import win.pvdify.container.DynoLabels;
import win.pvdify.cron.CronPolicy;

/**
 * Renders one app ({@link KubeApp}) as Kubernetes objects of fabric8's typed model, in apply order: its
 * Namespace, the config Secret, the image pull Secret, the add-ons it created (credentials Secret, Service,
 * StatefulSet), the release phase's Job, a Deployment per process type, a Service and an Ingress for web, a CronJob per scheduled job. Pure; {@link KubeYaml} writes them.
 *
 * <p>Every object carries the labels pvdify.app and pvdify.release (and pvdify.type for a process); selectors use
 * only app and type, which stay the same from release to release, so applying a new release's export rolls the
 * Deployments over.
 */
public final class KubeManifests {
    public static final String WEB = "web";
    /** Object names start with the app's: Podman plays every app into one flat namespace of pods and secrets. */
    public static final String CONFIG_SECRET = "-config";
    public static final String PULL_SECRET = "-registry";
    public static final String TLS_SECRET = "-tls";
    public static final String CERT_MANAGER_ISSUER = "cert-manager.io/cluster-issuer";
    static final String TYPE = DynoLabels.TYPE;
    /** The exact Pvdify name behind a Kubernetes name that had to change (see KubeNames). */
    static final String PROCESS_ANNOTATION = "pvdify.process";
    static final String JOB_ANNOTATION = "pvdify.cron-job";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KubeManifests() {
    }

    public static List<HasMetadata> render(KubeApp app) {
        KubeNames names = new KubeNames();
        List<HasMetadata> out = new ArrayList<>();
        out.add(new NamespaceBuilder().withNewMetadata().withName(app.name()).withLabels(appLabels(app))
                .endMetadata().build());
        if (!app.config().isEmpty()) {
            out.add(configSecret(app));
        }
        if (app.pullLogin() != null) {
            out.add(pullSecret(app));
        }
        for (KubeApp.AddonService a : app.addons()) {
            if (a.addon().app().equals(app.name())) { // a shared one goes with the app that created it
                out.addAll(addon(app, a));
            }
        }
        if (!app.releaseCommand().isEmpty() && !app.processes().isEmpty()) {
            out.add(releaseJob(app));
        }
        String webName = null;
        for (KubeApp.Process p : app.processes()) {
            String type = names.unique(p.type(), 30);
            if (p.type().equals(WEB)) {
                webName = type;
            }
            out.add(deployment(app, p, type));
        }
        if (webName != null) {
            out.add(service(app, webName));
            if (!app.hosts().isEmpty()) {
                out.add(ingress(app, webName));
            }
        }
        for (KubeApp.Cron c : app.cron()) {
            // CronJob names are at most 52 characters (its Jobs get a suffix).
            String name = KubeNames.valid(app.name() + "-cron-" + c.job().number() + "-" + c.job().name(), 52);
            out.add(cronJob(app, c, name)); // unique: the job's number is
        }
        return out;
    }

    /** The labels of every object of the app. */
    static SortedMap<String, String> appLabels(KubeApp app) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put("app.kubernetes.io/managed-by", "pvdify");
        labels.put("app.kubernetes.io/name", app.name());
        labels.put(DynoLabels.APP, app.name());
        labels.put(DynoLabels.RELEASE, Integer.toString(app.release()));
        return labels;
    }

    /** What selects a process type's pods: never the release, which changes with every deploy. */
    static SortedMap<String, String> selector(KubeApp app, String type) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put(DynoLabels.APP, app.name());
        labels.put(TYPE, type);
        return labels;
    }

    private static SortedMap<String, String> processLabels(KubeApp app, String type) {
        SortedMap<String, String> labels = appLabels(app);
        labels.put("app.kubernetes.io/component", type);
        labels.put(TYPE, type);
        return labels;
    }

    /** The name of an app's object: APP-SUFFIX. */
    static String named(KubeApp app, String suffix) {
        return app.name() + "-" + suffix;
    }

    private static HasMetadata configSecret(KubeApp app) {
        Map<String, String> data = new LinkedHashMap<>();
        app.config().forEach((k, v) -> data.put(k, base64(v == null ? "" : v)));
        return new SecretBuilder().withNewMetadata().withName(app.name() + CONFIG_SECRET).withNamespace(app.name())
                .withLabels(appLabels(app)).endMetadata().withType("Opaque").withData(data).build();
    }

    private static HasMetadata pullSecret(KubeApp app) {
        KubeApp.PullLogin l = app.pullLogin();
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("username", l.username());
        entry.put("password", l.password() == null ? "" : l.password());
        entry.put("auth", l.password() == null ? "" : base64(l.username() + ":" + l.password()));
        String json;
        try {
            json = JSON.writeValueAsString(Map.of("auths", Map.of(l.registry(), entry)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new SecretBuilder().withNewMetadata().withName(app.name() + PULL_SECRET).withNamespace(app.name())
                .withLabels(appLabels(app)).endMetadata().withType("kubernetes.io/dockerconfigjson")
                .withData(Map.of(".dockerconfigjson", base64(json))).build();
    }

    private static HasMetadata deployment(KubeApp app, KubeApp.Process p, String type) {
        boolean web = p.type().equals(WEB);
        Container container = container(app, p.container(), type, web);
        PodSpec pod = podSpec(app, p.container(), container).build();
        var spec = new DeploymentBuilder().withNewMetadata().withName(named(app, type)).withNamespace(app.name())
                .withLabels(processLabels(app, type)).withAnnotations(annotations(PROCESS_ANNOTATION, p.type()))
                .endMetadata()
                .withNewSpec()
                .withReplicas(p.replicas())
                .withNewSelector().withMatchLabels(selector(app, type)).endSelector()
                // Like a Pvdify deploy: new pods become ready before old ones go.
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate()
                .endStrategy()
                .withNewTemplate().withNewMetadata().withLabels(processLabels(app, type)).endMetadata()
                .withSpec(pod).endTemplate();
        if (web) {
            spec.withProgressDeadlineSeconds(app.healthcheck().deployTimeout()); // a deploy's timeout
        }
        return spec.endSpec().build();
    }

    private static PodSpecBuilder podSpec(KubeApp app, ContainerSpec spec, Container container) {
        PodSpecBuilder pod = new PodSpecBuilder()
                .withAutomountServiceAccountToken(false) // apps never talk to the cluster's API
                .withTerminationGracePeriodSeconds((long) spec.stopTimeoutSec())
                .withContainers(container);
        if (app.pullLogin() != null) {
            pod.withImagePullSecrets(new LocalObjectReference(app.name() + PULL_SECRET));
        }
        return pod;
    }

    private static Container container(KubeApp app, ContainerSpec spec, String name, boolean web) {
        ContainerBuilder c = new ContainerBuilder()
                .withName(name)
                .withImage(spec.image())
                // Podman's command replaces the image's CMD and keeps its ENTRYPOINT: Kubernetes' args do that.
                .withCommand(words(spec.entrypoint()))
                .withArgs(words(spec.command()))
                .withEnv(new EnvVar(KubeApps.PORT, Integer.toString(app.bindPort()), null))
                .withEnvFrom(envFrom(app))
                .withResources(resources(spec))
                .withSecurityContext(security(spec));
        if (web) {
            c.addNewPort().withName("http").withContainerPort(app.bindPort()).withProtocol("TCP").endPort();
            Healthcheck h = app.healthcheck();
            c.withReadinessProbe(probe(app, h.initialDelay(), h.interval(), h.retries()));
            if (Boolean.TRUE.equals(h.liveness())) {
                c.withLivenessProbe(probe(app, h.initialDelay(), h.livenessInterval(), h.livenessThreshold()));
            }
        }
        return c.build();
    }

    private static List<EnvFromSource> envFrom(KubeApp app) {
        return app.config().isEmpty() ? List.of()
                : List.of(new EnvFromSourceBuilder().withNewSecretRef().withName(app.name() + CONFIG_SECRET).endSecretRef()
                        .build());
    }

    /** The deploy check as a probe: an HTTP GET of the path (with its Host header), or else the port open. */
    private static Probe probe(KubeApp app, int initialDelay, int period, int failures) {
        Healthcheck h = app.healthcheck();
        ProbeBuilder p = new ProbeBuilder().withInitialDelaySeconds(initialDelay).withPeriodSeconds(period)
                .withTimeoutSeconds(h.timeout()).withFailureThreshold(failures);
        if (h.path() == null) {
            p.withNewTcpSocket().withPort(new IntOrString(app.bindPort())).endTcpSocket();
        } else {
            var get = p.withNewHttpGet().withPath(h.path()).withPort(new IntOrString(app.bindPort()));
            if (h.host() != null) {
                get.withHttpHeaders(new HTTPHeader("Host", h.host()));
            }
            get.endHttpGet();
        }
        return p.build();
    }

    private static ResourceRequirements resources(ContainerSpec spec) {
        Map<String, Quantity> limits = new TreeMap<>();
        if (spec.limits().memoryMb() != null) {
            limits.put("memory", new Quantity(spec.limits().memoryMb() + "Mi"));
        }
        if (spec.limits().cpus() != null) {
            limits.put("cpu", new Quantity(Math.max(1, Math.round(spec.limits().cpus() * 1000)) + "m"));
        }
        return limits.isEmpty() ? null : new ResourceRequirementsBuilder().withLimits(limits).build();
    }

    private static SecurityContext security(ContainerSpec spec) {
        var s = spec.security();
        SecurityContextBuilder b = new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(s.noNewPrivileges() ? false : null)
                .withReadOnlyRootFilesystem(s.readOnlyRootfs() ? true : null);
        if (s.dropAllCaps() || !s.capAdd().isEmpty()) {
            Capabilities caps = new CapabilitiesBuilder()
                    .withDrop(s.dropAllCaps() ? List.of("ALL") : List.of())
                    .withAdd(s.capAdd().stream().map(c -> c.substring("CAP_".length())).toList()).build();
            b.withCapabilities(caps);
        }
        return b.build();
    }

    private static HasMetadata service(KubeApp app, String web) {
        return new ServiceBuilder().withNewMetadata().withName(named(app, web)).withNamespace(app.name())
                .withLabels(processLabels(app, web)).endMetadata()
                .withNewSpec().withType("ClusterIP").withSelector(selector(app, web))
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http"))
                .withProtocol("TCP").endPort()
                .endSpec().build();
    }

    private static HasMetadata ingress(KubeApp app, String web) {
        HTTPIngressPath path = new HTTPIngressPathBuilder().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(named(app, web)).withNewPort().withName("http").endPort()
                .endService().endBackend().build();
        List<IngressRule> rules = new ArrayList<>();
        for (String host : app.hosts()) {
            rules.add(new IngressRuleBuilder().withHost(host).withNewHttp().withPaths(path).endHttp().build());
        }
        String issuer = app.options().certIssuer();
        var meta = new IngressBuilder().withNewMetadata().withName(named(app, web)).withNamespace(app.name())
                .withLabels(processLabels(app, web));
        if (issuer != null) {
            meta.withAnnotations(Map.of(CERT_MANAGER_ISSUER, issuer));
        }
        var spec = meta.endMetadata().withNewSpec().withRules(rules);
        if (issuer != null) {
            spec.withTls(new IngressTLSBuilder().withHosts(app.hosts()).withSecretName(app.name() + TLS_SECRET).build());
        }
        return spec.endSpec().build();
    }

    private static HasMetadata cronJob(KubeApp app, KubeApp.Cron c, String name) {
        ContainerSpec spec = c.container();
        Container container = new ContainerBuilder()
                .withName("cron")
                .withImage(spec.image())
                .withCommand(words(spec.entrypoint()))
                .withArgs(words(spec.command()))
                .withEnv(new EnvVar(KubeApps.PORT, Integer.toString(app.bindPort()), null))
                .withEnvFrom(envFrom(app))
                .withResources(resources(spec))
                .withSecurityContext(security(spec))
                .build();
        PodSpec pod = podSpec(app, spec, container).withRestartPolicy("Never").build();
        SortedMap<String, String> labels = appLabels(app);
        labels.put(TYPE, "cron");
        labels.put("pvdify.cron", Integer.toString(c.job().number()));
        return new CronJobBuilder().withNewMetadata().withName(name).withNamespace(app.name())
                .withLabels(labels).withAnnotations(annotations(JOB_ANNOTATION, c.job().name())).endMetadata()
                .withNewSpec()
                .withSchedule(c.job().schedule())
                .withConcurrencyPolicy(policy(c.job().policy()))
                .withNewJobTemplate().withNewSpec()
                .withBackoffLimit(0) // a failed run is not retried, as on the host
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod).endTemplate()
                .endSpec().endJobTemplate()
                .endSpec().build();
    }

    /**
     * The release phase as a Job named after the release (a new release, a new Job): the Procfile's `release:`
     * command in the release's image with its config, run once, never retried. Kubernetes does not hold the
     * Deployments back for it as Pvdify does: apply it first and wait (`kubectl wait --for=condition=complete`).
     */
    private static HasMetadata releaseJob(KubeApp app) {
        ContainerSpec spec = app.processes().getFirst().container(); // the release's image, limits, security
        Container container = new ContainerBuilder()
                .withName("release")
                .withImage(spec.image())
                .withArgs(app.releaseCommand())
                .withEnvFrom(envFrom(app))
                .withResources(resources(spec))
                .withSecurityContext(security(spec))
                .build();
        PodSpec pod = podSpec(app, spec, container).withRestartPolicy("Never").build();
        SortedMap<String, String> labels = appLabels(app);
        labels.put(TYPE, "release");
        return new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder().withNewMetadata()
                .withName(KubeNames.valid(app.name() + "-release-v" + app.release(), 63)).withNamespace(app.name())
                .withLabels(labels).endMetadata()
                .withNewSpec().withBackoffLimit(0)
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod).endTemplate()
                .endSpec().build();
    }

    /** Where an add-on's volume claim asks for (a cluster resizes claims; the host's volumes have no size). */
    static final String ADDON_STORAGE = "10Gi";

    /**
     * An add-on as Kubernetes runs a database: a Secret with its password (empty when withheld), a
     * ClusterIP Service named like the add-on (the attached apps' URL vars name it) and a one-replica StatefulSet
     * with a volume claim on the kind's data dir, from the same container the host runs (image, command, limits).
     */
    private static List<HasMetadata> addon(KubeApp app, KubeApp.AddonService a) {
        win.pvdify.addon.Addon addon = a.addon();
        win.pvdify.addon.AddonContainer host = win.pvdify.addon.AddonContainers.of(addon,
                a.password() == null ? "" : a.password(), "none", win.pvdify.container.RestartPolicy.NEVER, null);
        ContainerSpec spec = host.spec();
        SortedMap<String, String> labels = appLabels(app);
        labels.remove(DynoLabels.RELEASE); // an app's next release must not roll its database over
        labels.put(win.pvdify.addon.AddonContainers.LABEL, addon.name());
        labels.put("app.kubernetes.io/component", addon.kind().wire());
        SortedMap<String, String> select = new TreeMap<>(Map.of(win.pvdify.addon.AddonContainers.LABEL, addon.name()));
        String secret = addon.name() + "-credentials";
        Map<String, String> data = new LinkedHashMap<>();
        List<EnvVar> env = new ArrayList<>();
        host.env().forEach((k, v) -> {
            if (k.endsWith("_PASSWORD")) {
                data.put(k, base64(a.password() == null ? "" : a.password()));
                env.add(new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName(k).withNewValueFrom()
                        .withNewSecretKeyRef().withName(secret).withKey(k).endSecretKeyRef().endValueFrom().build());
            } else {
                env.add(new EnvVar(k, v, null));
            }
        });
        if (addon.kind() == win.pvdify.addon.AddonKind.POSTGRES) {
            // A fresh volume's root may hold lost+found, which initdb refuses: the data go one level down.
            env.add(new EnvVar("PGDATA", addon.kind().dataDir() + "/pgdata", null));
        }
        Container container = new ContainerBuilder()
                .withName(addon.kind().wire())
                .withImage(spec.image())
                .withCommand(words(spec.entrypoint()))
                .withArgs(words(spec.command()))
                .withEnv(env)
                .addNewPort().withName(addon.kind().wire()).withContainerPort(addon.kind().port())
                .withProtocol("TCP").endPort()
                .withResources(resources(spec))
                .withSecurityContext(security(spec))
                .addNewVolumeMount().withName("data").withMountPath(addon.kind().dataDir()).endVolumeMount()
                .build();
        PodSpec pod = new PodSpecBuilder().withAutomountServiceAccountToken(false)
                .withTerminationGracePeriodSeconds((long) spec.stopTimeoutSec()).withContainers(container).build();
        HasMetadata credentials = new SecretBuilder().withNewMetadata().withName(secret).withNamespace(app.name())
                .withLabels(labels).endMetadata().withType("Opaque").withData(data).build();
        HasMetadata service = new ServiceBuilder().withNewMetadata().withName(addon.name()).withNamespace(app.name())
                .withLabels(labels).endMetadata()
                .withNewSpec().withType("ClusterIP").withSelector(select)
                .addNewPort().withName(addon.kind().wire()).withPort(addon.kind().port())
                .withTargetPort(new IntOrString(addon.kind().wire())).withProtocol("TCP").endPort()
                .endSpec().build();
        HasMetadata set = new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder().withNewMetadata()
                .withName(addon.name()).withNamespace(app.name()).withLabels(labels)
                .withAnnotations(annotations("pvdify.addon-version", addon.version())).endMetadata()
                .withNewSpec().withReplicas(1).withServiceName(addon.name())
                .withNewSelector().withMatchLabels(select).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod).endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .withRequests(Map.of("storage", new Quantity(ADDON_STORAGE))).endResources().endSpec()
                .endVolumeClaimTemplate()
                .endSpec().build();
        return List.of(credentials, service, set);
    }

    private static Map<String, String> annotations(String key, String value) {
        Map<String, String> a = new TreeMap<>();
        a.put(key, value);
        return a;
    }

    private static String policy(CronPolicy p) {
        return switch (p) {
            case ALLOW -> "Allow";
            case FORBID -> "Forbid";
            case REPLACE -> "Replace";
        };
    }

    /** null (the image's own) is written as no key at all, which reads back as an empty list. */
    private static List<String> words(List<String> words) {
        return words == null ? List.of() : words;
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
