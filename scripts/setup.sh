#!/usr/bin/env bash
# README's first command: installs what is missing, builds Pvdify and starts it with embedded defaults.
# - On a host where systemd is PID 1: installs for real with packaging/install.sh (units, pvdify.target,
#   Caddy config) and starts the services.
# - Elsewhere (containers, sandboxes): starts the Podman API service, Caddy, pvdifyd (Podman fallback
#   supervisor) and the dashboard as background processes, logging to /var/log/pvdify/.
# Idempotent: run it again after `git pull` to rebuild and restart.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/packages.sh
source scripts/lib/packages.sh
# shellcheck source=scripts/lib/podman-host.sh
source scripts/lib/podman-host.sh

pvdify_install_packages "${PVDIFY_RUNTIME_PACKAGES[@]}" busybox-static
pvdify_podman_host_check
# shellcheck source=scripts/java-home.sh
source scripts/java-home.sh

echo "pvdify: building (mvn install -DskipTests) ..."
mvn -B -q -ntp install -DskipTests

if [ -d /run/systemd/system ] && [ "$(ps -o comm= -p 1)" = systemd ]; then
  exec bash packaging/install.sh --with-caddy
fi
exec bash scripts/lib/run-without-systemd.sh
