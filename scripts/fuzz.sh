#!/usr/bin/env bash
# Runs every libFuzzer target in build/asan for N seconds (default 60):
#   1. replays tests/regressions/<target>/ (fuzz finds kept as regressions):
#      any crash fails the run;
#   2. fuzzes on a seed corpus in the target's own input format (from
#      ../shared/testdata) plus what earlier runs found.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
testdata="$here/../shared/testdata"
shopt -s nullglob
targets=("$here"/build/asan/bin/*_fuzz)
if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz: no fuzz targets built (run scripts/build.sh asan)" >&2
  exit 1
fi

# Seeds per target, in the format it parses. Parquet: the parquet-testing
# files, except large_string_map.brotli (a few KiB that decompress to over
# 1 GiB: legitimately slow, not a bug).
seed_root="$here/build/asan/seeds"
rm -rf "$seed_root" && mkdir -p "$seed_root"/{parquet,delta_json,delta_checkpoint,text,watch_position,expr}
find "$testdata/parquet-testing/data" "$testdata/parquet-testing/bad_data" -name '*.parquet' ! -name 'large_string_map*' \
  -exec cp {} "$seed_root/parquet/" \;
i=0
while IFS= read -r f; do cp "$f" "$seed_root/delta_json/$((i++)).json"; done \
  < <(find "$testdata/delta" -path '*_delta_log/*.json' -size -64k | sort | head -400)
while IFS= read -r f; do cp "$f" "$seed_root/delta_checkpoint/$((i++)).parquet"; done \
  < <(find "$testdata/delta" -name '*.checkpoint*.parquet' -size -256k | sort)
# Text readers: a flags byte, then CSV or JSON-lines text.
while IFS= read -r f; do { printf '\x00'; head -c 4096 "$f"; } >"$seed_root/text/$((i++))"; done \
  < <(find "$testdata/parquet-testing" -name '*.csv' | sort)
printf '\x10{"a": 1, "b": "x", "c": 1.25, "e": {"x": 1, "y": [true]}}\n{"a": null}\n' >"$seed_root/text/json"
printf '\x00a,b\n1,"x ""y"""\n2,\n' >"$seed_root/text/csv"
printf 'w1 2 7 5:c.csv 0 5:a.csv 0 5:b.csv' >"$seed_root/watch_position/one"
# Expressions: the filters the tests and README use, one per file.
j=0
for e in "a = 1 AND (s > 'x' OR d IS NULL)" "a IN (1, 2, NULL)" "NOT x <= 2.5" "a * 2 + 1 > 10 OR b" \
  "d BETWEEN DATE '2021-01-01' AND '2021-12-31'" "\`a\` % 3 = -1" "s NOT IN ('p', 'q''r')" "x / 0 >= 1e308"; do
  printf '%s' "$e" >"$seed_root/expr/$((j++))"
done

seeds_for() {
  case "$1" in
    delta_log_json_fuzz) echo "$seed_root/delta_json" ;;
    delta_checkpoint_fuzz) echo "$seed_root/delta_checkpoint" ;;
    text_readers_fuzz) echo "$seed_root/text" ;;
    watch_position_fuzz) echo "$seed_root/watch_position" ;;
    expr_parse_fuzz) echo "$seed_root/expr" ;;
    *) echo "$seed_root/parquet" ;;
  esac
}

for t in "${targets[@]}"; do
  name=$(basename "$t")
  regressions=()
  extra=()
  if [ -d "$here/tests/regressions/$name" ]; then
    regressions=("$here/tests/regressions/$name"/*)
    extra=("$here/tests/regressions/$name")
  fi
  if [ ${#regressions[@]} -gt 0 ]; then
    echo "fuzz: $name replays ${#regressions[@]} regression input(s)"
    "$t" -runs=1 "${regressions[@]}" >"$here/build/asan/$name.replay.log" 2>&1 || {
      tail -50 "$here/build/asan/$name.replay.log"; echo "fuzz: $name FAILED on tests/regressions/$name" >&2; exit 1; }
  fi
  corpus="$here/build/asan/corpus/$name"
  mkdir -p "$corpus"
  echo "fuzz: $name for ${secs}s"
  "$t" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=0 \
    -artifact_prefix="$here/build/asan/" "$corpus" "$(seeds_for "$name")" "${extra[@]}" \
    >"$here/build/asan/$name.log" 2>&1 || {
      tail -50 "$here/build/asan/$name.log"; echo "fuzz: $name FAILED" >&2; exit 1; }
  grep -E '^Done|stat::' "$here/build/asan/$name.log" | tail -2 || true
done
