#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, builds, then
#   1. unit tests (GoogleTest via ctest), release build
#   2. unit tests again under AddressSanitizer + UBSan
#   3. fuzz targets (same sanitizer build), each for a bounded time on its seed corpus
#   4. interop tests against real peers (pytest: pyarrow, DuckDB, polars, deltalake;
#      with SLUICE_SLOW=1 also Apache Spark + Delta Lake, in one JVM: --dist loadgroup)
# Environment: SLUICE_FUZZ_SECONDS (default 60 per target), SLUICE_SLOW=1 (slow tier).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/setup.sh
bash scripts/build.sh release
bash scripts/build.sh asan

echo "== unit tests (release)"
ctest --test-dir build --output-on-failure -j "$(nproc)"

echo "== unit tests (ASan + UBSan)"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/asan --output-on-failure -j "$(nproc)"

echo "== fuzz targets"
bash scripts/fuzz.sh "${SLUICE_FUZZ_SECONDS:-60}"

echo "== interop tests (pytest)"
SLUICE_BIN="$here/build/bin/sluice" SLUICE_ASAN_BIN="$here/build/asan/bin/sluice" \
  build/venv/bin/python -m pytest -q -n "$(nproc)" --dist loadgroup tests/interop
