"""Concurrent writers and crashes on Delta tables written by sluice.

- 4 processes x 100 appends to one table: 400 commits, contiguous versions,
  every row present exactly once (deltalake and sluice agree).
- A writer killed between writing its data files and its commit, or while
  writing a checkpoint, or at random moments, leaves the table readable at its
  last committed version by sluice and by deltalake.
"""
import json
import os
import random
import re
import signal
import subprocess
import threading
import time

import deltalake
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import run_sluice

SCHEMA = pa.schema([("writer", pa.int32()), ("seq", pa.int32()), ("id", pa.int64())])


def sluice(binary, *args, env=None):
    r = subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True, timeout=300,
                       env={**os.environ, **(env or {})})
    return r


def create(binary, table, interval):
    r = sluice(binary, "table", "create", table, "--schema", "writer INT, seq INT, id BIGINT",
               "--property", f"delta.checkpointInterval={interval}")
    assert r.returncode == 0, r.stderr


def batch_file(tmp_path, writer, seq, rows=10):
    f = tmp_path / f"in-{writer}-{seq}.parquet"
    ids = [(writer * 1000 + seq) * rows + i for i in range(rows)]
    pq.write_table(pa.table({"writer": [writer] * rows, "seq": [seq] * rows, "id": ids}, schema=SCHEMA), f)
    return f


def commit_versions(table):
    return sorted(int(p.name[:20]) for p in (table / "_delta_log").glob("*.json") if re.fullmatch(r"\d{20}\.json", p.name))


def sluice_count(binary, table, tmp_path):
    out = tmp_path / "cat.parquet"
    r = sluice(binary, "table", "cat", table, "--format", "parquet", "--output", out)
    assert r.returncode == 0, r.stderr
    return pq.read_table(out)


def test_four_writers_hundred_appends_each(sluice_bin, tmp_path):
    table = tmp_path / "table"
    create(sluice_bin, table, 10)
    writers, per_writer = 4, 100
    files = {(w, s): batch_file(tmp_path, w, s) for w in range(writers) for s in range(per_writer)}
    failures = []
    attempts = []

    def writer(w):
        for s in range(per_writer):
            r = sluice(sluice_bin, "table", "append", table, files[(w, s)])
            if r.returncode != 0:
                failures.append(r.stderr)
                return
            attempts.append(json.loads(r.stdout.strip().splitlines()[-1])["attempts"])

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures[:3]
    total = writers * per_writer
    assert commit_versions(table) == list(range(total + 1))
    assert max(attempts) >= 1 and len(attempts) == total
    dt = deltalake.DeltaTable(str(table))
    assert dt.version() == total
    rows = dt.to_pyarrow_table()
    assert rows.num_rows == total * 10
    assert len(set(rows.column("id").to_pylist())) == total * 10
    ours = sluice_count(sluice_bin, table, tmp_path)
    assert sorted(ours.column("id").to_pylist()) == sorted(rows.column("id").to_pylist())
    assert list((table / "_delta_log").glob("*.checkpoint.parquet")), "no checkpoint written"
    # Every commit after the creation holds exactly one add.
    for v in range(1, total + 1):
        lines = (table / "_delta_log" / f"{v:020d}.json").read_text().splitlines()
        assert sum(1 for line in lines if line.startswith('{"add"')) == 1, v


def assert_readable(binary, table, tmp_path, version, rows):
    dt = deltalake.DeltaTable(str(table))
    assert dt.version() == version
    assert dt.to_pyarrow_table().num_rows == rows
    assert sluice_count(binary, table, tmp_path).num_rows == rows
    r = sluice(binary, "table", "version", table)
    assert r.returncode == 0 and int(r.stdout) == version, r.stderr


def test_killed_between_data_files_and_commit(sluice_bin, tmp_path):
    table = tmp_path / "table"
    create(sluice_bin, table, 10)
    assert sluice(sluice_bin, "table", "append", table, batch_file(tmp_path, 0, 0)).returncode == 0
    r = sluice(sluice_bin, "table", "append", table, batch_file(tmp_path, 0, 1),
               env={"SLUICE_FAILPOINT": "delta.after_data_files"})
    assert r.returncode == -signal.SIGKILL
    data_files = list(table.glob("*.parquet"))
    assert len(data_files) == 2, "the killed writer's data file should exist but be uncommitted"
    assert_readable(sluice_bin, table, tmp_path, 1, 10)
    # The next writer is unaffected.
    assert sluice(sluice_bin, "table", "append", table, batch_file(tmp_path, 0, 2)).returncode == 0
    assert_readable(sluice_bin, table, tmp_path, 2, 20)


@pytest.mark.parametrize("point", ["delta.checkpoint.before_publish", "delta.checkpoint.before_last_checkpoint"])
def test_killed_while_writing_checkpoint(sluice_bin, tmp_path, point):
    table = tmp_path / "table"
    create(sluice_bin, table, 2)
    assert sluice(sluice_bin, "table", "append", table, batch_file(tmp_path, 0, 0)).returncode == 0
    # Version 2 is a checkpoint version: the commit lands, the checkpoint dies.
    r = sluice(sluice_bin, "table", "append", table, batch_file(tmp_path, 0, 1), env={"SLUICE_FAILPOINT": point})
    assert r.returncode == -signal.SIGKILL
    assert_readable(sluice_bin, table, tmp_path, 2, 20)
    for v in range(3, 6):
        assert sluice(sluice_bin, "table", "append", table, batch_file(tmp_path, 0, v)).returncode == 0
    assert_readable(sluice_bin, table, tmp_path, 5, 50)


def test_killed_at_random_moments(sluice_bin, tmp_path):
    rng = random.Random(5)
    table = tmp_path / "table"
    create(sluice_bin, table, 1)  # a checkpoint after every commit
    rows_per_file = 200000
    big = batch_file(tmp_path, 1, 1, rows=rows_per_file)
    # How long one whole append takes here: kills land uniformly inside it.
    start = time.monotonic()
    assert sluice(sluice_bin, "table", "append", table, big).returncode == 0
    duration = time.monotonic() - start
    kills = 0
    for i in range(20):
        p = subprocess.Popen([str(sluice_bin), "table", "append", str(table), str(big)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.0, duration))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            kills += 1
        p.wait()
        version = commit_versions(table)[-1]
        assert_readable(sluice_bin, table, tmp_path, version, version * rows_per_file)
    assert kills >= 5, f"only {kills} of 20 writers were killed mid-way"
