#!/usr/bin/env bats
# The set-up path without systemd: scripts/lib/run-without-systemd.sh (what setup.sh runs where systemd is not
# PID 1), then the README's quick start as written against it.
#
# Isolation from the host: everything runs in a private mount namespace (unshare) whose /etc, /usr/local,
# /var/log and /var/lib are overlays with their upper layers under scripts/target/no-systemd-test, with the
# host's Podman storage (/var/lib/containers) bound back in, and fresh tmpfs on /run/pvdify and /run/podman
# (so the script starts its own Podman API service, which sees the dynos' env files). Nothing the script
# writes reaches the host's files, and its processes are stopped by the script's own --stop.
# The script's fixed ports (API 9443, dashboard 9444, Caddy admin 2019) must be free, else the suite skips;
# Caddy's HTTP port is this suite's 19761 (PVDIFY_HTTP_PORT), dynos get 27000-27099.

bats_require_minimum_version 1.5.0
load quick-start

REPO="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"
T="$REPO/scripts/target/no-systemd-test"
HTTP_PORT=19761

nse() { nsenter -t "$(cat "$T/holder.pid")" -m "$@"; }

# Bats 1.8 cannot skip from setup_file: it records the reason, and setup() skips every test with it.
skip_file() { export SUITE_SKIP="$1"; }

setup_file() {
  [ "$(id -u)" = 0 ] || { skip_file "needs root (mount namespace, Podman)"; return 0; }
  local f port
  for f in unshare nsenter caddy podman; do
    command -v "$f" > /dev/null || { skip_file "needs $f"; return 0; }
  done
  for f in pvdifyd/target/pvdifyd.jar admin-ui/target/pvdify-admin.jar pvdify-cli/target/pvdify.jar; do
    [ -f "$REPO/$f" ] || { skip_file "$f is not built"; return 0; }
  done
  for port in 9443 9444 2019 "$HTTP_PORT"; do
    if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
      { skip_file "port $port is in use"; return 0; }
    fi
  done
  rm -rf "$T"
  mkdir -p "$T"/{home,containers-host} "$T"/ovl/{etc,usr-local,var-log,var-lib}/{u,w}
  # Mount points for the private tmpfs: empty directories on the host's /run (itself a tmpfs), removed after.
  for f in /run/pvdify /run/podman; do
    [ -d "$f" ] || { mkdir -p "$f" && echo "$f" >> "$T/made-dirs"; }
  done
  "$REPO/scripts/test-images.sh" > "$T/test-images.log" 2>&1 || { cat "$T/test-images.log" >&3; false; }

  # The holder keeps the namespace: unshare execs sleep in it (no --fork: a forking unshare ignores SIGTERM).
  # It must hold none of bats' pipes, or bats waits for it after the last test.
  (
    for fd in /proc/"$BASHPID"/fd/*; do
      fd="${fd##*/}"
      [ "$fd" -le 2 ] || eval "exec $fd>&-" 2> /dev/null
    done
    exec unshare --mount --propagation private sleep infinity > /dev/null 2>&1 < /dev/null
  ) &
  echo "$!" > "$T/holder.pid"
  for _ in $(seq 1 50); do
    [ "$(readlink "/proc/$(cat "$T/holder.pid")/ns/mnt")" != "$(readlink /proc/self/ns/mnt)" ] && break
    sleep 0.1
  done
  # shellcheck disable=SC2016 # $1 is expanded by the namespace's sh
  nse /bin/sh -eu -c '
    T="$1"
    ovl() { mount -t overlay overlay -o "lowerdir=$2,upperdir=$T/ovl/$1/u,workdir=$T/ovl/$1/w" "$2"; }
    mount --rbind /var/lib/containers "$T/containers-host"
    ovl etc /etc
    ovl usr-local /usr/local
    ovl var-log /var/log
    ovl var-lib /var/lib
    mount --rbind "$T/containers-host" /var/lib/containers
    mount -t tmpfs -o mode=0755 tmpfs /run/pvdify
    mount -t tmpfs -o mode=0755 tmpfs /run/podman
    mkdir -p -m 700 /etc/pvdify
    echo "port_range: 27000-27099" > /etc/pvdify/pvdifyd.yaml
    chmod 600 /etc/pvdify/pvdifyd.yaml
  ' sh "$T"

  # shellcheck source=scripts/java-home.sh
  source "$REPO/scripts/java-home.sh"
  HOME="$T/home" PVDIFY_HTTP_PORT="$HTTP_PORT" JAVA_HOME="$JAVA_HOME" \
    nse bash "$REPO/scripts/lib/run-without-systemd.sh" > "$T/setup.log" 2>&1 3>&- < /dev/null \
    || { tail -n 40 "$T/setup.log" >&3; false; }
}

teardown_file() {
  [ -f "$T/holder.pid" ] || return 0
  local ids
  nse bash "$REPO/scripts/lib/run-without-systemd.sh" --stop > "$T/stop.log" 2>&1 3>&- < /dev/null || true
  # What a failed test left of my-app: only this daemon's dynos (its data dir names it in the owner label).
  ids="$(nse podman ps -a -q --filter label=pvdify.app=my-app --filter label=pvdify.owner=/var/lib/pvdify 2> /dev/null || true)"
  # shellcheck disable=SC2086 # one id per word
  [ -z "$ids" ] || nse podman rm -f $ids > /dev/null 2>&1 || true
  kill "$(cat "$T/holder.pid")" 2> /dev/null || true
  if [ -f "$T/made-dirs" ]; then
    while read -r dir; do rmdir "$dir" 2> /dev/null || true; done < "$T/made-dirs"
  fi
}

setup() {
  [ -z "${SUITE_SKIP:-}" ] || skip "$SUITE_SKIP"
}

# A failed test shows the logs of the processes the script started.
teardown() {
  if [ -z "${BATS_TEST_COMPLETED:-}" ] && [ -z "${SUITE_SKIP:-}" ] && [ -f "$T/holder.pid" ]; then
    local f
    for f in setup pvdifyd caddy; do
      echo "--- $f (last 30 lines):"
      if [ "$f" = setup ]; then tail -n 30 "$T/setup.log"; else nse tail -n 30 "/var/log/pvdify/$f.log"; fi
    done 2> /dev/null || true
  fi
}

# pvdify ARGS: the CLI setup put on PATH, as root on the host would run it (it reads the local admin token).
pvdify() { HOME="$T/home" nse /usr/local/bin/pvdify "$@" < /dev/null; }

@test "run-without-systemd.sh serves the default: <app>.pvdify.localhost over plain HTTP, as on a systemd host" {
  run cat "$T/setup.log"
  [[ "$output" == *"Apps       http://<app>.pvdify.localhost:$HTTP_PORT"* ]]
  nse grep -qx PVDIFY_BASE_DOMAIN=pvdify.localhost /etc/pvdify/setup.env
  # The same Caddy config the installer writes on a systemd host (both come from packaging/caddyfile.sh).
  diff <(nse cat /etc/pvdify/Caddyfile) <(bash "$REPO/packaging/caddyfile.sh" --http-port "$HTTP_PORT")
  run pvdify apps --json
  [ "$status" -eq 0 ]
  # Caddy and the dashboard run unprivileged: Caddy as caddy with only CAP_NET_BIND_SERVICE (0x400), the
  # dashboard as pvdify-admin with no capability; both with no_new_privs. pvdifyd stays root.
  local name pid
  for name in caddy admin pvdifyd; do
    pid="$(nse cut -d' ' -f1 "/run/pvdify/$name.pid")"
    grep -E '^(Uid|CapEff|CapBnd|NoNewPrivs):' "/proc/$pid/status" > "$T/$name.status"
  done
  [ "$(awk '/^Uid:/{print $2}' "$T/caddy.status")" = "$(nse id -u caddy)" ]
  grep -qx $'CapEff:\t0000000000000400' "$T/caddy.status"
  grep -qx $'CapBnd:\t0000000000000400' "$T/caddy.status"
  grep -qx $'NoNewPrivs:\t1' "$T/caddy.status"
  [ "$(awk '/^Uid:/{print $2}' "$T/admin.status")" = "$(nse id -u pvdify-admin)" ]
  grep -qx $'CapEff:\t0000000000000000' "$T/admin.status"
  grep -qx $'NoNewPrivs:\t1' "$T/admin.status"
  [ "$(awk '/^Uid:/{print $2}' "$T/pvdifyd.status")" = 0 ]
}

@test "the README's quick start runs verbatim: apps answer over plain HTTP at <app>.pvdify.localhost" {
  # The README's curl commands go to port 80 of the host; here Caddy listens on this suite's port.
  curl() { command curl --connect-to "::127.0.0.1:$HTTP_PORT" "$@"; }
  run_quick_start
}
