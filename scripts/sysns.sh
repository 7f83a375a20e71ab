#!/usr/bin/env bash
# Boots a real systemd as PID 1 of a private PID+mount namespace (HOST-NOTES.md "systemd"), for tests on
# machines whose PID 1 is not systemd. The host keeps its network namespace: ports on 127.0.0.1 are shared.
#
#   sysns.sh start NAME   boot (or boot again after halt); prints the namespace's systemd PID
#   sysns.sh exec NAME CMD...  run CMD inside (nsenter -t PID -m -p), exit code passed through
#   sysns.sh pid NAME     print the PID (exit 1 when not running)
#   sysns.sh root NAME    print /proc/PID/root: the namespace's file system seen from the host
#   sysns.sh halt NAME    power off, keep the state (units, enablement, podman storage) for the next start
#   sysns.sh stop NAME    power off and remove every trace (state, pidfile, logs)
#
# State lives in /run/pvdify-sysns/NAME/ (never /tmp: a namespace systemd's tmpfiles would wipe it):
# state/etc-systemd is bound on /etc/systemd/system and state/containers on /var/lib/containers inside,
# so unit files, their enablement and podman images survive a halt + start like a host reboot.
set -euo pipefail

BASE=/run/pvdify-sysns
MASKS=(
  systemd-tmpfiles-setup.service systemd-tmpfiles-setup-dev.service
  systemd-tmpfiles-clean.service systemd-tmpfiles-clean.timer
  systemd-remount-fs.service systemd-sysctl.service systemd-modules-load.service
  systemd-udevd.service systemd-udev-trigger.service systemd-udev-settle.service
  systemd-random-seed.service systemd-binfmt.service systemd-firstboot.service
  systemd-machine-id-commit.service systemd-fsck-root.service
  local-fs.target swap.target getty.target console-getty.service
)

die() { echo "sysns: $*" >&2; exit 1; }

check_name() {
  [[ "${1:-}" =~ ^[a-z][a-z0-9-]{0,30}$ ]] || die "bad namespace name '${1:-}' (want ^[a-z][a-z0-9-]{0,30}$)"
}

pid_of() {
  local file="$BASE/$1.pid" pid
  [ -f "$file" ] || return 1
  pid="$(cat "$file")"
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  # Guard against PID reuse: the process must be a systemd.
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "systemd" ] || return 1
  echo "$pid"
}

# Runs inside the new namespaces (as their PID 1 before exec): private mounts, then systemd.
boot_inside() {
  local name="$1" state="$2" unit
  mount --make-rprivate /
  mount --bind "$state/etc-systemd" /etc/systemd/system
  mkdir -p /var/lib/containers
  mount --bind "$state/containers" /var/lib/containers
  mount -t tmpfs -o mode=755 tmpfs /run
  mount -t tmpfs -o mode=1777 tmpfs /tmp
  mount -t tmpfs -o mode=1777 tmpfs /var/tmp
  if [ -d /var/log/journal ]; then
    mount -t tmpfs -o mode=2755 tmpfs /var/log/journal
  fi
  mkdir -p /run/systemd/system
  for unit in "${MASKS[@]}"; do
    ln -sf /dev/null "/run/systemd/system/$unit"
  done
  printf '[Unit]\nDescription=pvdify test namespace (empty)\n' > /run/systemd/system/pvdify-sysns.target
  export container="pvdify-$name"
  exec /lib/systemd/systemd --system --unit=pvdify-sysns.target
}

cmd_start() {
  local name="$1" dir="$BASE/$1" state state_now unshare_pid pid=""
  if pid="$(pid_of "$name")"; then
    die "namespace '$name' is already running (pid $pid)"
  fi
  state="$dir/state"
  mkdir -p "$state/etc-systemd" "$state/containers"
  chmod 700 "$dir"
  setsid unshare --pid --fork --mount --mount-proc --propagation private \
    "$0" __boot "$name" "$state" > "$dir/console.log" 2>&1 < /dev/null &
  unshare_pid=$!
  echo "$unshare_pid" > "$BASE/$name.unshare.pid"
  for _ in $(seq 1 200); do
    pid="$(awk '{print $1}' "/proc/$unshare_pid/task/$unshare_pid/children" 2>/dev/null)" || true
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "systemd" ]; then
      break
    fi
    pid=""
    [ -d "/proc/$unshare_pid" ] || break
    sleep 0.1
  done
  [ -n "$pid" ] || { cat "$dir/console.log" >&2; die "systemd did not start in namespace '$name'"; }
  echo "$pid" > "$BASE/$name.pid"
  # degraded (exit 1) is fine here: masked units are reported as failed by some systemd versions.
  for _ in $(seq 1 120); do
    if timeout 60 nsenter -t "$pid" -m -p systemctl is-system-running --wait > /dev/null 2>&1; then
      break
    fi
    state_now="$(nsenter -t "$pid" -m -p systemctl is-system-running 2>/dev/null || true)"
    case "$state_now" in running|degraded) break ;; esac
    [ -d "/proc/$pid" ] || { cat "$dir/console.log" >&2; die "systemd in '$name' exited during boot"; }
    sleep 0.5
  done
  echo "$pid"
}

cmd_halt() {
  local name="$1" pid unshare_pid
  if pid="$(pid_of "$name")"; then
    nsenter -t "$pid" -m -p systemctl --no-block poweroff > /dev/null 2>&1 || true
    for _ in $(seq 1 600); do
      [ -d "/proc/$pid" ] || break
      sleep 0.1
    done
    if [ -d "/proc/$pid" ]; then
      echo "sysns: '$name' did not power off in 60 s; killing its PID 1" >&2
      kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    fi
  fi
  if [ -f "$BASE/$name.unshare.pid" ]; then
    unshare_pid="$(cat "$BASE/$name.unshare.pid")"
    # unshare exits with its child; only wait for it, never signal a recycled PID.
    for _ in $(seq 1 100); do
      if [ "$(cat "/proc/$unshare_pid/comm" 2>/dev/null)" != "unshare" ]; then break; fi
      sleep 0.1
    done
  fi
  rm -f "$BASE/$name.pid" "$BASE/$name.unshare.pid"
}

cmd_stop() {
  local name="$1"
  cmd_halt "$name"
  rm -rf "${BASE:?}/${name:?}"
  rmdir "$BASE" 2>/dev/null || true
}

main() {
  [ "$(id -u)" = 0 ] || die "needs root (namespaces, mounts)"
  local cmd="${1:-}" name="${2:-}"
  case "$cmd" in
    __boot) boot_inside "$2" "$3" ;;
    start) check_name "$name"; mkdir -p "$BASE"; cmd_start "$name" ;;
    exec)
      check_name "$name"; shift 2
      [ $# -gt 0 ] || die "usage: sysns.sh exec NAME CMD..."
      local pid; pid="$(pid_of "$name")" || die "namespace '$name' is not running"
      exec nsenter -t "$pid" -m -p "$@" ;;
    pid) check_name "$name"; pid_of "$name" ;;
    root) check_name "$name"; local pid; pid="$(pid_of "$name")" || die "namespace '$name' is not running"
      echo "/proc/$pid/root" ;;
    halt) check_name "$name"; cmd_halt "$name" ;;
    stop) check_name "$name"; cmd_stop "$name" ;;
    *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
}

main "$@"
