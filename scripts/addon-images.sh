#!/usr/bin/env bash
# Builds the add-on test images from Debian's own packages (no registry is reachable), idempotently:
#   localhost/pvdify-test/postgres:15  postgresql-15, with an entrypoint like the official postgres image's
#                                      (POSTGRES_PASSWORD/USER/DB, initdb of /var/lib/postgresql/data)
#   localhost/pvdify-test/redis:7      redis-server 7.0 (+ redis-cli), entrypoint like the official redis image's
# mmdebstrap takes minutes, so each rootfs tarball is cached under $PVDIFY_IMAGE_CACHE (default
# /var/cache/pvdify/test-images), keyed by a hash of its package list and entrypoint; importing a cached tarball
# takes seconds. An image that already exists in the target Podman is skipped.
# Usage: addon-images.sh [PODMAN-COMMAND...]   (default: podman), as test-images.sh.
#        addon-images.sh --cache-only          builds the missing tarballs only (scripts/test.sh: the tests that
#                                              need the images import them into their own Podman)
# shellcheck disable=SC2016  # the hooks are single-quoted on purpose: $1 is the rootfs, expanded by mmdebstrap
set -euo pipefail

CACHE_ONLY=false
if [ "${1:-}" = "--cache-only" ]; then CACHE_ONLY=true; shift; fi
if [ $# -gt 0 ]; then PODMAN=("$@"); else PODMAN=(podman); fi
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${PVDIFY_IMAGE_CACHE:-/var/cache/pvdify/test-images}"
SUITE=bookworm
mkdir -p "$CACHE"

if ! command -v mmdebstrap > /dev/null; then
  echo "addon-images: need mmdebstrap (apt-get install mmdebstrap)" >&2
  exit 1
fi

# image REF PACKAGES ENTRYPOINT-FILE CMD-JSON ENV...
image() {
  local ref="$1" packages="$2" entry="$3" cmd="$4" key tarball changes=()
  shift 4
  if ! $CACHE_ONLY && "${PODMAN[@]}" image exists "$ref" 2>/dev/null; then
    echo "addon-images: $ref exists"
    return
  fi
  key="$(cat "$HERE/addon-images/$entry" <(echo "$SUITE $packages $cmd $*") | sha256sum | cut -c1-16)"
  tarball="$CACHE/${ref##*/}-$key.tar"
  tarball="${tarball//:/-}"
  if [ ! -s "$tarball" ]; then
    echo "addon-images: building the $ref rootfs with mmdebstrap (minutes; cached in $CACHE)"
    rm -f "${tarball%-*}"-*.tar "${tarball%-*}"-*.tar.part # older builds of this image (another key)
    # No docs, man pages or locales but C: the image is ~3x smaller; the postinst's default cluster goes too
    # (the entrypoint makes its own in the data volume).
    mmdebstrap --quiet --format=tar --variant=minbase --include="$packages" \
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
      --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
      --customize-hook='rm -rf "$1"/var/lib/postgresql/15 "$1"/etc/postgresql/15 "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
      --customize-hook="cp '$HERE/addon-images/$entry' \"\$1\"/usr/local/bin/docker-entrypoint.sh" \
      "$SUITE" "$tarball.part"
    mv "$tarball.part" "$tarball"
  fi
  if $CACHE_ONLY; then
    echo "addon-images: $tarball cached"
    return
  fi
  for e in "$@"; do changes+=(--change "ENV $e"); done
  "${PODMAN[@]}" import --quiet "${changes[@]}" \
    --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' --change "CMD $cmd" - "$ref" < "$tarball" > /dev/null
  echo "addon-images: imported $ref"
}

image localhost/pvdify-test/postgres:15 postgresql-15 postgres-entrypoint.sh '["postgres"]' \
  PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
  PGDATA=/var/lib/postgresql/data
image localhost/pvdify-test/redis:7 redis-server,redis-tools redis-entrypoint.sh '["redis-server"]' \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
