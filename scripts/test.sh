#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, builds, then
#   1. the layer check: an upward include fails to build (scripts/check_layers.sh)
#   2. unit tests (GoogleTest via ctest), release build
#   3. unit tests again under AddressSanitizer + UBSan
#   4. fuzz targets (same sanitizer build): the regressions in tests/regressions/,
#      then each target for a bounded time on its seed corpus
#   5. interop tests against real peers (pytest: pyarrow, DuckDB, polars, deltalake;
#      with SLUICE_SLOW=1 also Apache Spark + Delta Lake, in one JVM: --dist loadgroup)
# Each stage prints its duration, and the total at the end.
# Environment: SLUICE_FUZZ_SECONDS (default 60 per target), SLUICE_SLOW=1 (slow tier).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

suite_start=$SECONDS
stage_start=$SECONDS
stage_name=""
stage() {
  if [ -n "$stage_name" ]; then
    printf '== %s: %dm%02ds\n' "$stage_name" $(((SECONDS - stage_start) / 60)) $(((SECONDS - stage_start) % 60))
  fi
  stage_name=$1
  stage_start=$SECONDS
  [ -n "$stage_name" ] && echo "== $stage_name"
  return 0
}

stage "setup"
bash scripts/setup.sh
stage "build (release)"
bash scripts/build.sh release
stage "build (ASan + UBSan)"
bash scripts/build.sh asan

stage "layer check"
bash scripts/check_layers.sh build

stage "unit tests (release)"
ctest --test-dir build --output-on-failure -j "$(nproc)"

stage "unit tests (ASan + UBSan)"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/asan --output-on-failure -j "$(nproc)"

stage "fuzz targets"
bash scripts/fuzz.sh "${SLUICE_FUZZ_SECONDS:-60}"

stage "interop tests (pytest)"
SLUICE_BIN="$here/build/bin/sluice" SLUICE_ASAN_BIN="$here/build/asan/bin/sluice" \
  SLUICE_TEST_JOBS_BIN="$here/build/bin/sluice-test-jobs" \
  build/venv/bin/python -m pytest -q -n "$(nproc)" --dist loadgroup --durations=15 tests/interop

stage ""
printf '== total: %dm%02ds\n' $(((SECONDS - suite_start) / 60)) $(((SECONDS - suite_start) % 60))
