#!/usr/bin/env bash
# Removes Pvdify's control plane from this host.
#
#   packaging/uninstall.sh            stop and remove pvdifyd, the dashboard, the CLI; KEEP the apps running,
#                                     their units, data (/var/lib/pvdify) and config (/etc/pvdify)
#   packaging/uninstall.sh --purge    also stop and remove every dyno (unit, container, env file), the data,
#                                     the config and the Caddy config install.sh put there
#
# Kept without --purge, because apps must come back after a reboot: pvdify.target (starts the dynos),
# pvdify-env.service and the pvdifyd launcher + jar it runs (`pvdifyd --write-env-files` decrypts the dynos'
# env files onto tmpfs at boot). Running install.sh again brings everything else back.
set -euo pipefail

LIB_DIR=/usr/local/lib/pvdify
BIN_DIR=/usr/local/bin
UNIT_DIR=/etc/systemd/system
CONF_DIR=/etc/pvdify
STATE_DIR=/var/lib/pvdify
RUN_DIR=/run/pvdify
CADDYFILE=/etc/caddy/Caddyfile

PURGE=0
case "${1:-}" in
  "") ;;
  --purge) PURGE=1 ;;
  -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  *) echo "uninstall: unknown option '$1'" >&2; exit 2 ;;
esac
[ "$#" -le 1 ] || { echo "uninstall: one option at most" >&2; exit 2; }

say() { echo "uninstall: $*"; }
[ "$(id -u)" = 0 ] || { echo "uninstall: run as root" >&2; exit 1; }
[ -d /run/systemd/system ] || { echo "uninstall: systemd is not running as PID 1 here" >&2; exit 1; }

# remove_unit NAME: stop, disable and delete one unit file of ours (no error when absent).
remove_unit() {
  systemctl disable --now --quiet "$1" 2> /dev/null || true
  if [ -e "$UNIT_DIR/$1" ]; then
    rm -f "$UNIT_DIR/$1"
    say "removed $UNIT_DIR/$1"
  fi
}

remove_unit pvdify-admin.service
remove_unit pvdifyd.service
rm -f "$BIN_DIR/pvdify" "$BIN_DIR/pvdify-admin" "$LIB_DIR/pvdify.jar" "$LIB_DIR/pvdify.aot" "$LIB_DIR/pvdify.jdk" "$LIB_DIR/pvdify-admin.jar"
rm -rf "${LIB_DIR:?}/lib"
rm -rf /usr/lib/pvdify

if [ "$PURGE" = 0 ]; then
  systemctl daemon-reload
  systemctl reset-failed pvdifyd.service pvdify-admin.service 2> /dev/null || true
  say "removed pvdifyd, pvdify-admin and the CLI; apps keep running (pvdify.target)"
  say "kept: $STATE_DIR, $CONF_DIR, dyno units, pvdify.target, pvdify-env.service, $BIN_DIR/pvdifyd (boot needs them)"
  say "remove everything with: $0 --purge"
  exit 0
fi

# --- purge: every dyno, then the rest ---------------------------------------------------------------------

# Dyno units are the ones pvdify.target wants (plus any pvdify-* unit file left behind by a crash).
mapfile -t dynos < <(
  {
    systemctl list-dependencies --plain --no-legend pvdify.target 2> /dev/null | sed 's/^[^a-zA-Z0-9]*//'
    find "$UNIT_DIR" -maxdepth 1 -name 'pvdify-*.service' -printf '%f\n' 2> /dev/null
  } | awk '$1 ~ /^pvdify-.*\.service$/ && $1 != "pvdify-env.service" && $1 != "pvdify-admin.service" {print $1}' \
    | sort -u
)
systemctl stop pvdify.target 2> /dev/null || true
for unit in "${dynos[@]}"; do
  remove_unit "$unit"
  rm -rf "${UNIT_DIR:?}/$unit.d"
done
remove_unit pvdify-env.service
remove_unit pvdify.target
rm -rf "$UNIT_DIR/pvdify.target.wants"
# The operator's drop-ins of our units (kept by a plain uninstall, so a reinstall keeps them).
for unit in pvdifyd.service pvdify-admin.service pvdify-env.service pvdify.target; do
  rm -rf "${UNIT_DIR:?}/$unit.d"
done

# Containers of dynos (whatever supervisor ran them): labelled or named by Pvdify.
if command -v podman > /dev/null; then
  mapfile -t containers < <(
    podman ps -a --format json 2> /dev/null | jq -r '.[]
      | select(((.Labels // {}) | keys | any(startswith("pvdify"))) or any(.Names[]?; startswith("pvdify-")))
      | .Id' 2> /dev/null
  )
  for id in "${containers[@]}"; do
    podman rm -f --time 10 "$id" > /dev/null 2>&1 && say "removed container ${id:0:12}"
  done
fi

# Caddy: put back the operator's own config if install.sh replaced one; otherwise drop ours.
if [ -e "$CADDYFILE.before-pvdify" ]; then
  mv -f "$CADDYFILE.before-pvdify" "$CADDYFILE"
  say "restored your previous $CADDYFILE"
  systemctl try-restart caddy.service 2> /dev/null || true
elif [ -e "$CONF_DIR/caddyfile-installed" ] && [ -f "$CADDYFILE" ]; then
  rm -f "$CADDYFILE"
  systemctl disable --now --quiet caddy.service 2> /dev/null || true
  say "removed Pvdify's $CADDYFILE and stopped caddy"
fi

rm -f "$BIN_DIR/pvdifyd"
rm -rf "$LIB_DIR" "$RUN_DIR" "$STATE_DIR" "$CONF_DIR"
say "removed $LIB_DIR $RUN_DIR $STATE_DIR $CONF_DIR"

systemctl daemon-reload
systemctl reset-failed 2> /dev/null || true
say "purged"
