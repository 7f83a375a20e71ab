#!/usr/bin/env bats
# packaging/install.sh and uninstall.sh on a real systemd: a namespace systemd booted by scripts/sysns.sh.
#
# Isolation from the host: sysns.sh gives the namespace private /run, /tmp and /var/tmp only. Everything
# else the installer writes (/etc, /usr/local, /var/lib) is made private here too, inside the namespace's
# own mount table: overlays whose upper layers live under packaging/target/install-test, plus fresh binds on
# /etc/systemd/system and /var/lib/containers. The host's files are the read-only lower layers; nothing of
# this test is visible outside the namespace, and stopping the namespace drops every mount.
#
# Needs the built jars (pvdifyd/target/pvdifyd.jar, pvdify-cli/target/pvdify.jar; admin-ui's is optional)
# for the install tests; the hardening probe needs only the namespace. Tests run in file order and share
# one namespace: each later step builds on the install.

bats_require_minimum_version 1.5.0
load ../../scripts/test/quick-start

REPO="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"
SYSNS="$REPO/scripts/sysns.sh"
T="$REPO/packaging/target/install-test"
# Fixed ports of this suite (19700-19799 belong to packaging): API, Caddy HTTP, Caddy admin, dashboard.
API_PORT=19710
CADDY_HTTP_PORT=19711
CADDY_ADMIN_PORT=19712
ADMIN_UI_PORT=19713
API_URL="http://127.0.0.1:$API_PORT"
APP=pkgweb

nse() { "$SYSNS" exec "$(cat "$T/ns-name")" "$@"; }

# Bats 1.8 cannot skip from setup_file: it records the reason, and setup() skips every test with it.
skip_file() { export SUITE_SKIP="$1"; }

setup_file() {
  [ -x "$SYSNS" ] || { skip_file "no scripts/sysns.sh (namespace systemd)"; return 0; }
  [ "$(id -u)" = 0 ] || { skip_file "needs root (namespaces, mounts)"; return 0; }
  local port
  for port in "$API_PORT" "$CADDY_HTTP_PORT" "$CADDY_ADMIN_PORT" "$ADMIN_UI_PORT"; do
    if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
      { skip_file "port $port is in use"; return 0; }
    fi
  done
  rm -rf "$T"
  mkdir -p "$T"/{units,containers,home} "$T"/ovl/{etc,usr-local,var-lib}/{u,w}
  echo "pvpkg-$$" > "$T/ns-name"
  "$SYSNS" start "$(cat "$T/ns-name")" > "$T/sysns.log" 2>&1 || { cat "$T/sysns.log" >&3; false; }

  # Private /etc, /usr/local and /var/lib for the installer (see the top of this file).
  # shellcheck disable=SC2016 # the script's $1 and $2 are expanded by the namespace's sh, not here
  nse /bin/sh -eu -c '
    T="$1"
    ovl() { mount -t overlay overlay -o "lowerdir=$2,upperdir=$T/ovl/$1/u,workdir=$T/ovl/$1/w" "$2"; }
    ovl etc /etc
    mount --bind "$T/units" /etc/systemd/system
    ovl usr-local /usr/local
    ovl var-lib /var/lib
    mkdir -p /var/lib/containers
    mount --bind "$T/containers" /var/lib/containers
    systemctl daemon-reload
  ' sh "$T"

  # Test images, in the namespace's Podman storage.
  if [ -x "$REPO/scripts/test-images.sh" ]; then
    "$REPO/scripts/test-images.sh" "$SYSNS" exec "$(cat "$T/ns-name")" podman > "$T/test-images.log" 2>&1 \
      || { cat "$T/test-images.log" >&3; false; }
  fi

  # Test settings the installer keeps: the API port (and Caddy's admin address) through a drop-in,
  # the dashboard's through /etc/pvdify/admin.env.
  mkdir -p "$T/units/pvdifyd.service.d"
  cat > "$T/units/pvdifyd.service.d/50-install-test.conf" <<EOF
[Service]
ExecStart=
ExecStart=/usr/local/bin/pvdifyd --config /etc/pvdify/pvdifyd.yaml --port $API_PORT
Environment=PVDIFY_PORT=$API_PORT PVDIFY_CADDY_ADMIN_URL=http://127.0.0.1:$CADDY_ADMIN_PORT
Environment=PVDIFY_PORT_RANGE=25500-25999
EOF
  nse /bin/sh -eu -c 'mkdir -p -m 700 /etc/pvdify && printf "%s\n" "$@" > /etc/pvdify/admin.env' sh \
    "PVDIFY_API_URL=$API_URL" "PVDIFY_ADMIN_PORT=$ADMIN_UI_PORT"

}

teardown_file() {
  [ -f "$T/ns-name" ] || return 0
  # Powering off stops every unit and container of the namespace and drops its mounts with it.
  "$SYSNS" stop "$(cat "$T/ns-name")" > /dev/null 2>&1 || true
  rm -rf "$T"
}

setup() {
  [ -z "${SUITE_SKIP:-}" ] || skip "$SUITE_SKIP"
}

# A failed test shows the last command's output and the journal of pvdifyd (the namespace is gone after).
teardown() {
  if [ -z "${BATS_TEST_COMPLETED:-}" ] && [ -z "${SUITE_SKIP:-}" ] && [ -f "$T/ns-name" ]; then
    echo "--- last output:"
    printf '%s\n' "${output:-}"
    echo "--- journal of pvdifyd, pvdify-admin and caddy (last 60 lines):"
    nse journalctl -u pvdifyd.service -u pvdify-admin.service -u caddy.service -n 60 --no-pager 2> /dev/null || true
  fi
}

need_jars() {
  if [ ! -f "$REPO/pvdifyd/target/pvdifyd.jar" ] || [ ! -f "$REPO/pvdify-cli/target/pvdify.jar" ]; then
    skip "jars not built (pvdifyd/target/pvdifyd.jar, pvdify-cli/target/pvdify.jar)"
  fi
}

# install_sh SRC: SRC/packaging/install.sh --with-caddy in the namespace, with the default base domain
# (pvdify.localhost, plain HTTP, the Caddyfile install.sh generates) on this suite's ports: a shared host's
# port 80 and Caddy's 2019 are not ours to take.
install_sh() {
  PVDIFY_HTTP_PORT="$CADDY_HTTP_PORT" PVDIFY_CADDY_ADMIN_URL="http://127.0.0.1:$CADDY_ADMIN_PORT" \
    run timeout 600 "$SYSNS" exec "$(cat "$T/ns-name")" "$1/packaging/install.sh" --with-caddy --api-url "$API_URL"
}

# pvdify ARGS: the installed CLI in the namespace, as root on the host would run it.
pvdify() {
  HOME="$T/home" PVDIFY_API_URL="$API_URL" PVDIFY_TOKEN="$(cat "$T/token")" \
    timeout 600 "$SYSNS" exec "$(cat "$T/ns-name")" /usr/local/bin/pvdify "$@" < /dev/null
}

need_install() {
  need_jars
  [ -f "$T/installed" ] || skip "the install test did not pass"
}

# api PATH: an admin GET from the host (the namespace shares the host's network).
api() {
  printf 'header = "Authorization: Bearer %s"\n' "$(cat "$T/token")" | curl -fsS --max-time 30 --config - "$API_URL$1"
}

# app_host: the host name Caddy routes to the app (its default domain); kept from the deploy test, because
# after uninstall no API answers.
app_host() {
  if [ -s "$T/app-host" ]; then cat "$T/app-host"; return 0; fi
  api "/api/v1/apps/$APP" | jq -r '(.domains // [])[0] // (.web_url // "" | sub("^https?://"; "") | sub("/.*$"; ""))'
}

# through_caddy TEXT: polls (up to 60 s) until the app answers TEXT through Caddy.
through_caddy() {
  local host
  host="$(app_host)"
  [ -n "$host" ] || { echo "the app has no domain" >&2; return 1; }
  for _ in $(seq 1 60); do
    curl -fsS --max-time 5 -H "Host: $host" "http://127.0.0.1:$CADDY_HTTP_PORT/" 2> /dev/null | grep -qF "$1" && return 0
    sleep 1
  done
  echo "no '$1' from Caddy for Host: $host" >&2
  return 1
}

# dyno_units: the app's dyno units, with each one's invocation id (changes when a unit restarts).
dyno_units() {
  nse systemctl list-dependencies --plain --no-legend pvdify.target | sed 's/^[^a-zA-Z0-9]*//' \
    | grep -F "$APP" | sort | while read -r unit; do
      echo "$unit $(nse systemctl show -P InvocationID "$unit")"
    done
}

@test "pvdifyd.service's hardening still lets it write units, run systemctl/podman/journalctl, use the Podman socket" {
  # The real unit with its ExecStart replaced by a probe doing pvdifyd's kinds of work.
  cat > "$T/probe.sh" <<'EOF'
#!/bin/bash
set -euxo pipefail
printf '[Unit]\nDescription=probe\n[Service]\nType=oneshot\nExecStart=/bin/true\n' > /etc/systemd/system/pvdify-probe-dyno.service
systemctl daemon-reload
systemctl start pvdify-probe-dyno.service
rm /etc/systemd/system/pvdify-probe-dyno.service
systemctl daemon-reload
mkdir -p /run/pvdify/env
echo 'A=1' > /run/pvdify/env/probe.env
echo x > /var/lib/pvdify/probe
journalctl -n 1 --no-pager > /dev/null
curl -fsS --unix-socket /run/podman/podman.sock http://d/v4.0.0/libpod/_ping
podman ps -a > /dev/null
if podman image exists localhost/pvdify-test/web:1; then
  podman run --rm localhost/pvdify-test/web:1 /bin/echo podman-run-ok
fi
# What must stay read-only.
if touch /usr/.pvdify-probe 2> /dev/null; then rm -f /usr/.pvdify-probe; echo "/usr is writable"; exit 1; fi
if touch /root/.pvdify-probe 2> /dev/null; then rm -f /root/.pvdify-probe; echo "/root is writable"; exit 1; fi
echo probe-ok
EOF
  chmod 755 "$T/probe.sh"
  sed -e 's/^Type=notify/Type=oneshot/' -e '/^WatchdogSec=/d' -e '/^NotifyAccess=/d' -e 's/^Restart=always/Restart=no/' \
    -e "s|^ExecStart=.*|ExecStart=$T/probe.sh|" -e '/^\[Install\]/,$d' \
    "$REPO/packaging/systemd/pvdifyd.service" > "$T/units/pvdify-probe.service"
  nse systemctl daemon-reload
  nse systemctl start podman.socket
  run nse systemctl start pvdify-probe.service
  nse journalctl -u pvdify-probe.service --no-pager -o cat > "$T/probe.log" 2>&1 || true
  if [ "$status" -ne 0 ]; then cat "$T/probe.log"; fi
  [ "$status" -eq 0 ]
  grep -q probe-ok "$T/probe.log"
  # RuntimeDirectoryPreserve: the env files outlive the unit.
  nse test -f /run/pvdify/env/probe.env
  rm -f "$T/units/pvdify-probe.service"
  nse rm -rf /run/pvdify /var/lib/pvdify
  nse systemctl daemon-reload
}

@test "install.sh installs, enables and starts everything; pvdifyd answers /health; the token is printed once" {
  need_jars
  install_sh "$REPO"
  echo "$output" > "$T/install-1.log"
  [ "$status" -eq 0 ]
  [[ "$output" == *"Admin token (shown once"* ]]
  grep -A2 'Admin token (shown once' "$T/install-1.log" | tail -n 1 | tr -d '[:space:]' > "$T/token"
  [ -s "$T/token" ]
  curl -fsS "$API_URL/health" | jq -e '.status == "ok"'
  nse systemctl is-active pvdifyd.service pvdify.target caddy.service
  nse systemctl is-enabled pvdifyd.service pvdify.target
  # One default for both set-up paths: pvdify.localhost over plain HTTP, recorded for pvdifyd and Caddy alike.
  [[ "$output" == *"apps answer at http://<app>.pvdify.localhost:$CADDY_HTTP_PORT/"* ]]
  nse grep -qx PVDIFY_BASE_DOMAIN=pvdify.localhost /etc/pvdify/setup.env
  nse grep -q '^http://admin.pvdify.localhost {' /etc/caddy/Caddyfile
  for f in /usr/local/bin/pvdifyd /usr/local/bin/pvdify /usr/local/lib/pvdify/pvdifyd.jar /etc/pvdify/pvdifyd.yaml; do
    nse test -e "$f"
  done
  [ "$(nse stat -c %a /etc/pvdify/pvdifyd.yaml)" = 600 ]
  touch "$T/installed"
  # The dashboard (when its jar is built) runs as a dynamic user and answers on its port.
  if [ -f "$REPO/admin-ui/target/pvdify-admin.jar" ]; then
    nse systemctl is-enabled pvdify-admin.service
    for _ in $(seq 1 180); do
      curl -sS --max-time 5 -o /dev/null "http://127.0.0.1:$ADMIN_UI_PORT/" 2> /dev/null && break
      nse systemctl is-failed --quiet pvdify-admin.service && break
      sleep 1
    done
    curl -sS --max-time 5 -o /dev/null "http://127.0.0.1:$ADMIN_UI_PORT/"
    nse systemctl is-active pvdify-admin.service
  fi
}

@test "installed units pass systemd-analyze verify" {
  need_install
  local units=(pvdifyd.service pvdify.target pvdify-env.service)
  nse test -f /etc/systemd/system/pvdify-admin.service && units+=(pvdify-admin.service)
  for u in "${units[@]}"; do
    run nse systemd-analyze verify "/etc/systemd/system/$u"
    echo "$u: $output"
    [ "$status" -eq 0 ]
    [ -z "$output" ]
  done
}

@test "the installed CLI deploys the test image and it answers through Caddy" {
  need_install
  HOME="$T/home" PVDIFY_API_URL="$API_URL" PVDIFY_TOKEN="$(cat "$T/token")" \
    run timeout 300 "$SYSNS" exec "$(cat "$T/ns-name")" /usr/local/bin/pvdify apps:create "$APP"
  echo "$output"
  [ "$status" -eq 0 ]
  HOME="$T/home" PVDIFY_API_URL="$API_URL" PVDIFY_TOKEN="$(cat "$T/token")" \
    run timeout 600 "$SYSNS" exec "$(cat "$T/ns-name")" /usr/local/bin/pvdify deploy "$APP" --image localhost/pvdify-test/web:1
  echo "$output"
  [ "$status" -eq 0 ]
  through_caddy "pvdify-test web v1"
  app_host > "$T/app-host"
  [ -n "$(dyno_units)" ]
  touch "$T/deployed"
}

@test "the README's quick start runs verbatim: apps answer over plain HTTP at <app>.pvdify.localhost" {
  need_install
  [ -f "$T/deployed" ] || skip "the deploy test did not pass"
  # The README's curl commands go to port 80 of the host; here Caddy listens on this suite's port. (Defined in
  # this test only: bats runs each test in its own process, so the suite's own API calls are unaffected.)
  curl() { command curl --connect-to "::127.0.0.1:$CADDY_HTTP_PORT" "$@"; }
  run_quick_start
}

@test "restarting pvdifyd keeps the app's dynos running and serving" {
  need_install
  [ -f "$T/deployed" ] || skip "the deploy test did not pass"
  dyno_units > "$T/dynos-before"
  [ -s "$T/dynos-before" ]
  nse systemctl restart pvdifyd.service
  through_caddy "pvdify-test web v1"
  curl -fsS "$API_URL/health" > /dev/null
  dyno_units > "$T/dynos-after"
  diff "$T/dynos-before" "$T/dynos-after"
  # The boot path: `pvdifyd --write-env-files` (pvdify-env.service) rewrites the env files and exits.
  nse systemctl restart pvdify-env.service
  nse systemctl is-active pvdify-env.service
  [ -n "$(nse find /run/pvdify/env -type f)" ]
}

@test "install.sh again changes nothing and restarts nothing" {
  need_install
  local before
  before="$(nse systemctl show -P InvocationID pvdifyd.service)"
  install_sh "$REPO"
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" != *"installed /"* ]]
  [[ "$output" != *"restarting"* ]]
  [[ "$output" != *"Admin token"* ]]
  [ "$(nse systemctl show -P InvocationID pvdifyd.service)" = "$before" ]
}

@test "an upgrade (a changed file) restarts pvdifyd only; data and running apps are kept" {
  need_install
  # The same tree with a changed pvdifyd.service, as after a git pull + rebuild.
  local src="$T/upgrade-src" m before
  mkdir -p "$src/packaging" "$src/pvdifyd/target" "$src/pvdify-cli/target" "$src/pvdify-cli/bin" "$src/admin-ui/target"
  cp -r "$REPO/packaging/systemd" "$REPO/packaging/install.sh" "$REPO/packaging/caddyfile.sh" \
    "$REPO/packaging/pvdifyd.yaml" "$REPO/packaging/jvm-options.sh" "$REPO/packaging/env-shim" "$src/packaging/"
  cp "$REPO/Caddyfile.example" "$src/"
  echo "# upgraded" >> "$src/packaging/systemd/pvdifyd.service"
  for m in pvdifyd/target/pvdifyd.jar pvdify-cli/target/pvdify.jar pvdify-cli/bin/pvdify admin-ui/target/pvdify-admin.jar \
      admin-ui/target/lib; do
    [ -e "$REPO/$m" ] && ln -s "$REPO/$m" "$src/$m"
  done
  before="$(nse systemctl show -P InvocationID pvdifyd.service)"
  install_sh "$src"
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"installed /etc/systemd/system/pvdifyd.service"* ]]
  [[ "$output" == *"restarting pvdifyd.service"* ]]
  [[ "$output" != *"Admin token"* ]]
  [ "$(nse systemctl show -P InvocationID pvdifyd.service)" != "$before" ]
  # The old token still works: same data.
  api /api/v1/apps > /dev/null
  if [ -f "$T/deployed" ]; then
    diff "$T/dynos-before" <(dyno_units)
    through_caddy "pvdify-test web v1"
  fi
}

@test "uninstall.sh removes pvdifyd and keeps the app serving" {
  need_install
  run timeout 300 "$SYSNS" exec "$(cat "$T/ns-name")" "$REPO/packaging/uninstall.sh"
  echo "$output"
  [ "$status" -eq 0 ]
  # `! cmd` never fails a bats test (set -e ignores negated commands): `run !` does.
  run ! nse test -e /etc/systemd/system/pvdifyd.service
  run ! nse test -e /usr/local/bin/pvdify
  run ! nse systemctl is-active --quiet pvdifyd.service
  nse test -d /var/lib/pvdify
  if [ -f "$T/deployed" ]; then
    through_caddy "pvdify-test web v1"
    diff "$T/dynos-before" <(dyno_units)
  fi
}

@test "uninstall.sh --purge removes every dyno, container, env file and the data" {
  need_install
  run timeout 300 "$SYSNS" exec "$(cat "$T/ns-name")" "$REPO/packaging/uninstall.sh" --purge
  echo "$output"
  [ "$status" -eq 0 ]
  for f in /var/lib/pvdify /etc/pvdify /run/pvdify /usr/local/lib/pvdify /usr/local/bin/pvdifyd \
      /etc/systemd/system/pvdify.target /etc/systemd/system/pvdify-env.service; do
    run ! nse test -e "$f"
  done
  # The Caddy config is the one from before the install again (the caddy package's), or gone if there was none.
  if [ -f /etc/caddy/Caddyfile ]; then
    nse cat /etc/caddy/Caddyfile | cmp - /etc/caddy/Caddyfile
  else
    run ! nse test -e /etc/caddy/Caddyfile
  fi
  run ! nse test -e /etc/caddy/Caddyfile.before-pvdify
  [ -z "$(nse find /etc/systemd/system -maxdepth 1 -name 'pvdify*')" ]
  [ -z "$(nse podman ps -a --format '{{.Names}}' | grep -i pvdify || true)" ]
  # (pvdify-sysns.target is the test namespace's own default target.)
  run nse systemctl list-units --all --plain --no-legend 'pvdify*'
  echo "$output"
  [ -z "$(grep -v -e 'not-found' -e '^pvdify-sysns.target' <<< "$output" || true)" ]
}
