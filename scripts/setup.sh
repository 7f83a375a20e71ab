#!/usr/bin/env bash
# README's first command: installs what is missing, builds Pvdify and starts it with embedded defaults.
# - On a host where systemd is PID 1: installs for real with packaging/install.sh (units, pvdify.target,
#   Caddy config) and starts the services.
# - Elsewhere (containers, sandboxes): scripts/lib/run-without-systemd.sh starts the Podman API service,
#   Caddy, pvdifyd (Podman fallback supervisor) and the dashboard as background processes, logging to
#   /var/log/pvdify/, and links /usr/local/bin/pvdify to this checkout's CLI.
# Idempotent: run it again after `git pull` to rebuild and restart what changed; data is kept.
#
#   bash scripts/setup.sh          install, build, start (or update)
#   bash scripts/setup.sh --stop   stop Pvdify (apps' containers keep running; data is kept)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

systemd_host() { [ -d /run/systemd/system ] && [ "$(ps -o comm= -p 1)" = systemd ]; }

case "${1:-}" in
  "") ;;
  --stop)
    if systemd_host; then
      # Dynos are units of pvdify.target: they keep serving, like after `systemctl stop pvdifyd`.
      systemctl stop pvdify-admin.service pvdifyd.service
      echo "pvdify: stopped pvdifyd and the dashboard (apps keep running; systemctl start pvdifyd pvdify-admin)"
      exit 0
    fi
    exec bash scripts/lib/run-without-systemd.sh --stop
    ;;
  *)
    echo "usage: bash scripts/setup.sh [--stop]" >&2
    exit 2
    ;;
esac

# shellcheck source=scripts/lib/packages.sh
source scripts/lib/packages.sh
# shellcheck source=scripts/lib/podman-host.sh
source scripts/lib/podman-host.sh

# busybox-static: the static /bin/busybox that the Podman host check (and scripts/test-images.sh) build images
# from; unzip: run-without-systemd.sh compares jars by content, so a rebuild alone restarts nothing.
pvdify_install_packages "${PVDIFY_RUNTIME_PACKAGES[@]}" busybox-static unzip
pvdify_podman_host_check
pvdify_userns_ranges
# shellcheck source=scripts/java-home.sh
source scripts/java-home.sh

echo "pvdify: building (mvn install -DskipTests) ..."
mvn -B -q -ntp install -DskipTests

if systemd_host; then
  exec bash packaging/install.sh --with-caddy
fi
# The dynos' env shim (installed by install.sh on the systemd path).
bash packaging/env-shim/build.sh target/pvdify-env-shim
install -D -m 755 target/pvdify-env-shim /usr/lib/pvdify/pvdify-env-shim
exec bash scripts/lib/run-without-systemd.sh
