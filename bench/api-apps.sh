#!/usr/bin/env bash
# Benchmark of the app list: `GET /api/v1/apps` of a real pvdifyd holding N apps (default 100), against Caddy
# serving the very same JSON body as a static file on the same box (the floor for an HTTP answer of that size).
# Prints requests/s and p99 of both, the ratio, and the targets (issue 16): >= 0.3x Caddy's requests/s, p99 < 20 ms.
#
#   bench/api-apps.sh [APPS] [SECONDS]     (defaults 100, 10; build first: mvn -pl pvdifyd -am package -DskipTests)
#
# pvdifyd runs with --dev settings in its own data dir under pvdifyd/target/bench (no Caddy routing; creating an
# app touches neither Podman nor systemd). Load: wrk, 2 threads, 16 keep-alive connections, after a warm-up.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APPS="${1:-100}"
SECS="${2:-10}"
JAR="$ROOT/pvdifyd/target/pvdifyd.jar"
WORK="$ROOT/pvdifyd/target/bench/api-apps"
[ -f "$JAR" ] || { echo "no $JAR: build it first (mvn -pl pvdifyd -am package -DskipTests)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
command -v caddy >/dev/null || { echo "caddy is missing (apt-get install caddy)" >&2; exit 1; }
# shellcheck source=scripts/java-home.sh
source "$ROOT/scripts/java-home.sh"

rm -rf "$WORK"
mkdir -p "$WORK/data" "$WORK/www"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
API_PORT="$(free_port)"
CADDY_PORT="$(free_port)"

daemon_pid=""
caddy_pid=""
cleanup() {
  local p
  for p in $daemon_pid $caddy_pid; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT

java -jar "$JAR" --dev --data-dir "$WORK/data" --port "$API_PORT" --caddy-admin-url off \
  --env-dir "$WORK/env" --unit-dir "$WORK/units" >"$WORK/pvdifyd.log" 2>&1 &
daemon_pid=$!
API="http://127.0.0.1:$API_PORT"
for _ in $(seq 1 150); do
  curl -sf "$API/health" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf "$API/health" >/dev/null || { echo "pvdifyd did not start; see $WORK/pvdifyd.log" >&2; exit 1; }
TOKEN="$(cat "$WORK/data/admin-token")"
AUTH="Authorization: Bearer $TOKEN"

for i in $(seq 1 "$APPS"); do
  curl -sf -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench-app-$i\"}" "$API/api/v1/apps"
done
curl -sf -H "$AUTH" "$API/api/v1/apps" > "$WORK/www/apps.json"
BYTES=$(wc -c < "$WORK/www/apps.json")

cat > "$WORK/Caddyfile" <<EOF
{
	admin off
	auto_https off
}
http://127.0.0.1:$CADDY_PORT {
	root * $WORK/www
	file_server
}
EOF
caddy run --config "$WORK/Caddyfile" --adapter caddyfile >"$WORK/caddy.log" 2>&1 &
caddy_pid=$!
for _ in $(seq 1 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$CADDY_PORT/apps.json" && break
  sleep 0.1
done

# run_wrk URL [HEADER]: prints "RPS P99_MS"
run_wrk() {
  local out rps p99 unit
  if [ $# -gt 1 ]; then
    out="$(wrk -t2 -c16 -d"${SECS}s" --latency -H "$2" "$1")"
  else
    out="$(wrk -t2 -c16 -d"${SECS}s" --latency "$1")"
  fi
  if echo "$out" | grep -qE 'Non-2xx|Socket errors'; then
    echo "wrk saw errors for $1:" >&2
    echo "$out" >&2
    exit 1
  fi
  rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
  read -r p99 unit < <(echo "$out" | awk '$1 == "99%" {v=$2; u=v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v); print v, u}')
  case "$unit" in
    us) p99="$(awk -v v="$p99" 'BEGIN {printf "%.2f", v / 1000}')" ;;
    ms) ;;
    s) p99="$(awk -v v="$p99" 'BEGIN {printf "%.2f", v * 1000}')" ;;
  esac
  echo "$rps $p99"
}

wrk -t2 -c16 -d5s -H "$AUTH" "$API/api/v1/apps" >/dev/null # JIT warm-up
read -r api_rps api_p99 < <(run_wrk "$API/api/v1/apps" "$AUTH")
read -r caddy_rps caddy_p99 < <(run_wrk "http://127.0.0.1:$CADDY_PORT/apps.json")
ratio="$(awk -v a="$api_rps" -v c="$caddy_rps" 'BEGIN {printf "%.2f", a / c}')"

echo "GET /api/v1/apps with $APPS apps ($BYTES bytes), wrk 2 threads x 16 connections, ${SECS} s, $(nproc) cores"
printf '  %-28s %10s req/s   p99 %8s ms\n' "pvdifyd" "$api_rps" "$api_p99"
printf '  %-28s %10s req/s   p99 %8s ms\n' "Caddy, same body (static)" "$caddy_rps" "$caddy_p99"
echo "  ratio pvdifyd/Caddy: ${ratio}x   (target >= 0.30x)   p99 target < 20 ms"
