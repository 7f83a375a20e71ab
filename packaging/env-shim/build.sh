#!/usr/bin/env bash
# Builds the static env shim (packaging/env-shim/pvdify-env-shim.c) into OUT (default: target/ of this checkout).
# Needs gcc and a static libc (Debian: gcc, libc6-dev; scripts/lib/packages.sh installs them).
#   packaging/env-shim/build.sh [OUT]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-$HERE/../../target/pvdify-env-shim}"
mkdir -p "$(dirname "$OUT")"
SRC="$HERE/pvdify-env-shim.c"
if [ -x "$OUT" ] && [ "$OUT" -nt "$SRC" ]; then
  exit 0
fi
gcc -static -Os -s -Wall -Wextra -Werror -o "$OUT.tmp" "$SRC"
chmod 755 "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
echo "env-shim: built $OUT"
