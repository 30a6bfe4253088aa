"""Shared fixtures for interop tests: where the sluice binary and test data are."""
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
TESTDATA = (REPO / ".." / "shared" / "testdata").resolve()
PARQUET_TESTING = TESTDATA / "parquet-testing"


def _binary(env_name, default):
    path = pathlib.Path(os.environ.get(env_name, default))
    if not path.exists():
        raise RuntimeError(f"{path} does not exist: build sluice first (scripts/build.sh)")
    return path


@pytest.fixture(scope="session")
def sluice_bin():
    return _binary("SLUICE_BIN", REPO / "build" / "bin" / "sluice")


@pytest.fixture(scope="session")
def test_jobs_bin():
    """The crash-loop jobs (tests/jobs): `sluice-test-jobs keyed-count|window-to-delta|...`."""
    return _binary("SLUICE_TEST_JOBS_BIN", REPO / "build" / "bin" / "sluice-test-jobs")


@pytest.fixture(scope="session")
def sluice_asan_bin():
    return _binary("SLUICE_ASAN_BIN", REPO / "build" / "asan" / "bin" / "sluice")


def run_sluice(binary, *args, timeout=120):
    """Runs sluice and returns the CompletedProcess (never raises on exit code)."""
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1")
    return subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env=env)
