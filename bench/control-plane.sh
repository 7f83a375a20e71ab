#!/usr/bin/env bash
# The control plane at N apps (issue 16), on this host's real Podman (fallback supervisor) and a real Caddy.
# Prints each figure beside its target:
#   1. deploy -> new release served through Caddy, web=1 and web=3, against the bare `podman run` -> first 200
#   2. 0 failed requests through Caddy while another app deploys, scales and restarts (keep-alive client)
#   3. restart of pvdifyd with N apps x 2 web dynos: time to ready (recovery done, routes pushed in one change),
#      and failed requests to the apps meanwhile
#   4. idle cost of pvdifyd + the Podman API service with 2N dynos (% of one core)
#   5. a dyno killed behind pvdifyd's back: time until it serves again
#   6. pvdifyd's resident memory after a load run
#
#   bench/control-plane.sh [APPS]      (default 100; build first: mvn -pl pvdifyd -am package -DskipTests)
#
# Needs: podman (API socket at /run/podman/podman.sock, scripts/test.sh starts one), caddy, curl, python3, and
# the test images (scripts/test-images.sh). Everything it creates is named pvdify-bench* and removed at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APPS="${1:-100}"
JAR="$ROOT/pvdifyd/target/pvdifyd.jar"
WORK="$ROOT/pvdifyd/target/bench/control-plane"
RUNDIR=/run/pvdify-bench # env files live on tmpfs, as on a real host
SOCK=/run/podman/podman.sock
IMG1=localhost/pvdify-test/web:1
IMG2=localhost/pvdify-test/web:2
[ -f "$JAR" ] || { echo "no $JAR: build it first (mvn -pl pvdifyd -am package -DskipTests)" >&2; exit 1; }
curl -sf --unix-socket "$SOCK" http://d/v4.0.0/libpod/_ping >/dev/null \
  || { echo "no Podman API at $SOCK (scripts/test.sh starts one)" >&2; exit 1; }
podman image exists "$IMG1" || bash "$ROOT/scripts/test-images.sh"
# shellcheck source=scripts/java-home.sh
source "$ROOT/scripts/java-home.sh"
# shellcheck source=packaging/jvm-options.sh
source "$ROOT/packaging/jvm-options.sh"
# The installed launcher's options (packaging/jvm-options.sh) unless PVDIFYD_JAVA_OPTS says otherwise.
read -r -a JVM_OPTS <<< "${PVDIFYD_JAVA_OPTS-$PVDIFYD_JVM_OPTIONS}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
API_PORT="$(free_port)"
HTTP_PORT="$(free_port)"
ADMIN_PORT="$(free_port)"
FLOOR_PORT="$(free_port)"
DOMAIN=bench.test
API="http://127.0.0.1:$API_PORT"

daemon_pid=""
caddy_pid=""
load_pid=""
cleanup() {
  local p
  for p in $load_pid $daemon_pid $caddy_pid; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  podman rm -f -t 0 pvdify-bench-floor >/dev/null 2>&1 || true
  # The bench's dynos: every container labelled with a bench app (pvdify.app=bench-*).
  podman ps -aq --filter label=pvdify.app | while read -r id; do
    case "$(podman inspect -f '{{index .Config.Labels "pvdify.app"}}' "$id" 2>/dev/null)" in
      bench-*) podman rm -f -t 0 "$id" >/dev/null 2>&1 || true ;;
    esac
  done
  rm -rf "$RUNDIR"
}
trap cleanup EXIT

rm -rf "$WORK" "$RUNDIR"
mkdir -p "$WORK/data" "$RUNDIR/env"
ms() { date +%s%3N; }

cat > "$WORK/caddy.json" <<EOF
{"admin": {"listen": "127.0.0.1:$ADMIN_PORT"},
 "apps": {"http": {"servers": {"srv0": {"listen": ["127.0.0.1:$HTTP_PORT"], "automatic_https": {"disable": true},
   "routes": [{"handle": [{"handler": "static_response", "status_code": 404, "body": "No app here"}]}]}}}}}
EOF
caddy run --config "$WORK/caddy.json" >"$WORK/caddy.log" 2>&1 &
caddy_pid=$!

start_daemon() {
  java "${JVM_OPTS[@]}" -jar "$JAR" --dev --data-dir "$WORK/data" --port "$API_PORT" --base-domain "$DOMAIN" \
    --caddy-admin-url "http://127.0.0.1:$ADMIN_PORT" --caddy-server-name srv0 --supervisor podman \
    --podman-socket "$SOCK" --env-dir "$RUNDIR/env" --unit-dir "$WORK/units" --port-range 32000-32999 \
    >>"$WORK/pvdifyd.log" 2>&1 &
  daemon_pid=$!
}
# ready_ms SINCE: waits for the daemon's "ready" line after log line SINCE; prints ms from SINCE_MS
wait_ready() {
  local lines_before="$1"
  for _ in $(seq 1 600); do
    if tail -n +"$((lines_before + 1))" "$WORK/pvdifyd.log" | grep -q 'pvdifyd: ready'; then
      return 0
    fi
    sleep 0.05
  done
  echo "pvdifyd did not become ready; see $WORK/pvdifyd.log" >&2
  exit 1
}
start_daemon
wait_ready 0
TOKEN="$(cat "$WORK/data/admin-token")"
AUTH="Authorization: Bearer $TOKEN"
api() { # METHOD PATH [JSON]
  if [ $# -gt 2 ]; then
    curl -sf -X "$1" -H "$AUTH" -H 'Content-Type: application/json' -d "$3" "$API/api/v1$2"
  else
    curl -sf -X "$1" -H "$AUTH" "$API/api/v1$2"
  fi
}
served() { # APP TEXT: true when Caddy serves TEXT for the app
  curl -s --max-time 2 -H "Host: $1.$DOMAIN" "http://127.0.0.1:$HTTP_PORT/" 2>/dev/null | grep -q "$2"
}
until_served() { # APP TEXT
  for _ in $(seq 1 3000); do
    served "$1" "$2" && return 0
    sleep 0.01
  done
  echo "$1 never served '$2'; its releases:" >&2
  api GET "/apps/$1/releases" >&2 || true
  exit 1
}

# --- 1. deploy latency against the bare podman floor ----------------------------------------------------------
floor() {
  local t0
  podman rm -f -t 0 pvdify-bench-floor >/dev/null 2>&1 || true
  t0=$(ms)
  podman run -d --name pvdify-bench-floor -p "127.0.0.1:$FLOOR_PORT:5000" -e PORT=5000 "$1" >/dev/null
  until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$FLOOR_PORT/"; do sleep 0.01; done
  echo $(($(ms) - t0))
  podman rm -f -t 0 pvdify-bench-floor >/dev/null
}
deploy_served() { # APP IMAGE TEXT: ms from the deploy request to TEXT served through Caddy
  local t0
  t0=$(ms)
  api POST "/apps/$1/releases" "{\"image\":\"$2\"}" >/dev/null
  until_served "$1" "$3"
  echo $(($(ms) - t0))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

api POST /apps '{"name":"bench-deploy"}' >/dev/null
api POST "/apps/bench-deploy/releases?wait=true" "{\"image\":\"$IMG1\"}" >/dev/null
floors=() web1=() web3=()
for i in 1 2 3; do
  floors+=("$(floor $IMG2)")
  web1+=("$(deploy_served bench-deploy $IMG2 'v2')")
  api POST "/apps/bench-deploy/releases?wait=true" "{\"image\":\"$IMG1\"}" >/dev/null
done
api POST "/apps/bench-deploy/ps/scale?wait=true" '{"updates":[{"type":"web","count":3}]}' >/dev/null
for i in 1 2 3; do
  web3+=("$(deploy_served bench-deploy $IMG2 'v2')")
  api POST "/apps/bench-deploy/releases?wait=true" "{\"image\":\"$IMG1\"}" >/dev/null
done
FLOOR=$(printf '%s\n' "${floors[@]}" | median)
W1=$(printf '%s\n' "${web1[@]}" | median)
W3=$(printf '%s\n' "${web3[@]}" | median)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

# --- N apps x 2 web dynos ---------------------------------------------------------------------------------------
t0=$(ms)
seq 1 "$APPS" | xargs -P 8 -I{} sh -c "
  curl -sf -o /dev/null -H '$AUTH' -H 'Content-Type: application/json' -d '{\"name\":\"bench-{}\"}' $API/api/v1/apps &&
  curl -sf -o /dev/null -H '$AUTH' -H 'Content-Type: application/json' \
    -d '{\"updates\":[{\"type\":\"web\",\"count\":2}]}' $API/api/v1/apps/bench-{}/ps/scale?wait=true;
  curl -sf -o /dev/null -H '$AUTH' -H 'Content-Type: application/json' -d '{\"image\":\"$IMG1\"}' \
    '$API/api/v1/apps/bench-{}/releases?wait=true'"
SETUP_S=$(( ($(ms) - t0) / 1000 ))
for i in $(seq 1 "$APPS"); do served "bench-$i" v1 || { echo "bench-$i is not served" >&2; exit 1; }; done

# --- 2 and 3: a keep-alive client through Caddy over a few apps, during changes and a restart ------------------
cat > "$WORK/load.py" <<'PY'
# Keep-alive HTTP/1.1 clients (one connection each, reused) through Caddy; counts answers and failures until
# the stop file appears. A failure: a non-200, a reset or a timeout.
import http.client, os, sys, threading, time
port, domain, apps, stop = int(sys.argv[1]), sys.argv[2], sys.argv[3].split(","), sys.argv[4]
ok = [0]; bad = []
lock = threading.Lock()
def client(app):
    conn = None
    while not os.path.exists(stop):
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/", headers={"Host": app + "." + domain})
            r = conn.getresponse(); r.read()
            with lock:
                if r.status == 200: ok[0] += 1
                else: bad.append("%s HTTP %d" % (app, r.status))
        except Exception as e:
            with lock: bad.append("%s %s" % (app, type(e).__name__))
            conn = None
        time.sleep(0.002)
ts = [threading.Thread(target=client, args=(a,)) for a in apps for _ in range(2)]
[t.start() for t in ts]; [t.join() for t in ts]
print("%d %d %s" % (ok[0], len(bad), "; ".join(bad[:5])))
PY
load() { # STOPFILE APPS...
  local stop="$1"
  shift
  rm -f "$stop"
  python3 "$WORK/load.py" "$HTTP_PORT" "$DOMAIN" "$(IFS=,; echo "$*")" "$stop" >"$stop.out" &
  load_pid=$!
}
stop_load() { # STOPFILE: the clients stop; STOPFILE.out then says "ok failed first-failures"
  touch "$1"
  wait "$load_pid" || true
  load_pid=""
}

load "$WORK/stop-changes" bench-1 bench-2 bench-3
sleep 1
api POST "/apps/bench-2/releases?wait=true" "{\"image\":\"$IMG2\"}" >/dev/null
api PUT "/apps/bench-2/config?wait=true" '{"BENCH":"1"}' >/dev/null
api POST "/apps/bench-2/ps/scale?wait=true" '{"updates":[{"type":"web","count":3}]}' >/dev/null
api POST "/apps/bench-2/rollback?wait=true" '{}' >/dev/null
api POST "/apps/bench-2/ps/restart?wait=true" '{}' >/dev/null
sleep 1
stop_load "$WORK/stop-changes"
read -r CH_OK CH_BAD CH_WHY < "$WORK/stop-changes.out" || true

load "$WORK/stop-restart" bench-1 "bench-$((APPS / 2))" "bench-$APPS"
sleep 1
caddy_loads() { grep -c '"msg":"admin endpoint started"' "$WORK/caddy.log" || true; }
loads_before=$(caddy_loads)
lines=$(wc -l < "$WORK/pvdifyd.log")
kill "$daemon_pid"
wait "$daemon_pid" 2>/dev/null || true
start_daemon
wait_ready "$lines"
READY_MS="$(tail -n +"$((lines + 1))" "$WORK/pvdifyd.log" | grep -o 'done) [0-9]* ms' | grep -o '[0-9]*')"
sleep 2
stop_load "$WORK/stop-restart"
read -r RS_OK RS_BAD RS_WHY < "$WORK/stop-restart.out" || true
CADDY_LOADS=$(($(caddy_loads) - loads_before))

# --- 4. idle cost ------------------------------------------------------------------------------------------------
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
PODMAN_PID="$(pgrep -o -f "podman system service.* unix://$SOCK" || true)"
sleep 5
HZ=$(getconf CLK_TCK)
d0=$(ticks "$daemon_pid")
p0=$([ -n "$PODMAN_PID" ] && ticks "$PODMAN_PID" || echo 0)
sleep 30
d1=$(ticks "$daemon_pid")
p1=$([ -n "$PODMAN_PID" ] && ticks "$PODMAN_PID" || echo 0)
IDLE_D=$(awk -v a="$d0" -v b="$d1" -v hz="$HZ" 'BEGIN {printf "%.1f", (b - a) / hz / 30 * 100}')
IDLE_P=$(awk -v a="$p0" -v b="$p1" -v hz="$HZ" 'BEGIN {printf "%.1f", (b - a) / hz / 30 * 100}')

# --- 5. a dyno killed behind pvdifyd's back ------------------------------------------------------------------------
victim="$(podman ps --filter label=pvdify.app=bench-1 --format "{{.Names}}" | awk "NR == 1")"
vport="$(podman inspect -f '{{range $p, $b := .HostConfig.PortBindings}}{{(index $b 0).HostPort}}{{end}}' "$victim")"
t0=$(ms)
podman kill "$victim" >/dev/null
sleep 0.2
until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$vport/"; do
  sleep 0.05
  [ $(($(ms) - t0)) -gt 60000 ] && break
done
REVIVE_MS=$(($(ms) - t0))

# --- 6. memory after a load run ------------------------------------------------------------------------------------
if command -v wrk >/dev/null; then
  wrk -t2 -c16 -d10s -H "$AUTH" "$API/api/v1/apps" >/dev/null
  wrk -t2 -c16 -d5s -H "$AUTH" "$API/api/v1/apps/bench-1/ps" >/dev/null
fi
RSS_MB=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$daemon_pid/status")
THREADS=$(awk '/Threads/ {print $2}' "/proc/$daemon_pid/status")

echo
echo "Pvdify control plane, $APPS apps x 2 web dynos, fallback supervisor, $(nproc) cores (setup took ${SETUP_S} s)"
printf '  %-52s %8s  %s\n' "bare podman run -> first 200 (floor)" "${FLOOR} ms" ""
printf '  %-52s %8s  %s\n' "deploy web=1 -> new release served" "${W1} ms" "$(ratio "$W1" "$FLOOR")x floor (target <= 1.2x)"
printf '  %-52s %8s  %s\n' "deploy web=3 -> new release served" "${W3} ms" "$(ratio "$W3" "$FLOOR")x floor (target <= 1.5x)"
printf '  %-52s %8s  %s\n' "deploy+config+scale+rollback+restart: failed requests" "$CH_BAD/$((CH_OK + CH_BAD))" "(target 0) ${CH_WHY:-}"
printf '  %-52s %8s  %s\n' "restart of pvdifyd -> ready, routes pushed" "${READY_MS} ms" "(target <= 5000 ms)"
printf '  %-52s %8s  %s\n' "  failed requests meanwhile" "$RS_BAD/$((RS_OK + RS_BAD))" "(target 0) ${RS_WHY:-}"
printf '  %-52s %8s  %s\n' "  Caddy config loads for the restart" "$CADDY_LOADS" "(one batched change: 1)"
printf '  %-52s %8s  %s\n' "idle: pvdifyd + Podman API service" "$(awk -v a="$IDLE_D" -v b="$IDLE_P" 'BEGIN {printf "%.1f", a + b}') %" "of one core (pvdifyd $IDLE_D %, podman $IDLE_P %; target < 2 %)"
printf '  %-52s %8s  %s\n' "dyno killed behind pvdifyd's back -> serves again" "${REVIVE_MS} ms" "(target <= 2000 ms)"
printf '  %-52s %8s  %s\n' "pvdifyd resident memory after a load run" "${RSS_MB} MiB" "($THREADS threads; target <= 150 MiB)"
