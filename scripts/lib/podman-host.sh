#!/usr/bin/env bash
# Some hosts (this project's sandboxes among them) cannot run Podman's defaults: crun fails on hybrid
# cgroups, and root's default ulimits exceed the hard limits. Detect that once and put the fix in
# containers.conf.d: host configuration, never product code. A normal host needs nothing and gets nothing.

PVDIFY_PODMAN_QUIRKS=/etc/containers/containers.conf.d/50-pvdify-host.conf

pvdify_podman_host_check() {
  if [ -f "$PVDIFY_PODMAN_QUIRKS" ]; then
    return 0
  fi
  local probe_dir rootfs
  probe_dir="$(mktemp -d /root/.pvdify-podman-probe.XXXXXX)"
  rootfs="$probe_dir/rootfs"
  mkdir -p "$rootfs/bin"
  cp /bin/busybox "$rootfs/bin/busybox"
  ln -s busybox "$rootfs/bin/true"
  tar -C "$rootfs" -cf "$probe_dir/rootfs.tar" .
  podman import -q "$probe_dir/rootfs.tar" localhost/pvdify-probe:1 >/dev/null
  if ! podman run --rm localhost/pvdify-probe:1 /bin/true >"$probe_dir/out" 2>&1; then
    echo "pvdify: Podman's defaults fail on this host ($(head -c 200 "$probe_dir/out")); writing $PVDIFY_PODMAN_QUIRKS"
    mkdir -p "$(dirname "$PVDIFY_PODMAN_QUIRKS")"
    cat >"$PVDIFY_PODMAN_QUIRKS" <<'CONF'
# Written by Pvdify's scripts: this host cannot run Podman's defaults (see HOST-NOTES.md).
[engine]
runtime = "runc"

[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1000:1000"]
CONF
    podman run --rm localhost/pvdify-probe:1 /bin/true
  fi
  podman rmi -f localhost/pvdify-probe:1 >/dev/null 2>&1 || true
  rm -rf "$probe_dir"
}

# Dynos run with `--userns=auto`: Podman hands each container its own range of host uids/gids from the
# `containers` entries of /etc/subuid and /etc/subgid (container root = an unprivileged host uid). Adds the
# range Podman's documentation suggests when the host has none; an operator's own entry is kept.
pvdify_userns_ranges() {
  local f
  for f in /etc/subuid /etc/subgid; do
    if ! grep -q '^containers:' "$f" 2>/dev/null; then
      echo "containers:2147483647:2147483648" >> "$f"
      echo "pvdify: added a subordinate id range for user namespaces to $f"
    fi
  done
}
