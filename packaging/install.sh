#!/usr/bin/env bash
# Installs Pvdify from this checkout's built jars onto a systemd host, enables and starts it.
# Idempotent: run it again after a rebuild to upgrade; pvdifyd (and the dashboard) restart only when their
# files changed; data (/var/lib/pvdify), config (/etc/pvdify) and running apps are kept.
#
#   packaging/install.sh [--with-caddy] [--caddyfile FILE] [--config FILE] [--api-url URL] [--no-start]
#
#   --with-caddy      also install a Caddy config to /etc/caddy/Caddyfile (made by packaging/caddyfile.sh
#                     from Caddyfile.example, unless --caddyfile) and enable + (re)start caddy.service
#   --caddyfile FILE  the Caddy config to install (implies --with-caddy)
#   --config FILE     the pvdifyd.yaml to install when /etc/pvdify/pvdifyd.yaml is absent (default: a
#                     commented template); an existing config is never overwritten
#   --api-url URL     where the installed pvdifyd answers, for the health wait (default http://127.0.0.1:9443)
#   --no-start        install and enable, start nothing
#
# Settings (environment; remembered in /etc/pvdify/setup.env, the same file and defaults as without systemd):
#   PVDIFY_BASE_DOMAIN  apps answer at <app>.<base-domain>; default pvdify.localhost over plain HTTP (every
#                       *.localhost name is loopback); a real domain gets HTTPS (see packaging/caddyfile.sh).
#                       pvdifyd.service reads it from setup.env, so daemon and Caddy always agree.
#   PVDIFY_HTTP_PORT    Caddy's HTTP port for a local base domain (default 80)
#   PVDIFY_CADDY_ADMIN_URL  where pvdifyd reaches Caddy's admin API; the generated Caddyfile listens there
#
# Files: /usr/local/lib/pvdify/*.jar, /usr/local/bin/{pvdifyd,pvdify,pvdify-admin},
# /etc/systemd/system/{pvdifyd.service,pvdify-admin.service,pvdify-env.service,pvdify.target},
# /etc/pvdify/pvdifyd.yaml, /etc/pvdify/setup.env, /usr/lib/pvdify/pvdify-env-shim. The admin token is printed once, on the first install.
set -euo pipefail

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=packaging/jvm-options.sh
source "$SRC/packaging/jvm-options.sh"
LIB_DIR=/usr/local/lib/pvdify
BIN_DIR=/usr/local/bin
UNIT_DIR=/etc/systemd/system
CONF_DIR=/etc/pvdify
STATE_DIR=/var/lib/pvdify
# pvdifyd writes the first admin token here (0600) for the local CLI; we print it once from there.
TOKEN_FILE="$STATE_DIR/admin-token"
TOKEN_SHOWN="$STATE_DIR/.install-token-shown"
CADDYFILE=/etc/caddy/Caddyfile

WITH_CADDY=0
CADDY_SRC=""
CONFIG_SRC=""
API_URL="http://127.0.0.1:9443"
START=1

die() { echo "install: $*" >&2; exit 1; }
say() { echo "install: $*"; }
usage() { sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --with-caddy) WITH_CADDY=1 ;;
    --caddyfile) [ $# -ge 2 ] || usage; CADDY_SRC="$2"; WITH_CADDY=1; shift ;;
    --config) [ $# -ge 2 ] || usage; CONFIG_SRC="$2"; shift ;;
    --api-url) [ $# -ge 2 ] || usage; API_URL="${2%/}"; shift ;;
    --no-start) START=0 ;;
    -h|--help) usage ;;
    *) echo "install: unknown option '$1'" >&2; usage ;;
  esac
  shift
done

[ "$(id -u)" = 0 ] || die "run as root (it writes /usr/local, /etc and systemd units)"
[ -d /run/systemd/system ] || die "systemd is not running as PID 1 here; Pvdify's packaging needs a systemd host"

# --- what to install -------------------------------------------------------------------------------------

DAEMON_JAR="$SRC/pvdifyd/target/pvdifyd.jar"
CLI_JAR="$SRC/pvdify-cli/target/pvdify.jar"
ADMIN_JAR="$SRC/admin-ui/target/pvdify-admin.jar"
[ -f "$DAEMON_JAR" ] || die "missing $DAEMON_JAR: build first (mvn -B -o install -DskipTests)"
[ -f "$CLI_JAR" ] || die "missing $CLI_JAR: build first (mvn -B -o install -DskipTests)"
WITH_ADMIN=1
if [ ! -f "$ADMIN_JAR" ]; then
  say "warning: no $ADMIN_JAR; the dashboard (pvdify-admin) is not installed"
  WITH_ADMIN=0
fi
if [ "$WITH_CADDY" = 1 ]; then
  [ -z "$CADDY_SRC" ] || [ -f "$CADDY_SRC" ] || die "no Caddy config at $CADDY_SRC"
  command -v caddy > /dev/null || die "--with-caddy: caddy is not installed (apt-get install caddy)"
fi

# The base domain and Caddy's HTTP port: the environment, else what the last set-up recorded, else
# pvdify.localhost on port 80 - the same rule as scripts/lib/run-without-systemd.sh. An install from before
# setup.env kept its domain in pvdifyd.yaml (base_domain:): an upgrade keeps serving that one.
SETTINGS="$CONF_DIR/setup.env"
saved_base="" saved_port=""
if [ -r "$SETTINGS" ]; then
  saved_base="$(sed -n 's/^PVDIFY_BASE_DOMAIN=//p' "$SETTINGS")"
  saved_port="$(sed -n 's/^PVDIFY_HTTP_PORT=//p' "$SETTINGS")"
elif [ -r "$CONF_DIR/pvdifyd.yaml" ]; then
  saved_base="$(sed -n 's/^base_domain:[[:space:]]*"\{0,1\}\([a-z0-9.-]*\).*$/\1/p' "$CONF_DIR/pvdifyd.yaml" | tail -n 1)"
fi
BASE_DOMAIN="${PVDIFY_BASE_DOMAIN:-${saved_base:-pvdify.localhost}}"
HTTP_PORT="${PVDIFY_HTTP_PORT:-${saved_port:-80}}"
[[ "$BASE_DOMAIN" =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ ]] || die "PVDIFY_BASE_DOMAIN must be a host name: $BASE_DOMAIN"
if ! [[ "$HTTP_PORT" =~ ^[0-9]{1,5}$ ]] || [ "$HTTP_PORT" -lt 1 ] || [ "$HTTP_PORT" -gt 65535 ]; then
  die "PVDIFY_HTTP_PORT must be a port number: $HTTP_PORT"
fi
CADDY_ADMIN="${PVDIFY_CADDY_ADMIN_URL:-}"
CADDY_ADMIN="${CADDY_ADMIN#http://}"
# unix:///PATH (pvdifyd's spelling) is unix//PATH in a Caddyfile
case "$CADDY_ADMIN" in unix://*) CADDY_ADMIN="unix/${CADDY_ADMIN#unix://}" ;; esac
CADDY_ADMIN="${CADDY_ADMIN%/}"
[ -z "$CONFIG_SRC" ] || [ -f "$CONFIG_SRC" ] || die "no config file at $CONFIG_SRC"

# A JDK >= 21, chosen now and written into the launchers, so starting a command never probes JDKs.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}
find_java() {
  local candidate major
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    major="$(java_major "$candidate")"
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
JAVA="$(find_java)" || die "no Java >= 21 (JAVA_HOME or /usr/lib/jvm/*); install one, e.g. openjdk-21-jre-headless"

# launcher JAR JVM-OPTIONS: the text of a /usr/local/bin launcher (PVDIFY_JAVA_OPTS adds options).
launcher() {
  cat <<EOF
#!/bin/sh
# Installed by Pvdify's packaging/install.sh; run it again to upgrade.
# shellcheck disable=SC2086 # PVDIFY_JAVA_OPTS is a list of options
exec "$JAVA" $2 \${PVDIFY_JAVA_OPTS:-} -jar "$LIB_DIR/$1" "\$@"
EOF
}

# --- copy only what changed ------------------------------------------------------------------------------

CHANGED_DAEMON=0
CHANGED_ADMIN=0
CHANGED_UNITS=0
CHANGED_CADDY=0

# put CONTENT-FILE DEST MODE: installs when different; returns 0 when it changed something.
put() {
  local src="$1" dest="$2" mode="$3" tmp
  if [ -f "$dest" ] && cmp -s "$src" "$dest"; then
    [ "$(stat -c %a "$dest")" = "$mode" ] || chmod "$mode" "$dest"
    return 1
  fi
  mkdir -p "$(dirname "$dest")"
  tmp="$(mktemp "$dest.pvdify-new.XXXXXX")"
  cp "$src" "$tmp"
  chmod "$mode" "$tmp"
  mv -f "$tmp" "$dest"
  say "installed $dest"
  return 0
}

# put_text DEST MODE < text
put_text() {
  local staged rc=0
  staged="$(mktemp "$WORK/text.XXXXXX")"
  cat > "$staged"
  put "$staged" "$1" "$2" || rc=$?
  return "$rc"
}

WORK="$(mktemp -d /run/pvdify-install.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

if put "$DAEMON_JAR" "$LIB_DIR/pvdifyd.jar" 644; then CHANGED_DAEMON=1; fi
# pvdifyd.service reads the base domain from here (EnvironmentFile), so a new domain restarts it.
mkdir -p "$CONF_DIR"
chmod 700 "$CONF_DIR"
if printf 'PVDIFY_BASE_DOMAIN=%s\nPVDIFY_HTTP_PORT=%s\n' "$BASE_DOMAIN" "$HTTP_PORT" | put_text "$SETTINGS" 600; then
  CHANGED_DAEMON=1
fi
if launcher pvdifyd.jar "$PVDIFYD_JVM_OPTIONS" \
    | put_text "$BIN_DIR/pvdifyd" 755; then CHANGED_DAEMON=1; fi
# The CLI's own launcher finds ../lib/pvdify/pvdify.jar and the start-up (AOT) cache the build made beside it.
put "$CLI_JAR" "$LIB_DIR/pvdify.jar" 644 || true
for extra in pvdify.aot pvdify.jdk; do
  if [ -f "$SRC/pvdify-cli/target/$extra" ]; then
    put "$SRC/pvdify-cli/target/$extra" "$LIB_DIR/$extra" 644 || true
  fi
done
put "$SRC/pvdify-cli/bin/pvdify" "$BIN_DIR/pvdify" 755 || true
if [ "$WITH_ADMIN" = 1 ]; then
  if put "$ADMIN_JAR" "$LIB_DIR/pvdify-admin.jar" 644; then CHANGED_ADMIN=1; fi
  # The dashboard's jar is thin: its manifest's Class-Path names lib/*.jar beside it (admin-ui/target/lib).
  for dep in "$SRC"/admin-ui/target/lib/*.jar; do
    [ -f "$dep" ] || continue
    if put "$dep" "$LIB_DIR/lib/${dep##*/}" 644; then CHANGED_ADMIN=1; fi
  done
  for dep in "$LIB_DIR"/lib/*.jar; do
    [ -f "$dep" ] || continue
    if [ ! -f "$SRC/admin-ui/target/lib/${dep##*/}" ]; then
      rm -f "$dep"
      say "removed $dep (no longer used)"
      CHANGED_ADMIN=1
    fi
  done
  if launcher pvdify-admin.jar "$PVDIFY_ADMIN_JVM_OPTIONS" | put_text "$BIN_DIR/pvdify-admin" 755; then
    CHANGED_ADMIN=1
  fi
fi

# The env shim every dyno runs as its entrypoint (config values never pass through Podman): a static binary.
bash "$SRC/packaging/env-shim/build.sh" "$WORK/pvdify-env-shim" > /dev/null
put "$WORK/pvdify-env-shim" /usr/lib/pvdify/pvdify-env-shim 755 || true

for unit in pvdify.target pvdify-env.service pvdifyd.service; do
  if put "$SRC/packaging/systemd/$unit" "$UNIT_DIR/$unit" 644; then
    CHANGED_UNITS=1
    [ "$unit" = pvdifyd.service ] && CHANGED_DAEMON=1
  fi
done
if [ "$WITH_ADMIN" = 1 ] && put "$SRC/packaging/systemd/pvdify-admin.service" "$UNIT_DIR/pvdify-admin.service" 644; then
  CHANGED_UNITS=1
  CHANGED_ADMIN=1
fi

# Config: the operator's once it exists.
mkdir -p "$CONF_DIR"
chmod 700 "$CONF_DIR"
if [ ! -e "$CONF_DIR/pvdifyd.yaml" ]; then
  put "${CONFIG_SRC:-$SRC/packaging/pvdifyd.yaml}" "$CONF_DIR/pvdifyd.yaml" 600 || true
fi

if [ "$WITH_CADDY" = 1 ]; then
  if [ -z "$CADDY_SRC" ]; then
    CADDY_SRC="$WORK/Caddyfile"
    bash "$SRC/packaging/caddyfile.sh" --base-domain "$BASE_DOMAIN" --http-port "$HTTP_PORT" \
      ${CADDY_ADMIN:+--admin "$CADDY_ADMIN"} --example "$SRC/Caddyfile.example" > "$CADDY_SRC"
    caddy validate --config "$CADDY_SRC" --adapter caddyfile > "$WORK/caddy-validate.log" 2>&1 ||
      die "the generated Caddy config does not validate: $(tail -n 3 "$WORK/caddy-validate.log")"
  fi
  # Keep the operator's own Caddyfile once, beside it.
  if [ -f "$CADDYFILE" ] && [ ! -e "$CADDYFILE.before-pvdify" ] && ! cmp -s "$CADDY_SRC" "$CADDYFILE"; then
    cp -p "$CADDYFILE" "$CADDYFILE.before-pvdify"
    say "kept your previous Caddy config as $CADDYFILE.before-pvdify"
  fi
  if put "$CADDY_SRC" "$CADDYFILE" 644; then CHANGED_CADDY=1; fi
  # uninstall --purge removes (or restores) only a Caddyfile that we installed.
  : > "$CONF_DIR/caddyfile-installed"
fi

[ "$CHANGED_UNITS" = 0 ] || systemctl daemon-reload

# --- enable and start ------------------------------------------------------------------------------------

ENABLE=(pvdify.target pvdifyd.service)
[ "$WITH_ADMIN" = 1 ] && ENABLE+=(pvdify-admin.service)
systemctl enable --quiet "${ENABLE[@]}"
# pvdifyd talks to Podman's API socket; socket activation starts the service on demand.
systemctl enable --quiet podman.socket 2> /dev/null || say "warning: could not enable podman.socket"
[ "$WITH_CADDY" = 1 ] && systemctl enable --quiet caddy.service

if [ "$START" = 0 ]; then
  say "installed (not started: --no-start)"
  exit 0
fi

systemctl start podman.socket 2> /dev/null || true
if [ "$WITH_CADDY" = 1 ]; then
  if [ "$CHANGED_CADDY" = 1 ] && systemctl is-active --quiet caddy.service; then
    systemctl restart caddy.service
  else
    systemctl start caddy.service
  fi
fi

# start_or_restart UNIT CHANGED
start_or_restart() {
  if ! systemctl is-active --quiet "$1"; then
    say "starting $1"
    systemctl start "$1"
  elif [ "$2" = 1 ]; then
    say "restarting $1 (its files changed)"
    systemctl restart "$1"
  fi
}
# Existing dynos keep running: pvdify.target only starts what is not running yet.
systemctl start pvdify.target
start_or_restart pvdifyd.service "$CHANGED_DAEMON"
[ "$WITH_ADMIN" = 1 ] && start_or_restart pvdify-admin.service "$CHANGED_ADMIN"

# systemctl start returns when pvdifyd sent READY=1; the health check proves the API answers.
healthy=0
for _ in $(seq 1 120); do
  if curl -fsS --max-time 5 "$API_URL/health" > /dev/null 2>&1; then
    healthy=1
    break
  fi
  sleep 1
done
if [ "$healthy" = 0 ]; then
  systemctl --no-pager status pvdifyd.service >&2 || true
  die "pvdifyd did not answer $API_URL/health within 120 s (journalctl -u pvdifyd)"
fi
say "pvdifyd is up at $API_URL"
if [ "$WITH_CADDY" = 1 ]; then
  case "$BASE_DOMAIN" in
    localhost | *.localhost | *.local | *.test)
      say "apps answer at http://<app>.$BASE_DOMAIN$([ "$HTTP_PORT" = 80 ] || echo ":$HTTP_PORT")/" ;;
    *) say "apps answer at https://<app>.$BASE_DOMAIN/" ;;
  esac
fi

# The admin token: once, on the first install; afterwards it is only in $TOKEN_FILE (root, 0600).
if [ ! -e "$TOKEN_SHOWN" ]; then
  if [ -s "$TOKEN_FILE" ]; then
    echo
    echo "Admin token (shown once; also in $TOKEN_FILE, readable by root only):"
    echo
    echo "    $(cat "$TOKEN_FILE")"
    echo
    echo "Use it: export PVDIFY_API_URL=$API_URL PVDIFY_TOKEN=<the token above>; pvdify apps"
    : > "$TOKEN_SHOWN"
    chmod 600 "$TOKEN_SHOWN"
  else
    say "warning: no admin token at $TOKEN_FILE (pvdifyd writes it at its first start; see journalctl -u pvdifyd)"
  fi
fi
say "done"
