#!/usr/bin/env bash
# Runs every test of Pvdify: README's second command, and what .ci/run calls.
# Steps: install missing host packages, check Podman works on this host, shellcheck, every Maven test
# (unit, HTTP, store, integration and end-to-end with real Podman/systemd/Caddy/Chromium), every bats suite.
# Every step runs even when an earlier one failed; the summary at the end says what failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
# shellcheck source=scripts/lib/packages.sh
source scripts/lib/packages.sh
# shellcheck source=scripts/lib/podman-host.sh
source scripts/lib/podman-host.sh

START=$(date +%s)
declare -a SUMMARY=()
FAILED=0

step() {
  local name="$1"
  shift
  local t0 rc
  t0=$(date +%s)
  echo
  echo "=== $name"
  "$@"
  rc=$?
  if [ "$rc" -eq 0 ]; then
    SUMMARY+=("PASS  $name ($(($(date +%s) - t0)) s)")
  else
    SUMMARY+=("FAIL  $name ($(($(date +%s) - t0)) s, exit $rc)")
    FAILED=1
  fi
  return 0
}

# Leftovers of an interrupted earlier run (namespaces' bind mounts under target/) would break `mvn clean`.
unmount_leftovers() {
  local m
  grep -o " $ROOT/[^ ]*" /proc/self/mounts 2>/dev/null | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
  return 0
}

install_packages() {
  pvdify_install_packages "${PVDIFY_RUNTIME_PACKAGES[@]}" "${PVDIFY_TEST_PACKAGES[@]}"
}

run_shellcheck() {
  local files=()
  # .bats files too: shellcheck reads their bats shebang and knows bats' pitfalls (SC2314: `! cmd` never fails).
  mapfile -t files < <(git ls-files '*.sh' 'scripts/*' 'packaging/*.sh' 'gh-extension/gh-pvdify' 'bench/*' \
    'pvdify-cli/bin/*' 'admin-ui/bin/*' '*.bats' .ci/run 2>/dev/null | sort -u)
  [ "${#files[@]}" -eq 0 ] && return 0
  shellcheck -x "${files[@]}"
}

# Build every jar first (no tests), so one module's failing test cannot leave later modules without
# the jars their end-to-end tests run; then run every test of every module.
maven_build() {
  # shellcheck source=scripts/java-home.sh
  source scripts/java-home.sh
  mvn -B -ntp clean install -DskipTests
}

maven_tests() {
  # shellcheck source=scripts/java-home.sh
  source scripts/java-home.sh
  mvn -B -ntp verify -Dmaven.test.failure.ignore=true
  local rc=$?
  [ "$rc" -ne 0 ] && return "$rc"
  junit_failures
}

# Prints JUnit totals of every module and fails when any test failed or erred.
junit_failures() {
  python3 - "$ROOT" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
root = sys.argv[1]
tests = fails = errors = skipped = 0
bad = []
for f in glob.glob(root + "/*/target/*-reports/TEST-*.xml"):
    try:
        s = ET.parse(f).getroot()
    except ET.ParseError:
        bad.append(f + " (unreadable report)")
        continue
    tests += int(s.get("tests", 0)); fails += int(s.get("failures", 0))
    errors += int(s.get("errors", 0)); skipped += int(s.get("skipped", 0))
    for case in s.iter("testcase"):
        for kind in ("failure", "error"):
            el = case.find(kind)
            if el is not None:
                bad.append("%s.%s: %s" % (case.get("classname"), case.get("name"), (el.get("message") or "")[:300]))
print("JUnit: %d tests, %d failures, %d errors, %d skipped" % (tests, fails, errors, skipped))
for b in bad:
    print("  FAILED " + b)
sys.exit(1 if bad else 0)
PY
}

# The suites that run pvdifyd --dev on this host (CLI, dashboard, gh) use the host's Podman API socket
# and the local test images, as a developer's machine would; started here when not already running.
HOST_PODMAN_PID=""
host_podman() {
  local sock=/run/podman/podman.sock _
  if ! curl -sf --unix-socket "$sock" http://d/v4.0.0/libpod/_ping >/dev/null 2>&1; then
    mkdir -p /run/podman /var/log/pvdify
    setsid podman system service --time=0 "unix://$sock" >/var/log/pvdify/test-podman.log 2>&1 &
    HOST_PODMAN_PID=$!
    for _ in $(seq 1 100); do
      curl -sf --unix-socket "$sock" http://d/v4.0.0/libpod/_ping >/dev/null 2>&1 && break
      sleep 0.2
    done
  fi
  bash scripts/test-images.sh
  # The add-on images' rootfs (postgres, redis) takes minutes to build once per machine; the tests that use them
  # import the cached tarballs into their own Podman in seconds.
  bash scripts/addon-images.sh --cache-only
}

stop_host_podman() {
  if [ -n "$HOST_PODMAN_PID" ]; then
    kill "$HOST_PODMAN_PID" 2>/dev/null || true
    wait "$HOST_PODMAN_PID" 2>/dev/null || true
  fi
}

run_bats() {
  local suites=()
  mapfile -t suites < <(git ls-files '*.bats' | sort)
  [ "${#suites[@]}" -eq 0 ] && return 0
  # shellcheck source=scripts/java-home.sh
  source scripts/java-home.sh
  bats "${suites[@]}"
}

unmount_leftovers
step "install missing packages" install_packages
step "Podman host check" pvdify_podman_host_check
step "user namespace ranges" pvdify_userns_ranges
step "shellcheck" run_shellcheck
step "build every jar" maven_build
step "host Podman service and test images" host_podman
step "maven tests (unit, integration, end-to-end)" maven_tests
step "bats suites" run_bats
stop_host_podman
unmount_leftovers

echo
echo "=== summary ($(($(date +%s) - START)) s)"
printf '%s\n' "${SUMMARY[@]}"
junit_failures >/dev/null 2>&1 || true
exit "$FAILED"
