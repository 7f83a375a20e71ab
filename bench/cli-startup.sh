#!/usr/bin/env bash
# Start-up benchmark of the CLI: median wall time of `pvdify apps` (JVM start, one API request, the table),
# through the real launcher (pvdify-cli/bin/pvdify: AOT cache, C1 only, Serial GC), and the same command as a
# plain `java -jar` without those, for the ratio. Target: median < 300 ms.
#
#   bench/cli-startup.sh [RUNS]        (default 20; build first: mvn -pl pvdify-cli -am package -DskipTests)
#
# Uses the daemon named by PVDIFY_API_URL / PVDIFY_TOKEN when set. Otherwise it starts a STUB for this
# benchmark only: a tiny python3 HTTP server on a free loopback port that answers GET /api/v1/apps with a
# canned list. It measures the CLI's start-up, not pvdifyd.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-20}"
LAUNCHER="$ROOT/pvdify-cli/bin/pvdify"
JAR="$ROOT/pvdify-cli/target/pvdify.jar"
WORK="$ROOT/pvdify-cli/target/bench"
[ -f "$JAR" ] || { echo "no $JAR: build it first (mvn -pl pvdify-cli -am package -DskipTests)" >&2; exit 1; }
mkdir -p "$WORK"

stub_pid=""
cleanup() {
  if [ -n "$stub_pid" ]; then
    kill "$stub_pid" 2>/dev/null || true
    wait "$stub_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

if [ -z "${PVDIFY_API_URL:-}" ]; then
  rm -f "$WORK/stub-port"
  python3 - "$WORK/stub-port" <<'PY' &
# BENCHMARK STUB ONLY: answers GET /api/v1/apps like pvdifyd would, so the CLI's start-up can be timed.
import http.server, json, sys
APPS = json.dumps([{"name": "app-%d" % i, "environment": "production", "status": "running", "current_release": i,
                    "web_url": "https://app-%d.example.com" % i} for i in range(1, 6)]).encode()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        ok = self.path == "/api/v1/apps"
        body = APPS if ok else b'{"error":"not found","id":"stub"}'
        self.send_response(200 if ok else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
with open(sys.argv[1] + ".new", "w") as f:
    f.write(str(s.server_address[1]))
import os; os.rename(sys.argv[1] + ".new", sys.argv[1])
s.serve_forever()
PY
  stub_pid=$!
  for _ in $(seq 1 100); do
    [ -s "$WORK/stub-port" ] && break
    sleep 0.1
  done
  [ -s "$WORK/stub-port" ] || { echo "the benchmark stub did not start" >&2; exit 1; }
  PVDIFY_API_URL="http://127.0.0.1:$(cat "$WORK/stub-port")"
  export PVDIFY_API_URL
  export PVDIFY_TOKEN="${PVDIFY_TOKEN:-bench-stub-token}"
  echo "Using the BENCHMARK STUB at $PVDIFY_API_URL (set PVDIFY_API_URL/PVDIFY_TOKEN to time a real pvdifyd)"
else
  echo "Using the daemon at $PVDIFY_API_URL"
fi

# the JDK the launcher picks, for the plain `java -jar` comparison
JAVA="java"
if [ -r "${JAR%.jar}.jdk" ]; then
  JAVA="$(cat "${JAR%.jar}.jdk")/bin/java"
fi

"$LAUNCHER" apps > /dev/null || { echo "\`pvdify apps\` failed; see its output above" >&2; "$LAUNCHER" apps; exit 1; }

# "WALL CPU": medians in ms of RUNS runs of the given command; CPU = user + sys (less sensitive to a busy box)
medians_ms() {
  local _ line
  local -a wall=() cpu=()
  local TIMEFORMAT='%R %U %S'
  for _ in $(seq 1 "$RUNS"); do
    line=$({ time "$@" > /dev/null 2>&1; } 2>&1)
    read -r r u s <<< "$line"
    wall+=("$(awk -v r="$r" 'BEGIN { printf "%d", r * 1000 }')")
    cpu+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%d", (u + s) * 1000 }')")
  done
  echo "$(median "${wall[@]}") $(median "${cpu[@]}")"
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'
}

if command -v hyperfine > /dev/null; then
  hyperfine --warmup 2 --runs "$RUNS" -N "$LAUNCHER apps" "$JAVA -jar $JAR apps"
fi
read -r launcher_ms launcher_cpu <<< "$(medians_ms "$LAUNCHER" apps)"
read -r plain_ms plain_cpu <<< "$(medians_ms "$JAVA" -jar "$JAR" apps)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (wall times grow with it)"
echo "pvdify apps (bin/pvdify, AOT cache):  median ${launcher_ms} ms wall, ${launcher_cpu} ms CPU over $RUNS runs"
echo "java -jar pvdify.jar apps (no cache): median ${plain_ms} ms wall, ${plain_cpu} ms CPU over $RUNS runs"
awk -v a="$launcher_ms" -v b="$plain_ms" 'BEGIN { if (a > 0) printf "ratio: %.2fx faster than plain java -jar\n", b / a }'
if [ "$launcher_ms" -lt 300 ]; then
  echo "target (median < 300 ms): met"
else
  echo "target (median < 300 ms): NOT met"
fi
