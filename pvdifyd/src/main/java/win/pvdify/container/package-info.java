/**
 * The container model: one pure record ({@link win.pvdify.container.ContainerSpec}) of a container to run, built
 * from desired state ({@link win.pvdify.container.ContainerSpecs}) and rendered by each runtime
 * (systemd.UnitRenderer, podman.PodmanCreateBody). Labels ({@link win.pvdify.container.DynoLabels}) carry a
 * dyno's identity, written here and read back wherever containers are listed.
 */
package win.pvdify.container;
