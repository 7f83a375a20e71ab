#!/usr/bin/env bash
# Runs Pvdify on a host where systemd is not PID 1 (containers, sandboxes, some dev boxes), called by
# scripts/setup.sh after the build. Starts, as background processes that outlive this script:
#   podman  the Podman API service      unix:///run/podman/podman.sock
#   caddy   the router                  admin 127.0.0.1:2019; apps on :80 (HTTP) or :443 (HTTPS, real domain)
#   pvdifyd the daemon                  127.0.0.1:9443, data in /var/lib/pvdify, Podman fallback supervisor
#   admin   the dashboard               127.0.0.1:9444
# Caddy runs as the user caddy (created when missing; state in /var/lib/caddy) with only CAP_NET_BIND_SERVICE
# for ports 80/443, the dashboard as the user pvdify-admin with no capabilities (setpriv, no_new_privs); only
# Podman and pvdifyd (which manage containers) stay root, as on a systemd host.
# Pidfiles in /run/pvdify/NAME.pid, logs in /var/log/pvdify/NAME.log, generated config in /etc/pvdify/ (Caddy's
# copy in /var/lib/caddy/pvdify.Caddyfile, where its user can read it).
# Run again: whatever changed (jar, flags, config) is restarted, the rest keeps running; data is kept.
#
#   scripts/lib/run-without-systemd.sh          start or update
#   scripts/lib/run-without-systemd.sh --stop   stop every process this script started (by its recorded PID)
#
# Settings (environment, remembered in /etc/pvdify/setup.env for the next run):
#   PVDIFY_BASE_DOMAIN  apps answer at <app>.<base-domain>; default pvdify.localhost (every *.localhost name
#                       resolves to 127.0.0.1). A *.localhost / *.local / *.test domain gets plain HTTP on
#                       PVDIFY_HTTP_PORT (no certificates); any other domain gets Caddyfile.example's HTTPS
#                       with on-demand certificates, which needs public DNS pointing at this host. The same
#                       rule and the same file as packaging/install.sh (both use packaging/caddyfile.sh).
#   PVDIFY_HTTP_PORT    Caddy's HTTP port (default 80)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR=/run/pvdify
LOG_DIR=/var/log/pvdify
DATA_DIR=/var/lib/pvdify
CONF_DIR=/etc/pvdify
LIB_DIR=/usr/local/lib/pvdify
SETTINGS="$CONF_DIR/setup.env"
CADDY_CONFIG="$CONF_DIR/Caddyfile"
PODMAN_SOCKET=/run/podman/podman.sock
API_URL=http://127.0.0.1:9443
ADMIN_URL=http://127.0.0.1:9444
CADDY_ADMIN=http://127.0.0.1:2019
TOKEN_FILE="$DATA_DIR/admin-token"
# Same marker as packaging/install.sh: the token is shown once per data dir.
TOKEN_SHOWN="$DATA_DIR/.install-token-shown"
# Stop order; start order is the reverse.
SERVICES=(admin pvdifyd caddy podman)

say() { echo "pvdify: $*"; }
die() {
  echo "pvdify: $*" >&2
  exit 1
}

# --- processes we started: pidfile = "PID START-TIME" (start time guards against a reused PID) ------------

start_time() { awk '{print $22}' "/proc/$1/stat" 2>/dev/null; }

# recorded_pid NAME: prints the PID when the process recorded for NAME is still the one we started.
recorded_pid() {
  local file="$RUN_DIR/$1.pid" pid started
  [ -r "$file" ] || return 1
  read -r pid started < "$file" || return 1
  [ -n "$pid" ] && [ -n "$started" ] || return 1
  [ "$(start_time "$pid")" = "$started" ] || return 1
  echo "$pid"
}

stop_service() {
  local name="$1" pid
  if pid="$(recorded_pid "$name")"; then
    say "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      [ "$(start_time "$pid")" = "" ] && break
      sleep 0.5
    done
    if [ -n "$(start_time "$pid")" ]; then
      say "$name (pid $pid) did not stop within 30 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$RUN_DIR/$name.pid" "$RUN_DIR/$name.fingerprint"
}

# start_service NAME FINGERPRINT COMMAND...: keeps a running NAME whose fingerprint is unchanged, else
# (re)starts it in its own session, detached from this script, logging to /var/log/pvdify/NAME.log.
start_service() {
  local name="$1" fingerprint="$2" pid
  shift 2
  if pid="$(recorded_pid "$name")"; then
    if [ "$(cat "$RUN_DIR/$name.fingerprint" 2>/dev/null)" = "$fingerprint" ]; then
      say "$name is running (pid $pid), unchanged"
      return 0
    fi
    say "$name changed; restarting it"
    stop_service "$name"
  fi
  touch "$LOG_DIR/$name.log"
  chmod 600 "$LOG_DIR/$name.log"
  {
    echo
    echo "=== $(date -u +%FT%TZ) pvdify setup starts $name: $*"
  } >> "$LOG_DIR/$name.log"
  # The child writes its own PID, then becomes the program (exec keeps the PID).
  # shellcheck disable=SC2016 # expanded by the child shell
  setsid nohup bash -c 'echo "$$ $(awk "{print \$22}" /proc/$$/stat)" > "$0"; exec "$@"' \
    "$RUN_DIR/$name.pid" "$@" >> "$LOG_DIR/$name.log" 2>&1 < /dev/null &
  for _ in $(seq 1 50); do
    [ -s "$RUN_DIR/$name.pid" ] && break
    sleep 0.1
  done
  echo "$fingerprint" > "$RUN_DIR/$name.fingerprint"
  pid="$(recorded_pid "$name")" || die "$name exited at once; see $LOG_DIR/$name.log"
  say "started $name (pid $pid, log $LOG_DIR/$name.log)"
}

# wait_healthy NAME SECONDS CHECK...: polls CHECK until it succeeds; fails early when NAME died.
wait_healthy() {
  local name="$1" seconds="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" > /dev/null 2>&1; do
    if ! recorded_pid "$name" > /dev/null; then
      tail -n 20 "$LOG_DIR/$name.log" >&2 || true
      die "$name stopped while starting; see $LOG_DIR/$name.log"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 20 "$LOG_DIR/$name.log" >&2 || true
      die "$name is not healthy after $seconds s; see $LOG_DIR/$name.log"
    fi
    sleep 0.5
  done
}

# port_free PORT NAME: refuses to start NAME on a port that another program (not NAME as we started it) holds.
port_free() {
  local port="$1" name="$2"
  recorded_pid "$name" > /dev/null && return 0
  if ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
    die "port $port is in use by another program; stop it (ss -ltnp 'sport = :$port') and run setup again"
  fi
}

# fingerprint FILES...: one hash over the files that exist (a missing optional file hashes as empty). A jar
# counts by its entries' content: a rebuild of the same sources changes only the timestamps inside.
fingerprint() {
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    if [[ "$f" == *.jar ]] && command -v unzip > /dev/null; then
      unzip -p "$f" || cat "$f"
    else
      cat "$f"
    fi
  done | sha256sum | cut -d' ' -f1
}

if [ "${1:-}" = --stop ]; then
  for name in "${SERVICES[@]}"; do stop_service "$name"; done
  say "stopped. Data is kept in $DATA_DIR; app containers keep running, and pvdifyd takes them over at its next start."
  exit 0
fi
[ $# -eq 0 ] || die "usage: $0 [--stop]"
[ "$(id -u)" = 0 ] || die "run as root (Podman's system service, Caddy on port 80, /var/lib/pvdify)"

mkdir -p "$RUN_DIR" "$LOG_DIR" "$DATA_DIR" "$CONF_DIR" "$LIB_DIR" /run/podman
# Root only: the data (admin token file, keyset), settings and logs.
chmod 700 "$RUN_DIR" "$DATA_DIR" "$CONF_DIR" "$LOG_DIR"

# --- unprivileged users for Caddy and the dashboard ------------------------------------------------------

CADDY_USER=caddy
CADDY_HOME=/var/lib/caddy
ADMIN_USER=pvdify-admin
command -v setpriv > /dev/null || die "needs setpriv (util-linux) to run Caddy and the dashboard unprivileged"
nologin="$(command -v nologin || echo /usr/sbin/nologin)"
if ! id -u "$CADDY_USER" > /dev/null 2>&1; then
  useradd --system --home-dir "$CADDY_HOME" --no-create-home --shell "$nologin" "$CADDY_USER" \
    || die "cannot create the user $CADDY_USER"
fi
install -d -m 750 -o "$CADDY_USER" -g "$(id -gn "$CADDY_USER")" "$CADDY_HOME"
if ! id -u "$ADMIN_USER" > /dev/null 2>&1; then
  useradd --system --home-dir /nonexistent --no-create-home --shell "$nologin" "$ADMIN_USER" \
    || die "cannot create the user $ADMIN_USER"
fi
# as_user USER [CAP]: the command prefix that runs a program as USER with no capabilities but CAP.
as_user() {
  local caps="-all"
  [ -z "${2:-}" ] || caps="-all,+$2"
  echo setpriv --reuid="$1" --regid="$(id -gn "$1")" --init-groups --no-new-privs --bounding-set="$caps" \
    --inh-caps="$caps" --ambient-caps="$caps"
}

# --- settings --------------------------------------------------------------------------------------------

saved_base="" saved_port=""
if [ -r "$SETTINGS" ]; then
  saved_base="$(sed -n 's/^PVDIFY_BASE_DOMAIN=//p' "$SETTINGS")"
  saved_port="$(sed -n 's/^PVDIFY_HTTP_PORT=//p' "$SETTINGS")"
fi
BASE_DOMAIN="${PVDIFY_BASE_DOMAIN:-${saved_base:-pvdify.localhost}}"
HTTP_PORT="${PVDIFY_HTTP_PORT:-${saved_port:-80}}"
[[ "$BASE_DOMAIN" =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ ]] || die "PVDIFY_BASE_DOMAIN must be a host name: $BASE_DOMAIN"
if ! [[ "$HTTP_PORT" =~ ^[0-9]{1,5}$ ]] || [ "$HTTP_PORT" -lt 1 ] || [ "$HTTP_PORT" -gt 65535 ]; then
  die "PVDIFY_HTTP_PORT must be a port number: $HTTP_PORT"
fi
printf 'PVDIFY_BASE_DOMAIN=%s\nPVDIFY_HTTP_PORT=%s\n' "$BASE_DOMAIN" "$HTTP_PORT" > "$SETTINGS"
case "$BASE_DOMAIN" in
  localhost | *.localhost | *.local | *.test) TLS=0 ;;
  *) TLS=1 ;;
esac

DAEMON_JAR="$ROOT/pvdifyd/target/pvdifyd.jar"
ADMIN_JAR="$ROOT/admin-ui/target/pvdify-admin.jar"
[ -f "$DAEMON_JAR" ] || die "missing $DAEMON_JAR; build first (scripts/setup.sh does)"
[ -f "$ADMIN_JAR" ] || die "missing $ADMIN_JAR; build first (scripts/setup.sh does)"

# Caddy's config: the same as on a systemd host (packaging/caddyfile.sh): plain HTTP for a local base domain,
# Caddyfile.example's HTTPS for a real one.
caddy_config() {
  bash "$ROOT/packaging/caddyfile.sh" --base-domain "$BASE_DOMAIN" --http-port "$HTTP_PORT" \
    --example "$ROOT/Caddyfile.example"
}
caddy_config > "$CADDY_CONFIG.new"
PVDIFY_BASE_DOMAIN="$BASE_DOMAIN" caddy validate --config "$CADDY_CONFIG.new" --adapter caddyfile > "$LOG_DIR/caddy-validate.log" 2>&1 ||
  die "the generated Caddy config does not validate: $(tail -n 3 "$LOG_DIR/caddy-validate.log")"
mv -f "$CADDY_CONFIG.new" "$CADDY_CONFIG"
# Caddy's user reads its own copy ($CONF_DIR is root's).
install -m 644 "$CADDY_CONFIG" "$CADDY_HOME/pvdify.Caddyfile"

# --- start (or keep) each process, in dependency order ---------------------------------------------------

java_bin="$JAVA_HOME/bin/java"
[ -x "$java_bin" ] || die "JAVA_HOME is not a JDK >= 21 (source scripts/java-home.sh)"

# 1. Podman's API service (a socket already served by someone else is used as it is).
podman_ping() { curl -fsS --max-time 3 --unix-socket "$PODMAN_SOCKET" http://d/v4.0.0/libpod/_ping; }
if recorded_pid podman > /dev/null || ! podman_ping > /dev/null 2>&1; then
  start_service podman "$(command -v podman)" podman system service --time=0 "unix://$PODMAN_SOCKET"
  wait_healthy podman 60 podman_ping
fi

# 2. Caddy.
[ "$TLS" = 1 ] && port_free 443 caddy
port_free "$HTTP_PORT" caddy
port_free 2019 caddy
# shellcheck disable=SC2046 # as_user prints words
start_service caddy "$(fingerprint "$CADDY_CONFIG" "$(command -v caddy)")-$BASE_DOMAIN-$CADDY_USER" \
  $(as_user "$CADDY_USER" net_bind_service) env HOME="$CADDY_HOME" XDG_DATA_HOME="$CADDY_HOME/.local/share" \
  XDG_CONFIG_HOME="$CADDY_HOME/.config" PVDIFY_BASE_DOMAIN="$BASE_DOMAIN" \
  caddy run --config "$CADDY_HOME/pvdify.Caddyfile" --adapter caddyfile
wait_healthy caddy 60 curl -fsS --max-time 3 "$CADDY_ADMIN/config/"

# 3. pvdifyd. Flags beat /etc/pvdify/pvdifyd.yaml; put other settings (Cloudflare token...) in that file.
pvdifyd_args=(--data-dir "$DATA_DIR" --supervisor podman --podman-socket "$PODMAN_SOCKET"
  --caddy-admin-url "$CADDY_ADMIN" --caddy-server-name srv0 --base-domain "$BASE_DOMAIN")
port_free 9443 pvdifyd
daemon_fp="$(fingerprint "$DAEMON_JAR" "$CONF_DIR/pvdifyd.yaml" "$java_bin")-${pvdifyd_args[*]}"
# The processes run from copies in /usr/local/lib/pvdify, so a rebuild never changes a running program's jars.
if [ "$daemon_fp" != "$(cat "$RUN_DIR/pvdifyd.fingerprint" 2> /dev/null)" ] || [ ! -f "$LIB_DIR/pvdifyd.jar" ]; then
  stop_service pvdifyd
  cp "$DAEMON_JAR" "$LIB_DIR/pvdifyd.jar.new"
  mv -f "$LIB_DIR/pvdifyd.jar.new" "$LIB_DIR/pvdifyd.jar"
fi
start_service pvdifyd "$daemon_fp" \
  "$java_bin" -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED -jar "$LIB_DIR/pvdifyd.jar" \
  "${pvdifyd_args[@]}"
wait_healthy pvdifyd 180 curl -fsS --max-time 3 "$API_URL/health"

# 4. The dashboard: its jar needs the lib/ folder beside it.
port_free 9444 admin
admin_fp="$(fingerprint "$ADMIN_JAR" "$ROOT"/admin-ui/target/lib/*.jar "$java_bin")"
if [ "$admin_fp" != "$(cat "$RUN_DIR/admin.fingerprint" 2> /dev/null)" ] || [ ! -f "$LIB_DIR/admin/pvdify-admin.jar" ]; then
  stop_service admin
  rm -rf "$LIB_DIR/admin.new"
  mkdir -p "$LIB_DIR/admin.new"
  cp -r "$ADMIN_JAR" "$ROOT/admin-ui/target/lib" "$LIB_DIR/admin.new/"
  rm -rf "$LIB_DIR/admin"
  mv "$LIB_DIR/admin.new" "$LIB_DIR/admin"
fi
# The launcher is copied too: the dashboard's user may not be able to read this checkout.
install -m 755 "$ROOT/admin-ui/bin/pvdify-admin" "$LIB_DIR/admin/pvdify-admin"
# shellcheck disable=SC2046 # as_user prints words
start_service admin "$admin_fp-$ADMIN_USER" $(as_user "$ADMIN_USER") env HOME=/nonexistent JAVA_HOME="$JAVA_HOME" \
  PVDIFY_ADMIN_JAR="$LIB_DIR/admin/pvdify-admin.jar" \
  "$LIB_DIR/admin/pvdify-admin" --host 127.0.0.1 --port 9444 --api-url "$API_URL"
wait_healthy admin 180 curl -fsS --max-time 3 -o /dev/null "$ADMIN_URL/login"

# --- the CLI on PATH: `pvdify apps` works with no flags (it reads /var/lib/pvdify/admin-token) ------------

CLI_LAUNCHER="$ROOT/pvdify-cli/bin/pvdify"
if [ -x "$CLI_LAUNCHER" ]; then
  if [ -e /usr/local/bin/pvdify ] && [ ! -L /usr/local/bin/pvdify ]; then
    say "warning: /usr/local/bin/pvdify exists and is not ours; leaving it (the CLI is $CLI_LAUNCHER)"
  else
    ln -sfn "$CLI_LAUNCHER" /usr/local/bin/pvdify
  fi
else
  say "warning: no $CLI_LAUNCHER in this checkout; the pvdify command is not installed"
fi

# --- summary ---------------------------------------------------------------------------------------------

scheme=https app_port=""
if [ "$TLS" = 0 ]; then
  scheme=http
  [ "$HTTP_PORT" = 80 ] || app_port=":$HTTP_PORT"
fi
echo
say "Pvdify is running (without systemd: dynos are supervised by pvdifyd through Podman)."
echo "  API        $API_URL  (also $scheme://api.$BASE_DOMAIN$app_port)"
echo "  Dashboard  $ADMIN_URL  (also $scheme://admin.$BASE_DOMAIN$app_port)"
echo "  Apps       $scheme://<app>.$BASE_DOMAIN$app_port"
echo "  CLI        pvdify (/usr/local/bin/pvdify -> $CLI_LAUNCHER)"
echo "  Logs       $LOG_DIR/{podman,caddy,pvdifyd,admin}.log    Data  $DATA_DIR"
echo "  Stop       bash $ROOT/scripts/setup.sh --stop"
if [ ! -e "$TOKEN_SHOWN" ]; then
  if [ -s "$TOKEN_FILE" ]; then
    echo
    echo "Admin token (shown once; kept in $TOKEN_FILE, readable by root only):"
    echo
    echo "    $(cat "$TOKEN_FILE")"
    echo
    echo "The pvdify command reads that file: try 'pvdify apps'. Sign in to the dashboard with the token."
    : > "$TOKEN_SHOWN"
    chmod 600 "$TOKEN_SHOWN"
  else
    say "warning: no admin token at $TOKEN_FILE (see $LOG_DIR/pvdifyd.log)"
  fi
else
  echo "  Token      $TOKEN_FILE (root only)"
fi
