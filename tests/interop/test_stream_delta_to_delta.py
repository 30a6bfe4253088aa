"""Done-when 2 of issue 5: Delta -> Delta exactly once.

`sluice-test-jobs delta-to-delta` follows table A with the continuous Delta
source (polling every 100 ms, up to a given end version), maps each row and
writes table B with the Delta sink. While another process appends to A with
deltalake, the job is SIGKILLed at random moments and restarted from its
latest checkpoint. At the end B must equal transform(A) exactly.
"""
import random
import subprocess
import sys

import deltalake
import pyarrow as pa

from stream_kill import check_every_version, run_with_kills, txn_versions

APPENDS = 40  # versions 1..APPENDS appended while the job runs (version 0 exists before)
KILLS = 15
APP_ID = "delta-to-delta-test"

APPENDER = r"""
import random, sys, time
import pyarrow as pa
import deltalake
table, appends, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
next_id = 1_000_000
for v in range(appends):
    n = rng.randint(1, 400)
    rows = {"id": list(range(next_id, next_id + n)), "key": [rng.randint(0, 9) for _ in range(n)],
            "value": [rng.randint(-1000, 1000) for _ in range(n)]}
    next_id += n
    deltalake.write_deltalake(table, pa.table({k: pa.array(c, pa.int64()) for k, c in rows.items()}), mode="append")
    time.sleep(rng.uniform(0.05, 0.35))
"""


def transform(rows):
    """The job's map (stream_test_delta.cc, RunDeltaToDelta)."""
    return sorted((r["id"], r["key"], r["value"], 2 * r["value"] + 1, f"k{r['key']}") for r in rows)


def test_delta_to_delta_exactly_once_under_sigkill(test_jobs_bin, tmp_path):
    a, b, chk = tmp_path / "a", tmp_path / "b", tmp_path / "chk"
    first = pa.table({"id": pa.array(range(500), pa.int64()), "key": pa.array([i % 10 for i in range(500)], pa.int64()),
                      "value": pa.array([i * 7 % 101 for i in range(500)], pa.int64())})
    deltalake.write_deltalake(str(a), first)
    appender = subprocess.Popen([sys.executable, "-c", APPENDER, str(a), str(APPENDS), "5"], stderr=subprocess.PIPE)

    def args_for(attempt):
        args = [str(test_jobs_bin), "delta-to-delta", "--source", str(a), "--version", "0",
                "--end-version", str(APPENDS), "--poll-ms", "100", "--table", str(b), "--checkpoint-dir", str(chk),
                "--app-id", APP_ID, "--interval-ms", "200"]
        return args + (["--restore"] if attempt > 0 else [])

    try:
        landed = run_with_kills(args_for, random.Random(77), KILLS, alive=(0.15, 0.7))
    finally:
        appender.wait(timeout=60)
    assert appender.returncode == 0, appender.stderr.read().decode()
    assert landed >= KILLS
    a_dt = deltalake.DeltaTable(str(a))
    assert a_dt.version() == APPENDS
    expected = transform(a_dt.to_pyarrow_table().to_pylist())
    got = sorted(tuple(r.values()) for r in deltalake.DeltaTable(str(b)).to_pyarrow_table().to_pylist())
    assert len(got) == len(expected)
    assert got == expected

    check_every_version(str(b), APP_ID, ["id"])
    ids = [t for _, t in txn_versions(str(b), APP_ID)]
    assert len(ids) >= 5
    assert all(x < y for x, y in zip(ids, ids[1:])), ids
