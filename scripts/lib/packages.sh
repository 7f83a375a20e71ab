#!/usr/bin/env bash
# Host packages Pvdify needs (Debian names) and a function that installs only the missing ones.
# Sourced by setup.sh (run Pvdify) and test.sh (run every test).

# shellcheck disable=SC2034 # used by the scripts that source this file
# What a running Pvdify needs.
# nftables: the firewall of app networks; gcc + libc6-dev: the static env shim (packaging/env-shim) is built here.
PVDIFY_RUNTIME_PACKAGES=(podman runc crun uidmap slirp4netns catatonit caddy curl jq maven systemd nftables gcc
  libc6-dev)
# shellcheck disable=SC2034
# What the test suite needs on top: test images (mmdebstrap: the add-on images from Debian's packages), a browser,
# the real gh and git, bats, shellcheck, a registry, load tools, a Prometheus that scrapes /metrics.
PVDIFY_TEST_PACKAGES=(busybox-static mmdebstrap chromium chromium-driver gh git bats shellcheck docker-registry wrk
  apache2-utils prometheus)

pvdify_install_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "pvdify: missing packages: ${missing[*]} (run as root to install them)" >&2
    return 1
  fi
  echo "pvdify: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
