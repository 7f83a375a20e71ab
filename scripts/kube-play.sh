#!/usr/bin/env bash
# Plays Kubernetes YAML with `podman kube play`, keeps it running until standard input closes, then takes it
# down (pods and the secret it made). KubePlayIT runs an exported app with it (issue 15).
#
#   kube-play.sh STATE_DIR YAML SECRET_NAME SECRET_JSON -- podman [--root ... --runroot ...]
#
# SECRET_NAME/SECRET_JSON (or - -): a Podman secret made before the play, in the form Podman 4.3's envFrom
# secretRef reads ({"KEY": "base64", ...}); 4.3 stores a played Secret document as YAML and then cannot read it.
#
# It runs in a private mount namespace: this sandbox mounts cgroup v1 without hierarchies that /proc/self/cgroup
# lists (net_cls,net_prio, perf_event, hugetlb), and Podman 4.3 creates a pod's cgroup in every listed one
# ("creating cgroup path for net_cls: ... read-only file system"). Inside the namespace the missing hierarchies are
# mounted beside bind mounts of the host's; the host's mounts stay as they are. Every podman command of the play
# runs in this one namespace (a pod's network namespace is a mount that only it sees).
set -euo pipefail

if [ "${1:-}" != --inside ]; then
  exec unshare --mount --propagation private "$0" --inside "$@"
fi
shift
if [ "$#" -lt 6 ] || [ "$5" != -- ]; then
  echo "usage: kube-play.sh STATE_DIR YAML SECRET_NAME SECRET_JSON -- podman ..." >&2
  exit 2
fi
state=$1 yaml=$2 secret=$3 secret_json=$4
shift 5
podman=("$@")

fix_cgroups() {
  local missing=() ctrls part old entry
  while IFS=: read -r _ ctrls _; do
    ctrls=${ctrls#name=}
    [ -n "$ctrls" ] || continue # the cgroup v2 line
    # a folder or link of that name is not enough: it must be a mounted hierarchy
    mountpoint -q "$(readlink -f "/sys/fs/cgroup/$ctrls")" 2>/dev/null || missing+=("$ctrls")
  done </proc/self/cgroup
  [ "${#missing[@]}" -gt 0 ] || return 0
  old="$state/cgroup-host"
  mkdir -p "$old"
  mount --rbind /sys/fs/cgroup "$old"
  mount -t tmpfs -o mode=755 tmpfs /sys/fs/cgroup
  for entry in "$old"/*; do
    if [ -L "$entry" ]; then
      cp -P "$entry" /sys/fs/cgroup/
    else
      mkdir -p "/sys/fs/cgroup/${entry##*/}"
      if mountpoint -q "$entry"; then
        mount --rbind "$entry" "/sys/fs/cgroup/${entry##*/}"
      fi
    fi
  done
  for ctrls in "${missing[@]}"; do
    mkdir -p "/sys/fs/cgroup/$ctrls"
    # a hierarchy the kernel will not mount here stays a plain folder: Podman only creates directories in it
    mount -t cgroup -o "$ctrls" cgroup "/sys/fs/cgroup/$ctrls" 2>/dev/null || true
    for part in ${ctrls//,/ }; do
      [ -e "/sys/fs/cgroup/$part" ] || ln -s "$ctrls" "/sys/fs/cgroup/$part"
    done
  done
}

down() {
  "${podman[@]}" kube down "$yaml" >/dev/null 2>&1 || true
  if [ "$secret" != - ]; then
    "${podman[@]}" secret rm "$secret" >/dev/null 2>&1 || true
  fi
  echo "down"
}

fix_cgroups
trap down EXIT
if [ "$secret" != - ]; then
  "${podman[@]}" secret create "$secret" "$secret_json" >/dev/null
fi
"${podman[@]}" kube play "$yaml"
echo "pods: $("${podman[@]}" pod ps --format '{{.Name}}' | sort | tr '\n' ' ')"
# what Podman made of each container: its memory limit and its healthcheck (from a liveness probe)
"${podman[@]}" ps -a --format '{{.Names}}' | sort | while read -r c; do
  echo "container: $c $("${podman[@]}" inspect --format \
    'memory={{.HostConfig.Memory}} healthcheck={{if .Config.Healthcheck}}{{.Config.Healthcheck.Test}}{{end}}' "$c")"
done
echo "played"
cat >/dev/null # until the caller closes standard input (or dies)
