package win.pvdify.container;

/** Hardening of the container's process: no setuid privilege gain, optionally a read-only root file system. */
public record Security(boolean noNewPrivileges, boolean readOnlyRootfs) {
}
