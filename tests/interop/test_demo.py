"""`sluice demo` (the README's first command): the Parquet file, the worked
example and the streaming part, checked with pyarrow and deltalake."""
import re
import subprocess

import deltalake
import pyarrow.parquet as pq

SECONDS, RATE = 3, 5000


def test_demo_runs_and_writes_what_it_says(sluice_bin, tmp_path):
    r = subprocess.run([str(sluice_bin), "demo", "--dir", str(tmp_path), "--rows", "1000", "--seconds",
                        str(SECONDS), "--rate", str(RATE)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert pq.read_table(tmp_path / "events.parquet").num_rows == 1000

    # The worked example.
    assert all(f"  key-{i}: 1" in out.splitlines() for i in range(10)), out
    assert deltalake.DeltaTable(str(tmp_path / "my_table")).to_pyarrow_table().num_rows == 10

    # The streaming part: every event counted once in the table deltalake reads...
    dt = deltalake.DeltaTable(str(tmp_path / "event_counts"))
    t = dt.to_pyarrow_table()
    assert sum(t.column("events").to_pylist()) == SECONDS * RATE
    keys = list(zip(t.column("user_id").to_pylist(), t.column("window_start").to_pylist()))
    assert len(keys) == len(set(keys))
    assert dt.version() >= SECONDS  # about one commit per 1-s checkpoint
    # ...the tail printed each version it read, and saw every row...
    tail = [line for line in out.splitlines() if line.startswith("  tail: table v")]
    assert len(tail) >= SECONDS - 1
    assert sum(int(re.search(r"\+(\d+) rows", line).group(1)) for line in tail) == t.num_rows
    assert f"the tail saw all {t.num_rows:,} rows" in out
    # ...under a progress line, and the demo says where the table is.
    progress = [line for line in out.splitlines() if "rows/s" in line and "commits" in line and "latency" in line]
    assert len(progress) >= SECONDS
    assert f"source 'events' x2: {SECONDS * RATE:,} rows in" in out, out
    assert str(tmp_path / "event_counts") in out and "deltalake.DeltaTable(" in out
