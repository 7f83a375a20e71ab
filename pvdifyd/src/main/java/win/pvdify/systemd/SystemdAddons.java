package win.pvdify.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import win.pvdify.addon.Addon;
import win.pvdify.addon.AddonContainer;
import win.pvdify.addon.AddonContainers;
import win.pvdify.addon.AddonRuntime;
import win.pvdify.container.LogDriver;
import win.pvdify.container.RestartPolicy;
import win.pvdify.dyno.AppNetworks;
import win.pvdify.podman.PodmanApi;

/**
 * Add-ons on a systemd host: one unit per add-on (`pvdify-addon-NAME.service`, wanted by pvdify.target, journald
 * logs, systemd's restarts) running `podman run` with the volume and the networks. The env file (the password)
 * lives on tmpfs, written by pvdifyd: after a reboot the unit waits for pvdifyd, which writes it and starts the
 * unit again at its start (reviveAll). Networks, subnets and volumes go through the Podman API.
 */
public final class SystemdAddons implements AddonRuntime {
    private final Systemctl systemctl;
    private final UnitSettings settings;
    private final Path unitDir;
    private final Path envDir;
    private final PodmanApi podman;
    private final AppNetworks networks;
    private final win.pvdify.container.DynoIsolation isolation;

    public SystemdAddons(Systemctl systemctl, UnitSettings settings, Path unitDir, Path envDir, PodmanApi podman,
                         AppNetworks networks, win.pvdify.container.DynoIsolation isolation) {
        this.systemctl = systemctl;
        this.settings = settings;
        this.unitDir = unitDir;
        this.envDir = envDir.toAbsolutePath();
        this.podman = podman;
        this.networks = networks;
        this.isolation = isolation;
    }

    @Override
    public AddonContainer container(Addon addon, String password) {
        return AddonContainers.of(addon, password, LogDriver.JOURNALD,
                RestartPolicy.onFailure(settings.startLimitBurst() - 1),
                envDir.resolve(addon.container() + ".env"));
    }

    @Override
    public String network(String app) {
        String n = isolation.network(app);
        return n == null ? "podman" : n;
    }

    @Override
    public void apply(AddonContainer c) {
        String text = AddonUnitRenderer.render(c, settings); // validates before any effect
        writeEnv(c);
        String unit = AddonUnitRenderer.unitName(c);
        write(unitDir.resolve(unit), text, false);
        systemctl.daemonReload();
        systemctl.enable(unit);
        // Networks are fixed when the container starts: a changed unit needs a restart, a new one a start.
        systemctl.restart(unit);
    }

    @Override
    public void revive(AddonContainer c) {
        writeEnv(c);
        String unit = AddonUnitRenderer.unitName(c);
        if (!Files.exists(unitDir.resolve(unit))) {
            apply(c);
            return;
        }
        systemctl.resetFailed(unit);
        systemctl.start(unit);
    }

    @Override
    public void restart(String container) {
        systemctl.restart(container + ".service");
    }

    @Override
    public void destroy(String container, String volume) {
        String unit = container + ".service";
        systemctl.stop(unit);
        systemctl.disable(unit);
        try {
            Files.deleteIfExists(unitDir.resolve(unit));
            Files.deleteIfExists(envDir.resolve(container + ".env"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        systemctl.daemonReload();
        podman.removeContainer(container, 0);
        podman.removeVolume(volume);
    }

    @Override
    public String state(String container) {
        return podman.inspectContainer(container).map(c -> c.running() ? "running" : c.status()).orElse("missing");
    }

    @Override
    public String subnet(String network, String app) {
        return win.pvdify.podman.PodmanAddons.subnet(podman, networks, network, app);
    }

    private void writeEnv(AddonContainer c) {
        write(c.spec().envFile(), EnvFileRenderer.render(c.env()), true);
    }

    private static void write(Path file, String text, boolean secret) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (secret) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(tmp, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
