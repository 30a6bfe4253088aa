#!/usr/bin/env bash
# Installs everything a fresh Debian 12 machine lacks to build, test and
# benchmark sluice: Debian -dev packages, then a Python virtual environment
# inside the build tree (build/venv) with pinned test tools.
# Idempotent: re-running is cheap when everything is present.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

debs=(
  build-essential cmake ninja-build pkg-config git ccache
  clang-14 libclang-rt-14-dev clang-format
  libzstd-dev libsnappy-dev liblz4-dev zlib1g-dev libbrotli-dev
  libsimdjson-dev libfmt-dev libcli11-dev libxxhash-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  librocksdb-dev libroaring-dev libcurl4-openssl-dev
  python3-venv
)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

venv="$here/build/venv"
req="$here/scripts/requirements.txt"
stamp="$venv/.requirements.sha"
want=$(sha256sum "$req" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: creating Python environment in build/venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip
  "$venv/bin/pip" install -q -r "$req"
  echo "$want" >"$stamp"
fi

# The optional slow tier: Spark + Delta Lake on Java 17 (tests/interop/test_delta_spark.py).
if [ "${SLUICE_SLOW:-}" = 1 ]; then
  if ! dpkg-query -W -f='${Status}' openjdk-17-jre-headless 2>/dev/null | grep -q "install ok installed"; then
    echo "setup: installing Debian package openjdk-17-jre-headless (slow tier)"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  fi
  req_slow="$here/scripts/requirements-slow.txt"
  stamp_slow="$venv/.requirements-slow.sha"
  want_slow=$(sha256sum "$req_slow" | cut -d' ' -f1)
  if [ ! -f "$stamp_slow" ] || [ "$(cat "$stamp_slow")" != "$want_slow" ]; then
    echo "setup: installing Spark + Delta Lake into build/venv (slow tier)"
    "$venv/bin/pip" install -q -r "$req_slow"
    echo "$want_slow" >"$stamp_slow"
  fi
fi
