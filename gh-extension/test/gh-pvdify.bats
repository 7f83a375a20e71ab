#!/usr/bin/env bats
# `gh pvdify` driven through the real gh CLI (installed from this folder with `gh extension install .`)
# against a real pvdifyd (`java -jar pvdifyd/target/pvdifyd.jar --dev`), deploying the local test images of
# scripts/test-images.sh. Only GitHub itself is replaced: the repository and PR number come from env vars,
# and a `gh` shim on PATH records `gh pr comment` (every other gh call goes to the real gh).
# Needs: the built daemon jar, Podman, gh, jq, curl. Everything lives under gh-extension/target/bats.

bats_require_minimum_version 1.5.0

REPO="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"

# Bats 1.8 cannot skip from setup_file: it records the reason, and setup() skips every test with it.
skip_file() { export SUITE_SKIP="$1"; }

setup_file() {
  export T="$REPO/gh-extension/target/bats"
  # A killed earlier run's env files (tmpfs) go; its PIDs are never signalled (they may be reused).
  [ -f "$T/run-dir" ] && rm -rf "$(cat "$T/run-dir")"
  rm -f "$T/daemon.pid" "$T/podman.pid" "$T/run-dir"
  local jar="$REPO/pvdifyd/target/pvdifyd.jar"
  if [ -z "${PVDIFY_GH_TEST_SERVER_CMD:-}" ] && [ ! -f "$jar" ]; then
    { skip_file "no $jar: build pvdifyd first (mvn -B -o install -DskipTests -pl pvdifyd -am)"; return 0; }
  fi
  [ -x "$REPO/scripts/test-images.sh" ] || { skip_file "no scripts/test-images.sh (the runtime's test images)"; return 0; }
  for tool in gh jq curl podman; do
    command -v "$tool" > /dev/null || { skip_file "needs $tool"; return 0; }
  done
  rm -rf "$T"
  mkdir -p "$T/bin" "$T/data" "$T/gh-config" "$T/gh-data" "$T/tmp" "$T/home"

  # This suite's own Podman API service on the host's storage: the daemon's fallback supervisor talks to it,
  # and no other run can stop it under us. Stopped (by its PID) in teardown_file; containers outlive it.
  export RUN_DIR="/run/pvdify-bats-gh-$$"
  echo "$RUN_DIR" > "$T/run-dir"
  install -d -m 700 "$RUN_DIR"
  export PODMAN_SOCK="$RUN_DIR/podman.sock"
  setsid podman system service --time=0 "unix://$PODMAN_SOCK" > "$T/podman-service.log" 2>&1 < /dev/null &
  echo "$!" > "$T/podman.pid"
  for _ in $(seq 1 120); do
    curl -fsS --max-time 2 --unix-socket "$PODMAN_SOCK" http://d/v4.0.0/libpod/_ping > /dev/null 2>&1 && break
    kill -0 "$(cat "$T/podman.pid")" 2> /dev/null || { echo "podman system service exited:" >&3; cat "$T/podman-service.log" >&3; false; }
    sleep 0.5
  done
  curl -fsS --max-time 5 --unix-socket "$PODMAN_SOCK" http://d/v4.0.0/libpod/_ping > /dev/null \
    || { echo "podman system service does not answer on $PODMAN_SOCK" >&3; false; }

  # Test images in the host's Podman storage, which the daemon's fallback supervisor uses.
  "$REPO/scripts/test-images.sh" > "$T/test-images.log" 2>&1 \
    || { cat "$T/test-images.log" >&3; false; }

  # A free port of this suite's range for the daemon.
  local port
  for port in $(seq 19720 19739); do
    if ! (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
      export API_PORT="$port"
      break
    fi
  done
  [ -n "${API_PORT:-}" ] || { echo "no free port in 19720-19739" >&3; false; }
  export PVDIFY_API_URL="http://127.0.0.1:$API_PORT"

  if [ -n "${PVDIFY_GH_TEST_SERVER_CMD:-}" ]; then
    # Development only: a stand-in server command, given the port and the data dir.
    # shellcheck disable=SC2086
    setsid $PVDIFY_GH_TEST_SERVER_CMD "$API_PORT" "$T/data" > "$T/daemon.log" 2>&1 < /dev/null &
  else
    # shellcheck source=scripts/java-home.sh
    source "$REPO/scripts/java-home.sh"
    # The Podman fallback (as on a host without systemd), dyno ports of this suite's own range, env files on
    # tmpfs under /run (never a persistent disk), no Caddy.
    setsid java --enable-native-access=ALL-UNNAMED -jar "$jar" --dev --port "$API_PORT" --data-dir "$T/data" \
      --supervisor podman --podman-socket "$PODMAN_SOCK" --port-range 25000-25499 \
      --env-dir "$RUN_DIR/env" --caddy-admin-url off > "$T/daemon.log" 2>&1 < /dev/null &
  fi
  echo "$!" > "$T/daemon.pid"
  for _ in $(seq 1 180); do
    curl -fsS --max-time 2 "$PVDIFY_API_URL/health" > /dev/null 2>&1 && break
    kill -0 "$(cat "$T/daemon.pid")" 2> /dev/null || { echo "pvdifyd exited:" >&3; tail -n 40 "$T/daemon.log" >&3; false; }
    sleep 1
  done
  curl -fsS --max-time 5 "$PVDIFY_API_URL/health" > /dev/null || { echo "pvdifyd not healthy in 180 s" >&3; tail -n 40 "$T/daemon.log" >&3; false; }

  # The first start's admin token (0600 file in the data dir).
  local f
  for f in admin-token admin.token admin_token; do
    if [ -s "$T/data/$f" ]; then
      ADMIN_TOKEN="$(tr -d '[:space:]' < "$T/data/$f")"
      break
    fi
  done
  [ -n "${ADMIN_TOKEN:-}" ] || { echo "no admin token file in $T/data" >&3; ls -la "$T/data" >&3; false; }
  export ADMIN_TOKEN

  # gh with a throwaway config; the extension installed from this folder (gh names it after the folder).
  export GH_CONFIG_DIR="$T/gh-config" XDG_DATA_HOME="$T/gh-data" XDG_CONFIG_HOME="$T/gh-config"
  export GH_NO_UPDATE_NOTIFIER=1 GH_PROMPT_DISABLED=1 GH_TOKEN=offline-test-token NO_COLOR=1
  ln -sfn "$REPO/gh-extension" "$T/gh-pvdify"
  (cd "$T/gh-pvdify" && gh extension install .) >&3 2>&1
  gh extension list | grep -q pvdify

  # The gh shim: records `gh pr comment`, passes everything else to the real gh.
  local real_gh
  real_gh="$(command -v gh)"
  cat > "$T/bin/gh" <<EOF
#!/usr/bin/env bash
if [ "\${1:-} \${2:-}" = "pr comment" ]; then
  printf '%s\n' "\$@" >> "$T/gh-comments.log"
  exit "\${GH_SHIM_COMMENT_EXIT:-0}"
fi
exec "$real_gh" "\$@"
EOF
  # A curl shim that records its arguments: the token must never be on a command line.
  local real_curl
  real_curl="$(command -v curl)"
  # With GH_SHIM_CUT_EVENTS=BYTES, the first GH_SHIM_CUTS (default 2) event streams are cut after BYTES bytes,
  # as a dropped connection would: curl ends with an error after part of the stream.
  cat > "$T/bin/curl" <<EOF
#!/usr/bin/env bash
printf '%s\n' "\$*" >> "$T/curl-argv.log"
# With GH_SHIM_LOGS_BODY=FILE, GET .../logs answers 200 with that file (lines no test image can print).
if [ -n "\${GH_SHIM_LOGS_BODY:-}" ] && [[ "\$*" == */logs\?* ]]; then
  prev="" out=""
  for a in "\$@"; do [ "\$prev" = -o ] && out="\$a"; prev="\$a"; done
  cp "\$GH_SHIM_LOGS_BODY" "\$out"
  printf 200
  exit 0
fi
if [ -n "\${GH_SHIM_CUT_EVENTS:-}" ] && [[ "\$*" == */events* ]] \\
    && [ "\$(cat "$T/cuts" 2> /dev/null || echo 0)" -lt "\${GH_SHIM_CUTS:-2}" ]; then
  echo \$(( \$(cat "$T/cuts" 2> /dev/null || echo 0) + 1 )) > "$T/cuts"
  "$real_curl" "\$@" | head -c "\$GH_SHIM_CUT_EVENTS"
  echo "curl: (18) transfer closed with outstanding read data remaining" >&2
  exit 18
fi
exec "$real_curl" "\$@"
EOF
  chmod +x "$T/bin/gh" "$T/bin/curl"
  export PATH="$T/bin:$PATH"
  export TMPDIR="$T/tmp" HOME="$T/home"
  export GITHUB_REPOSITORY="Acme-Org/Shop-Front"
}

teardown_file() {
  [ -n "${T:-}" ] || return 0
  local app pid
  if [ -f "$T/daemon.pid" ]; then
    pid="$(cat "$T/daemon.pid")"
    if [ -n "${ADMIN_TOKEN:-}" ] && [ -f "$T/apps" ] && kill -0 "$pid" 2> /dev/null; then
      sort -u "$T/apps" | while read -r app; do
        admin_curl -X DELETE "$PVDIFY_API_URL/api/v1/apps/$app" > /dev/null 2>&1 || true
      done
    fi
    stop_pid "$pid"
    rm -f "$T/daemon.pid"
  fi
  # Whatever the daemon could not remove (it died, a delete failed): this suite's containers, by app label.
  if [ -f "$T/apps" ]; then
    sort -u "$T/apps" | while read -r app; do
      podman ps -aq --filter "label=pvdify.app=$app" 2> /dev/null | while read -r id; do
        podman rm -f -t 0 "$id" > /dev/null 2>&1 || true
      done
    done
  fi
  if [ -f "$T/podman.pid" ]; then
    stop_pid "$(cat "$T/podman.pid")"
    rm -f "$T/podman.pid"
  fi
  if [ -f "$T/run-dir" ]; then
    rm -rf "$(cat "$T/run-dir")"
    rm -f "$T/run-dir"
  fi
}

# stop_pid PID: SIGTERM, up to 30 s, then SIGKILL (a process this suite started).
stop_pid() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2> /dev/null || return 0
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2> /dev/null || return 0
    sleep 0.5
  done
  kill -KILL "$pid" 2> /dev/null || true
}

setup() {
  [ -z "${SUITE_SKIP:-}" ] || skip "$SUITE_SKIP"
  # A unique app per test; teardown_file deletes every one of them.
  APP="gh$(printf '%s' "$BATS_TEST_NAME" | md5sum | cut -c1-8)-$$"
  APP="${APP:0:20}"
  echo "$APP" >> "$T/apps"
  echo "$APP-pr-7" >> "$T/apps"
  unset PVDIFY_TOKEN PVDIFY_PR GITHUB_SHA GH_SHIM_COMMENT_EXIT GH_SHIM_CUT_EVENTS GH_SHIM_CUTS GH_SHIM_LOGS_BODY
  rm -f "$T/gh-comments.log" "$T/cuts"
}

# A failed test shows the last command's output and the daemon's last log lines.
teardown() {
  if [ -z "${BATS_TEST_COMPLETED:-}" ] && [ -z "${SUITE_SKIP:-}" ]; then
    echo "--- last output:"
    printf '%s\n' "${output:-}"
    echo "--- pvdifyd log (last 40 lines):"
    tail -n 40 "$T/daemon.log" 2> /dev/null || true
  fi
}

# admin_curl ARGS...: the suite's own API calls, token in a curl config on stdin.
admin_curl() {
  printf 'header = "Authorization: Bearer %s"\n' "$ADMIN_TOKEN" | command "$(type -P curl)" -fsS --max-time 60 --config - "$@"
}

create_app() {
  admin_curl -X POST -H 'Content-Type: application/json' -d "{\"name\":\"$1\"}" "$PVDIFY_API_URL/api/v1/apps" > /dev/null
}

# deploy_token APP: an app-scoped deploy token's secret.
deploy_token() {
  admin_curl -X POST -H 'Content-Type: application/json' -d "{\"kind\":\"deploy\",\"app\":\"$1\"}" \
    "$PVDIFY_API_URL/api/v1/tokens" | jq -er .secret
}

# serves APP TEXT: polls (up to 90 s) until every up web dyno of the current release answers with TEXT.
serves() {
  local app="$1" text="$2" ports port ok current
  for _ in $(seq 1 90); do
    current="$(admin_curl "$PVDIFY_API_URL/api/v1/apps/$app" | jq -r .current_release)"
    ports="$(admin_curl "$PVDIFY_API_URL/api/v1/apps/$app/ps" \
      | jq -r --argjson r "${current:-0}" '.dynos[] | select(.type == "web" and .state == "up" and .release == $r) | .port')"
    ok=0
    if [ -n "$ports" ]; then
      ok=1
      for port in $ports; do
        command "$(type -P curl)" -fsS --max-time 5 "http://127.0.0.1:$port/" 2> /dev/null | grep -qF "$text" || ok=0
      done
    fi
    [ "$ok" = 1 ] && return 0
    sleep 1
  done
  echo "app $app does not serve '$text' (current release $current, web ports: ${ports:-none})" >&2
  return 1
}

@test "usage errors exit 2 and print the commands" {
  run -2 gh pvdify
  [[ "$output" == *"gh pvdify deploy"* ]]
  run -2 gh pvdify frobnicate
  run -2 env -u PVDIFY_API_URL PVDIFY_TOKEN=x gh pvdify status "$APP"
  [[ "$output" == *"PVDIFY_API_URL is not set"* ]]
  PVDIFY_TOKEN="$ADMIN_TOKEN" run -2 gh pvdify deploy "Bad_Name" --image localhost/pvdify-test/web:1
}

@test "an unreachable API exits 6, a bad token exits 4, and neither message shows the token" {
  PVDIFY_TOKEN=s3cr3t-token-value PVDIFY_API_URL=http://127.0.0.1:19799 run -6 gh pvdify status "$APP"
  [[ "$output" == *"cannot reach"* ]]
  [[ "$output" != *"s3cr3t-token-value"* ]]
  PVDIFY_TOKEN=s3cr3t-token-value run -4 gh pvdify status "$APP"
  [[ "$output" != *"s3cr3t-token-value"* ]]
  run ! grep -q 's3cr3t-token-value' "$T/curl-argv.log"
}

@test "status of an app that does not exist exits 3" {
  PVDIFY_TOKEN="$ADMIN_TOKEN" run -3 gh pvdify status "$APP"
  [[ "$output" == *"not found"* ]]
}

@test "deploy creates the app when missing, and a second deploy of the same app becomes current and serves" {
  PVDIFY_TOKEN="$ADMIN_TOKEN" run -0 gh pvdify deploy "$APP" --image localhost/pvdify-test/web:1
  [[ "$output" == *"Released v1 of $APP"* ]]
  serves "$APP" "pvdify-test web v1"

  # The failure CI saw before: the second deploy of an app did not get healthy. No retry here.
  PVDIFY_TOKEN="$ADMIN_TOKEN" run -0 gh pvdify deploy "$APP" --image localhost/pvdify-test/web:2
  [[ "$output" == *"Released v2 of $APP"* ]]
  serves "$APP" "pvdify-test web v2"
  run -0 admin_curl "$PVDIFY_API_URL/api/v1/apps/$APP/releases"
  [ "$(jq -r '[.[] | select(.status == "current")] | length' <<< "$output")" = 1 ]
  [ "$(jq -r '.[] | select(.status == "current") | .version' <<< "$output")" = 2 ]
  run ! grep -q "$ADMIN_TOKEN" "$T/curl-argv.log"
}

@test "an app-scoped deploy token deploys its app, rolls back, and is refused on another app (exit 4)" {
  create_app "$APP"
  local token
  token="$(deploy_token "$APP")"
  PVDIFY_TOKEN="$token" run -0 gh pvdify deploy "$APP" --image localhost/pvdify-test/web:1
  PVDIFY_TOKEN="$token" run -0 gh pvdify deploy "$APP" --image localhost/pvdify-test/web:2
  serves "$APP" "pvdify-test web v2"
  PVDIFY_TOKEN="$token" run -0 gh pvdify rollback "$APP"
  [[ "$output" == *"Released v3 of $APP"* ]]
  serves "$APP" "pvdify-test web v1"
  PVDIFY_TOKEN="$token" run -4 gh pvdify status "other-$APP"
  [[ "$output" != *"$token"* ]]
}

@test "status shows the release and dynos; --json is JSON; logs show the app's output" {
  PVDIFY_TOKEN="$ADMIN_TOKEN" run -0 gh pvdify deploy "$APP" --image localhost/pvdify-test/web:1
  PVDIFY_TOKEN="$ADMIN_TOKEN" run -0 gh pvdify status "$APP"
  [[ "$output" == *"=== $APP"* ]]
  [[ "$output" == *"v1"* ]]
  PVDIFY_TOKEN="$ADMIN_TOKEN" run -0 --separate-stderr gh pvdify status "$APP" --json
  [ "$(jq -r .app.name <<< "$output")" = "$APP" ]
  local found=0
  for _ in $(seq 1 30); do
    PVDIFY_TOKEN="$ADMIN_TOKEN" run -0 gh pvdify logs "$APP" -n 50
    if [[ "$output" == *"web v1 listening"* ]]; then found=1; break; fi
    sleep 1
  done
  [ "$found" = 1 ]
}

@test "deploy without --image uses ghcr.io/<owner>/<repo>:<sha> lowercased; a failed deploy exits 5" {
  # The image cannot be pulled here (no registry): the deploy must fail cleanly, naming the image.
  GITHUB_SHA=ABCDEF0123456789 PVDIFY_TOKEN="$ADMIN_TOKEN" run -5 gh pvdify deploy "$APP"
  [[ "$output" == *"ghcr.io/acme-org/shop-front:abcdef0123456789"* ]]
}

@test "preview with APP's deploy token creates APP-pr-N, comments its URL on the PR, and teardown deletes it" {
  # The daemon lets a deploy token create, deploy and delete its own app's preview apps (APP-pr-N).
  create_app "$APP"
  local token
  token="$(deploy_token "$APP")"
  PVDIFY_PR=7 PVDIFY_TOKEN="$token" run -0 gh pvdify preview "$APP" --image localhost/pvdify-test/web:1
  [[ "$output" == *"Released v1 of $APP-pr-7"* ]]
  serves "$APP-pr-7" "pvdify-test web v1"
  run -0 cat "$T/gh-comments.log"
  [ "${lines[0]}" = pr ] && [ "${lines[1]}" = comment ] && [ "${lines[2]}" = 7 ]
  [[ "$output" == *"$APP-pr-7"* ]]

  PVDIFY_PR=7 PVDIFY_TOKEN="$token" run -0 gh pvdify preview:teardown "$APP"
  [[ "$output" == *"Deleted preview app $APP-pr-7"* ]]
  PVDIFY_TOKEN="$ADMIN_TOKEN" run -3 gh pvdify status "$APP-pr-7"
  PVDIFY_PR=7 PVDIFY_TOKEN="$token" run -0 gh pvdify preview:teardown "$APP"
  [[ "$output" == *"already torn down"* ]]
}

@test "a failing PR comment is only a warning" {
  GH_SHIM_COMMENT_EXIT=1 GITHUB_REF=refs/pull/7/merge PVDIFY_TOKEN="$ADMIN_TOKEN" \
    run -0 gh pvdify preview "$APP" --image localhost/pvdify-test/web:1
  [[ "$output" == *"warning: could not comment on PR #7"* ]]
  PVDIFY_TOKEN="$ADMIN_TOKEN" run -0 gh pvdify preview:teardown "$APP" --pr 7
}

@test "deploy follows its operation's events and re-attaches after dropped streams, missing and repeating nothing" {
  GH_SHIM_CUT_EVENTS=300 PVDIFY_TOKEN="$ADMIN_TOKEN" run -0 --separate-stderr gh pvdify deploy "$APP" --image localhost/pvdify-test/web:1
  [[ "$output" == *"Released v1 of $APP"* ]]
  [ "$(cat "$T/cuts")" = 2 ]
  # shellcheck disable=SC2154 # bats sets $stderr for run --separate-stderr
  [[ "$stderr" == *"re-attaching"* ]]
  # the events as the server has them, once each and in order, against what the extension printed
  local id
  id="$(admin_curl "$PVDIFY_API_URL/api/v1/apps/$APP/operations?limit=1" | jq -r '.[0].id')"
  run -0 admin_curl -N "$PVDIFY_API_URL/api/v1/operations/$id/events"
  local expected printed
  expected="$(sed -n 's/^data: //p' <<< "$output" | jq -r '"-----> \(.stage): \(.message // "")"')"
  printed="$(grep '^-----> ' <<< "$stderr")"
  [ "$expected" = "$printed" ]
  grep -q -- '-----> health' <<< "$printed"
  grep -q -- '-----> succeeded' <<< "$printed"
  # re-attached with Last-Event-ID, never from the start
  grep -q -- '-H Last-Event-ID: [1-9]' "$T/curl-argv.log"
}

@test "--detach prints the operation at once; a deploy cancelled while queued exits 7; rollback follows too" {
  PVDIFY_TOKEN="$ADMIN_TOKEN" run -0 gh pvdify deploy "$APP" --image localhost/pvdify-test/web:1
  PVDIFY_TOKEN="$ADMIN_TOKEN" run -0 gh pvdify deploy "$APP" --image localhost/pvdify-test/web:2 --detach
  [[ "$output" =~ operation_id=([0-9]+) ]]
  local first="${BASH_REMATCH[1]}"
  # a second deploy queues behind the first; cancelling it while it waits ends it at once
  PVDIFY_TOKEN="$ADMIN_TOKEN" gh pvdify deploy "$APP" --image localhost/pvdify-test/web:1 > "$T/queued.out" 2>&1 &
  local pid=$! second=""
  for _ in $(seq 1 100); do
    second="$(admin_curl "$PVDIFY_API_URL/api/v1/apps/$APP/operations?limit=5" \
      | jq -r --argjson f "$first" '[.[] | select(.id > $f)][0].id // empty')"
    [ -n "$second" ] && break
    sleep 0.1
  done
  [ -n "$second" ]
  local code=0
  admin_curl -X DELETE "$PVDIFY_API_URL/api/v1/operations/$second" > /dev/null || code=$?
  local rc=0
  wait "$pid" || rc=$?
  if [ "$code" = 0 ]; then
    [ "$rc" = 7 ] || { cat "$T/queued.out"; false; }
    grep -q "was cancelled" "$T/queued.out"
  fi
  # the detached deploy went on by itself
  for _ in $(seq 1 120); do
    [ "$(admin_curl "$PVDIFY_API_URL/api/v1/operations/$first" | jq -r .state)" = succeeded ] && break
    sleep 0.5
  done
  [ "$(admin_curl "$PVDIFY_API_URL/api/v1/operations/$first" | jq -r .state)" = succeeded ]
  PVDIFY_TOKEN="$ADMIN_TOKEN" run -0 --separate-stderr gh pvdify rollback "$APP"
  [[ "$output" == *"Released v3 of $APP"* ]]
  [[ "$stderr" == *"-----> succeeded"* ]]
}

# no_workflow_commands TEXT: no line of TEXT (split at \n and \r, as the Actions runner reads its log) is a
# workflow command: none starts, after blanks, with :: or ##[.
no_workflow_commands() {
  if printf '%s\n' "$1" | tr '\r' '\n' | grep -nE '^[[:space:]]*(::|##\[)'; then
    echo "^ a workflow command the runner would obey" >&2
    return 1
  fi
}

@test "an app's ::stop-commands:: and other workflow-command lines are printed inert (failure reason, logs)" {
  # The image prints ::stop-commands::pvdify-evil, ::error ..., one behind a \r, and ##[error], then exits 3.
  PVDIFY_TOKEN="$ADMIN_TOKEN" run -5 gh pvdify deploy "$APP" --image localhost/pvdify-test/ghcommands:latest
  no_workflow_commands "$output"
  [[ "$output" == *'\::stop-commands::pvdify-evil'* ]]
  [[ "$output" == *'\::error title=owned::owned'* ]]
  [[ "$output" == *'\::add-mask::hidden'* ]]
  [[ "$output" == *'\##[error]old style'* ]]
  # The failed dyno is gone with its log; log lines as a dyno could print them (one at the start of a line
  # only after a \r) come from the curl shim.
  printf '%s\n' '2026-01-01T00:00:00.000000+00:00 app[web.1]: ::stop-commands::pvdify-evil' \
    $'2026-01-01T00:00:01.000000+00:00 app[web.1]: fine\r::add-mask::hidden' \
    $'2026-01-01T00:00:02.000000+00:00 app[web.1]: \e[31mred\e[0m' > "$T/hostile-logs"
  GH_SHIM_LOGS_BODY="$T/hostile-logs" PVDIFY_TOKEN="$ADMIN_TOKEN" run -0 gh pvdify logs "$APP" -n 100
  no_workflow_commands "$output"
  [[ "$output" == *'app[web.1]: ::stop-commands::pvdify-evil'* ]]
  [[ "$output" == *$'fine\n\\::add-mask::hidden'* ]]
  [[ "$output" != *$'\e'* ]]
}

@test "a preview token deploys APP-pr-N but never APP itself" {
  create_app "$APP"
  local token
  token="$(admin_curl -X POST -H 'Content-Type: application/json' -d "{\"kind\":\"preview\",\"app\":\"$APP\"}" \
    "$PVDIFY_API_URL/api/v1/tokens" | jq -er .secret)"
  PVDIFY_PR=7 PVDIFY_TOKEN="$token" run -0 gh pvdify preview "$APP" --image localhost/pvdify-test/web:1
  [[ "$output" == *"Released v1 of $APP-pr-7"* ]]
  PVDIFY_TOKEN="$token" run -4 gh pvdify deploy "$APP" --image localhost/pvdify-test/web:1
  [[ "$output" == *"forbidden"* ]]
  PVDIFY_PR=7 PVDIFY_TOKEN="$token" run -0 gh pvdify preview:teardown "$APP"
}
