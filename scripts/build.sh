#!/usr/bin/env bash
# Builds sluice. Usage: scripts/build.sh [release|asan] [ninja targets...]
#   release -> build/        (build/bin/sluice, sluice-test-jobs, unit tests, benchmarks)
#   asan    -> build/asan/   (clang: unit tests, the CLI, the test jobs and the
#                             libFuzzer targets, all under AddressSanitizer + UBSan)
# With targets, builds only those (the demo builds `sluice_cli` alone).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
kind=${1:-release}
shift || true
jobs=${SLUICE_JOBS:-$(nproc)}
case "$kind" in
  release)
    cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    ninja -C "$here/build" -j "$jobs" "$@" ;;
  asan)
    # One sanitizer build serves the unit tests and the fuzzers (clang, since
    # libFuzzer needs it), so CI compiles the code twice, not three times.
    cmake -S "$here" -B "$here/build/asan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSLUICE_SANITIZE=ON \
      -DSLUICE_FUZZ=ON -DSLUICE_BUILD_BENCH=OFF -DCMAKE_C_COMPILER=clang-14 \
      -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
    ninja -C "$here/build/asan" -j "$jobs" "$@" ;;
  *) echo "usage: $0 [release|asan]" >&2; exit 2 ;;
esac
