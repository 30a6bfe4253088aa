"""Done-when 1 of issue 5: exactly-once into Delta under SIGKILL.

`sluice-test-jobs window-to-delta` runs a seeded generator -> KeyBy(key) ->
tumbling event-time window count/sum -> Delta sink, checkpointing every
200 ms. It is SIGKILLed at random moments at least 30 times, restarting from
its latest checkpoint each time, until it completes. deltalake then reads the
table: it must hold exactly the rows of an uninterrupted run (which must equal
the windows computed here in Python from the generator's formula), every
version must be readable with no duplicate window, and the sink's txn version
must strictly increase from commit to commit.
"""
import random
import subprocess
from collections import defaultdict

import deltalake
import numpy as np

from stream_kill import check_every_version, run_with_kills, txn_versions

EVENTS = 120000
RATE = 5000  # rows per second per source subtask: an uninterrupted run takes ~12 s
PARALLELISM = 2
KEYS = 40
WINDOW_MS = 1000
DISORDER_MS = 20
SEED = 17
KILLS = 30
APP_ID = "window-to-delta-test"
T0_MS = 1767225600000  # the job's event-time origin (2026-01-01)
M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def generator_random(seed, index, stream):
    """GeneratorRandom (stream/sources/generator_source.cc), vectorised: splitmix64 of (seed, index, stream)."""
    with np.errstate(over="ignore"):
        z = (np.uint64(seed) * np.uint64(0x9E3779B97F4A7C15) + index.astype(np.uint64) * np.uint64(0xBF58476D1CE4E5B9)
             + np.uint64(stream) * np.uint64(0x94D049BB133111EB)) & M64
        z = ((z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)) & M64
        z = ((z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)) & M64
        return z ^ (z >> np.uint64(31))


def expected_windows():
    """(key, window_start_us, window_end_us, n, total) of every window, computed from the generator's formula."""
    i = np.arange(EVENTS, dtype=np.int64)
    begins = np.array([EVENTS * s // PARALLELISM for s in range(PARALLELISM)], dtype=np.int64)
    begin = begins[np.searchsorted(begins, i, side="right") - 1]
    key = (generator_random(SEED, i, 1) % np.uint64(KEYS)).astype(np.int64)
    value = (generator_random(SEED, i, 2) % np.uint64(1000)).astype(np.int64)
    jitter = (generator_random(SEED, i, 3) % np.uint64(DISORDER_MS + 1)).astype(np.int64)
    ts = T0_MS + i - begin - jitter
    start = ts // WINDOW_MS * WINDOW_MS
    acc = defaultdict(lambda: [0, 0])
    for k, s, v in zip(key.tolist(), start.tolist(), value.tolist()):
        a = acc[(k, s)]
        a[0] += 1
        a[1] += v
    return sorted((k, s * 1000, (s + WINDOW_MS) * 1000, n, t) for (k, s), (n, t) in acc.items())


def table_rows(table):
    t = deltalake.DeltaTable(str(table)).to_pyarrow_table()
    cols = [t.column(c).cast("int64").to_pylist() for c in ("key", "window_start", "window_end", "n", "total")]
    return sorted(zip(*cols))


def job_args(test_jobs_bin, table, chk, rate, restore):
    args = [str(test_jobs_bin), "window-to-delta", "--table", str(table), "--checkpoint-dir", str(chk),
            "--app-id", APP_ID, "--events", str(EVENTS), "--seed", str(SEED), "--keys", str(KEYS),
            "--parallelism", str(PARALLELISM), "--rate", str(rate), "--window-ms", str(WINDOW_MS),
            "--disorder-ms", str(DISORDER_MS), "--interval-ms", "200"]
    return args + (["--restore"] if restore else [])


def test_window_to_delta_exactly_once_under_sigkill(test_jobs_bin, tmp_path):
    expected = expected_windows()
    ref = tmp_path / "reference"
    subprocess.run(job_args(test_jobs_bin, ref, tmp_path / "ref-chk", 0, False), check=True, timeout=60,
                   capture_output=True)
    assert table_rows(ref) == expected  # the uninterrupted run is right

    table, chk = tmp_path / "table", tmp_path / "chk"
    rng = random.Random(2026)
    landed = run_with_kills(lambda attempt: job_args(test_jobs_bin, table, chk, RATE, attempt > 0), rng, KILLS,
                            alive=(0.1, 0.6))
    assert landed >= KILLS

    got = table_rows(table)
    assert len(got) == len(expected)  # nothing lost, nothing twice
    assert got == table_rows(ref)

    versions = check_every_version(str(table), APP_ID, ["key", "window_start"])
    txns = txn_versions(str(table), APP_ID)
    assert len(txns) >= 10, txns  # one commit per completed checkpoint
    ids = [t for _, t in txns]
    assert all(a < b for a, b in zip(ids, ids[1:])), ids  # strictly increasing from commit to commit
    assert deltalake.DeltaTable(str(table)).transaction_version(APP_ID) == ids[-1]
    print(f"{landed} kills, {versions} versions, txn versions {ids[0]}..{ids[-1]}")
