#!/usr/bin/env bash
# shellcheck disable=SC2016  # the CMDs are single-quoted on purpose: $PORT and $i expand in the container
# Builds the tiny local test images (busybox-static rootfs, no registry needed), idempotently:
#   localhost/pvdify-test/web:1, :2  busybox httpd on $PORT; / shows "pvdify-test web v1|v2";
#                                    /cgi-bin/env?NAME prints exactly the value of env var NAME
#   localhost/pvdify-test/crash      prints a line and exits 3 at once
#   localhost/pvdify-test/unhealthy  runs but listens on nothing
#   localhost/pvdify-test/worker     prints "worker tick N" every second
#   localhost/pvdify-test/ghcommands prints GitHub Actions workflow commands (::stop-commands::..., one hidden
#                                    behind a carriage return) and exits 3: for the gh extension's output tests
#   localhost/pvdify-test/hang       web:1 plus /cgi-bin/live ("alive") and /cgi-bin/hang: after a GET of
#                                    /cgi-bin/hang, /cgi-bin/live never answers (the process lives; a restart
#                                    of the container heals: it removes the flag as it starts)
#   localhost/pvdify-test/crashlater serves like web:1 for $CRASH_AFTER seconds (default 8), then exits 4
#   localhost/pvdify-test/hostile    web:1 plus the applets an attacker would use from inside a dyno (nc, wget,
#                                    id, grep): the isolation tests try to reach what a dyno must not
# Usage: test-images.sh [PODMAN-COMMAND...]   (default: podman), e.g.
#   test-images.sh podman --root "$PWD/target/podman-root" --runroot /run/pvdify-x/runroot
#   test-images.sh scripts/sysns.sh exec NAME podman
# Images are fed to `podman import -` on stdin, so the podman command may run in another mount namespace.
set -euo pipefail

if [ $# -gt 0 ]; then PODMAN=("$@"); else PODMAN=(podman); fi
BUSYBOX=/bin/busybox
# ldd says "not a dynamic executable" (exit 1) for a static binary; a dynamic busybox would not run in scratch.
if [ ! -x "$BUSYBOX" ] || ! { ldd "$BUSYBOX" 2>&1 || true; } | grep -q 'not a dynamic executable'; then
  echo "test-images: need a static /bin/busybox (apt-get install busybox-static)" >&2
  exit 1
fi

EXTRA_APPLETS=""
WORK="$(mktemp -d /run/pvdify-img.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

exists() { "${PODMAN[@]}" image exists "$1" 2>/dev/null; }

# rootfs NAME VERSION: a busybox rootfs with the web files.
rootfs() {
  local dir="$WORK/$1"
  mkdir -p "$dir/bin" "$dir/www/cgi-bin" "$dir/tmp" "$dir/etc"
  cp "$BUSYBOX" "$dir/bin/busybox"
  for applet in sh httpd sleep echo cat printf env ls touch rm test $EXTRA_APPLETS; do ln -sf busybox "$dir/bin/$applet"; done
  printf 'pvdify-test web v%s\n' "$2" > "$dir/www/index.html"
  cat > "$dir/www/cgi-bin/env" <<'CGI'
#!/bin/sh
printf 'Content-Type: text/plain\r\n\r\n'
case "$QUERY_STRING" in ''|*[!A-Za-z0-9_]*) exit 0 ;; esac
eval "printf '%s' \"\${$QUERY_STRING}\""
CGI
  chmod 755 "$dir/www/cgi-bin/env"
  echo "root:x:0:0:root:/:/bin/sh" > "$dir/etc/passwd"
  echo "$dir"
}

# build REF VERSION CMD-JSON (the CMD's $PORT/$i expand in the container's shell, not here)
build() {
  local ref="$1" dir
  if exists "$ref"; then echo "test-images: $ref exists"; return; fi
  dir="$(rootfs "${ref##*/}" "$2")"
  tar -C "$dir" -c . | "${PODMAN[@]}" import --quiet \
    --change "ENV PORT=5000" --change "ENV PATH=/bin" --change "CMD $3" - "$ref" > /dev/null
  echo "test-images: built $ref"
}

build localhost/pvdify-test/web:1 1 \
  '["/bin/sh","-c","echo \"web v1 listening on $PORT\"; exec httpd -f -v -p \"$PORT\" -h /www"]'
build localhost/pvdify-test/web:2 2 \
  '["/bin/sh","-c","echo \"web v2 listening on $PORT\"; exec httpd -f -v -p \"$PORT\" -h /www"]'
build localhost/pvdify-test/crash:latest 0 '["/bin/sh","-c","echo \"crash: exiting\"; exit 3"]'
build localhost/pvdify-test/unhealthy:latest 0 '["/bin/sh","-c","echo \"unhealthy: never listening\"; exec sleep 2147483647"]'
build localhost/pvdify-test/ghcommands:latest 0 \
  '["/bin/sh","-c","printf \"::stop-commands::pvdify-evil\\n::error title=owned::owned\\nnot a command\\r::add-mask::hidden\\n   ##[error]old style\\n\"; exit 3"]'
build localhost/pvdify-test/worker:latest 0 \
  '["/bin/sh","-c","i=0; while true; do i=$((i+1)); echo \"worker tick $i\"; sleep 1; done"]'

# hang: the liveness path answers until /cgi-bin/hang made it block forever (the flag lives in the container).
hang_cgi() {
  local dir="$1"
  cat > "$dir/www/cgi-bin/live" <<'CGI'
#!/bin/sh
while test -e /tmp/hang; do sleep 1; done
printf 'Content-Type: text/plain\r\n\r\nalive\n'
CGI
  cat > "$dir/www/cgi-bin/hang" <<'CGI'
#!/bin/sh
touch /tmp/hang
printf 'Content-Type: text/plain\r\n\r\nhanging from now on\n'
CGI
  chmod 755 "$dir/www/cgi-bin/live" "$dir/www/cgi-bin/hang"
}
if exists localhost/pvdify-test/hang:latest; then
  echo "test-images: localhost/pvdify-test/hang:latest exists"
else
  dir="$(rootfs hang 1)"
  hang_cgi "$dir"
  tar -C "$dir" -c . | "${PODMAN[@]}" import --quiet --change "ENV PORT=5000" --change "ENV PATH=/bin" \
    --change 'CMD ["/bin/sh","-c","rm -f /tmp/hang; echo \"hang listening on $PORT\"; exec httpd -f -p \"$PORT\" -h /www"]' \
    - localhost/pvdify-test/hang:latest > /dev/null
  echo "test-images: built localhost/pvdify-test/hang:latest"
fi
build localhost/pvdify-test/crashlater:latest 3 \
  '["/bin/sh","-c","echo \"crashlater listening on $PORT\"; httpd -f -p \"$PORT\" -h /www & sleep \"${CRASH_AFTER:-8}\"; echo \"crashlater: exiting after ${CRASH_AFTER:-8} s\"; exit 4"]'
EXTRA_APPLETS="nc wget id grep ip"
build localhost/pvdify-test/hostile:latest 1 \
  '["/bin/sh","-c","echo \"hostile listening on $PORT\"; exec httpd -f -v -p \"$PORT\" -h /www"]'
