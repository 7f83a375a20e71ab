#!/bin/sh
# The official redis image's entrypoint contract, for what Pvdify uses: `redis-server ARGS...` (flags alone get
# redis-server put in front), data in the working directory /data, run as the redis user.
set -eu
if [ "${1#-}" != "$1" ]; then set -- redis-server "$@"; fi
if [ "$1" = redis-server ]; then
  mkdir -p /data
  chown redis:redis /data
  cd /data
  exec setpriv --reuid=redis --regid=redis --init-groups -- "$@"
fi
exec "$@"
