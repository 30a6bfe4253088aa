#!/usr/bin/env bash
# Runs every libFuzzer target in build/asan for N seconds (default 60) on a
# seed corpus built from ../shared/testdata plus what earlier runs found.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
seeds="$here/../shared/testdata/parquet-testing"
shopt -s nullglob
targets=("$here"/build/asan/bin/*_fuzz)
if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz: no fuzz targets built (run scripts/build.sh asan)" >&2
  exit 1
fi
for t in "${targets[@]}"; do
  name=$(basename "$t")
  corpus="$here/build/asan/corpus/$name"
  mkdir -p "$corpus"
  echo "fuzz: $name for ${secs}s"
  "$t" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=0 \
    "$corpus" "$seeds/data" "$seeds/bad_data" >"$here/build/asan/$name.log" 2>&1 || {
      tail -50 "$here/build/asan/$name.log"; echo "fuzz: $name FAILED" >&2; exit 1; }
  grep -E '^Done|stat::' "$here/build/asan/$name.log" | tail -2 || true
done
