#!/usr/bin/env bash
# Builds sluice. Usage: scripts/build.sh [release|asan|fuzz]
#   release -> build/        (build/bin/sluice, unit tests, benchmarks)
#   asan    -> build/asan/   (unit tests under AddressSanitizer + UBSan)
#   fuzz    -> build/fuzz/   (libFuzzer targets, clang)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
kind=${1:-release}
jobs=${SLUICE_JOBS:-$(nproc)}
case "$kind" in
  release)
    cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    ninja -C "$here/build" -j "$jobs" ;;
  asan)
    cmake -S "$here" -B "$here/build/asan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSLUICE_SANITIZE=ON \
      -DSLUICE_BUILD_BENCH=OFF >/dev/null
    ninja -C "$here/build/asan" -j "$jobs" sluice_tests sluice_cli ;;
  fuzz)
    cmake -S "$here" -B "$here/build/fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSLUICE_FUZZ=ON \
      -DSLUICE_BUILD_TESTS=OFF -DSLUICE_BUILD_BENCH=OFF -DCMAKE_C_COMPILER=clang-14 \
      -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
    ninja -C "$here/build/fuzz" -j "$jobs" ;;
  *) echo "usage: $0 [release|asan|fuzz]" >&2; exit 2 ;;
esac
