# shellcheck shell=bash
# shellcheck disable=SC2154 # output and status are set by bats' run
# The README's quick start, run as written by the bats suites of both set-up paths (packaging/test/install.bats
# on systemd, scripts/test/no-systemd.bats without), so the README's first commands are known to work on each.
# The suite defines two functions first: pvdify (the CLI of its install) and curl (the real curl, sent to its
# Caddy: the README's port 80 is not free on a shared test host). REPO is the checkout.

# The quick start's code block, one command per line (blank lines left out).
quick_start() {
  awk '/^## Quick start/ { q = 1 } q && /^```bash$/ { b = 1; next } b && /^```$/ { exit } b && NF' "$REPO/README.md"
}

# run_quick_start: every command of the block in order; each must succeed, and a curl line must answer (within
# 30 s: a release switches traffic in the background) with the text its comment promises in "quotes"
# ("the same": the promise of the curl line before).
run_quick_start() {
  local line cmd comment expect="" ok
  while IFS= read -r line <&4; do
    cmd="$line" comment=""
    if [[ "$line" =~ ^(.*[^[:space:]])[[:space:]]{2,}#[[:space:]]*(.*)$ ]]; then
      cmd="${BASH_REMATCH[1]}" comment="${BASH_REMATCH[2]}"
    fi
    # The suites build the test images into the Podman storage their install uses.
    [ "$cmd" = "bash scripts/test-images.sh" ] && continue
    echo "\$ $cmd"
    if [[ "$cmd" != curl* ]]; then
      run eval "$cmd"
      echo "$output"
      [ "$status" -eq 0 ] || return 1
      continue
    fi
    [[ "$comment" == "the same"* ]] || expect="$(grep -o '"[^"]*"' <<< "$comment" | head -n 1 | tr -d '"' || true)"
    ok=0
    for _ in $(seq 1 30); do
      run eval "$cmd --fail --silent --show-error --max-time 10"
      if [ "$status" -eq 0 ] && [[ "$output" == *"$expect"* ]]; then ok=1; break; fi
      sleep 1
    done
    echo "$output"
    [ "$ok" = 1 ] || { echo "expected '$expect'"; return 1; }
  done 4< <(quick_start)
  # The block ends by deleting my-app: nothing of it is left.
  run pvdify apps:info my-app
  [ "$status" -eq 3 ] || { echo "my-app is still there: $output"; return 1; }
}
