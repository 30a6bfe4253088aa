#!/usr/bin/env bash
# Shows that the build enforces the layering: builds every layer probe listed
# in <build>/layer_probes.txt (see CMakeLists.txt). An "ok" probe (a header of
# a lower layer) must compile; a "bad" probe (a header of a layer above or
# beside) must fail with "file not found". Usage: scripts/check_layers.sh [build-dir]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
list="$build/layer_probes.txt"
[ -f "$list" ] || { echo "check_layers: $list missing (configure with scripts/build.sh first)" >&2; exit 1; }
failures=0
while read -r expect target layer header; do
  [ -n "$expect" ] || continue
  if out=$(ninja -C "$build" "$target" 2>&1); then
    if [ "$expect" = ok ]; then
      echo "layers: $layer may include $header: builds"
    else
      echo "layers: FAIL: $layer includes $header and it built" >&2; failures=$((failures + 1))
    fi
  else
    if [ "$expect" = bad ] && grep -qiE 'no such file|file not found' <<<"$out"; then
      echo "layers: $layer cannot include $header: $(grep -iE -m1 -o "[^ ]*: no such file or directory|'[^']*' file not found" <<<"$out")"
    else
      echo "$out" | tail -20 >&2
      echo "layers: FAIL: probe $target ($expect) failed unexpectedly" >&2; failures=$((failures + 1))
    fi
  fi
done <"$list"
[ "$failures" -eq 0 ] || { echo "check_layers: $failures probe(s) failed" >&2; exit 1; }
echo "check_layers: every probe behaved"
