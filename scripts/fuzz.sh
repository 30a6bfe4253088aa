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
# Seed corpus: the parquet-testing files, except large_string_map.brotli
# (a few KiB that decompress to over 1 GiB: legitimately slow, not a bug).
seed_dir="$here/build/asan/seeds"
rm -rf "$seed_dir" && mkdir -p "$seed_dir"
find "$seeds/data" "$seeds/bad_data" -name '*.parquet' ! -name 'large_string_map*' -exec cp {} "$seed_dir/" \;
for t in "${targets[@]}"; do
  name=$(basename "$t")
  corpus="$here/build/asan/corpus/$name"
  mkdir -p "$corpus"
  echo "fuzz: $name for ${secs}s"
  "$t" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=0 -artifact_prefix="$here/build/asan/" \
    "$corpus" "$seed_dir" >"$here/build/asan/$name.log" 2>&1 || {
      tail -50 "$here/build/asan/$name.log"; echo "fuzz: $name FAILED" >&2; exit 1; }
  grep -E '^Done|stat::' "$here/build/asan/$name.log" | tail -2 || true
done
