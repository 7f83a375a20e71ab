package win.pvdify.kube;

import java.util.regex.Pattern;

/**
 * How to export: includeSecrets puts config values and registry passwords into the manifests (otherwise only the
 * keys, with empty values, so no secret leaves by accident); certIssuer (null = none) asks cert-manager's
 * ClusterIssuer of that name for the Ingress's TLS certificates.
 */
public record KubeOptions(boolean includeSecrets, String certIssuer) {
    /** A Kubernetes object name (DNS-1123 subdomain), which an issuer's name is. */
    private static final Pattern ISSUER = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    public static final KubeOptions DEFAULT = new KubeOptions(false, null);

    public KubeOptions {
        if (certIssuer != null && (certIssuer.length() > 253 || !ISSUER.matcher(certIssuer).matches())) {
            throw new IllegalArgumentException("cert issuer must be a Kubernetes object name (a-z, 0-9, '-', '.')");
        }
    }
}
