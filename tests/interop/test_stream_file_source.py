"""The file source (issue 4) against pyarrow: pyarrow writes CSV and Parquet
files, `sluice-test-jobs files-to-delta` reads them into a Delta table, and
deltalake's view of that table must hold exactly pyarrow's rows.

- bounded: CSV, Parquet and a directory mixing both (types inferred from the
  first file), at parallelism 3;
- watched: a writer process lands files by rename while the job is SIGKILLed
  at random moments and restarted from its latest checkpoint; every row must
  arrive exactly once.
"""
import datetime
import pathlib
import random
import subprocess
import sys
import time

import deltalake
import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from conftest import run_sluice
from stream_kill import run_with_kills

COLUMNS = ["id", "name", "score", "ok", "day"]


def make_rows(first_id, n, rng):
    """Rows with nulls, quoting-worthy and non-ASCII strings; no string nulls
    (CSV has no null string distinct from the empty one)."""
    names = ['plain', 'with,comma', 'with "quotes"', 'line\nbreak', 'ünï €', '']
    return pa.table({
        "id": pa.array(range(first_id, first_id + n), pa.int64()),
        "name": pa.array([rng.choice(names) + str(i) for i in range(n)], pa.string()),
        "score": pa.array([None if rng.random() < 0.1 else rng.randint(-10**6, 10**6) / 4 + 0.125
                           for _ in range(n)], pa.float64()),
        "ok": pa.array([None if rng.random() < 0.1 else rng.random() < 0.5 for _ in range(n)], pa.bool_()),
        "day": pa.array([None if rng.random() < 0.1 else datetime.date(2000, 1, 1) + datetime.timedelta(rng.randint(0, 9000))
                         for _ in range(n)], pa.date32()),
    })


def write(table, path):
    if str(path).endswith(".csv"):
        pcsv.write_csv(table, str(path))
    else:
        pq.write_table(table, str(path), row_group_size=300)


def sorted_rows(table):
    return sorted((tuple(r[c] for c in COLUMNS) for r in table.select(COLUMNS).to_pylist()), key=repr)


def read_delta(path):
    return deltalake.DeltaTable(str(path)).to_pyarrow_table()


def test_bounded_directories_match_pyarrow(test_jobs_bin, tmp_path):
    rng = random.Random(11)
    for kind, exts in [("csv", [".csv"]), ("parquet", [".parquet"]), ("mixed", [".csv", ".parquet"])]:
        src = tmp_path / kind
        src.mkdir()
        written, next_id = [], 0
        for i in range(6):
            t = make_rows(next_id, rng.randint(1, 900), rng)
            next_id += t.num_rows
            write(t, src / f"part-{i:03d}{exts[i % len(exts)]}")
            written.append(t)
        (src / "_SUCCESS").write_text("")
        write(make_rows(10**9, 5, rng), src / f".hidden{exts[0]}")
        table, chk = tmp_path / f"{kind}-table", tmp_path / f"{kind}-chk"
        r = run_sluice(test_jobs_bin, "files-to-delta", "--input", src, "--table", table,
                       "--checkpoint-dir", chk, "--parallelism", 3, "--batch-rows", 128)
        assert r.returncode == 0, r.stderr
        got = read_delta(table)
        expected = pa.concat_tables(written)
        assert got.schema.field("day").type == pa.date32(), (kind, got.schema)
        assert got.schema.field("score").type == pa.float64(), (kind, got.schema)
        assert got.num_rows == expected.num_rows, kind
        assert sorted_rows(got) == sorted_rows(expected), kind


def test_mismatching_file_fails_naming_it(test_jobs_bin, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    rng = random.Random(2)
    write(make_rows(0, 50, rng), src / "a.csv")
    write(make_rows(50, 50, rng).drop(["ok"]), src / "b.parquet")
    r = run_sluice(test_jobs_bin, "files-to-delta", "--input", src, "--table", tmp_path / "t",
                   "--checkpoint-dir", tmp_path / "chk")
    assert r.returncode != 0
    assert f"{src / 'b.parquet'}: no column named 'ok'" in r.stderr, r.stderr


WRITER = r"""
import datetime, os, random, sys, time
import pyarrow as pa, pyarrow.csv as pcsv, pyarrow.parquet as pq
sys.path.insert(0, sys.argv[4])
from test_stream_file_source import make_rows, write
out, files, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
next_id = 0
for i in range(files):
    t = make_rows(next_id, rng.randint(50, 1500), rng)
    next_id += t.num_rows
    name = f"f{i:04d}" + (".csv" if i % 2 == 0 else ".parquet")
    tmp = os.path.join(out, "." + name)  # hidden: the source skips it
    write(t, tmp)
    os.rename(tmp, os.path.join(out, name))  # complete files appear atomically
    time.sleep(rng.uniform(0.05, 0.3))
open(sys.argv[5], "w").close()
"""

FILES = 40
KILLS = 8


def test_watched_directory_exactly_once_under_sigkill(test_jobs_bin, tmp_path):
    src, table, chk, stop = tmp_path / "in", tmp_path / "t", tmp_path / "chk", tmp_path / "STOP"
    src.mkdir()
    here = str(pathlib.Path(__file__).parent)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(src), str(FILES), "9", here, str(stop)],
                              stderr=subprocess.PIPE)

    def args_for(attempt):
        args = [str(test_jobs_bin), "files-to-delta", "--input", str(src), "--watch", "--poll-ms", "50",
                "--stop-file", str(stop), "--table", str(table), "--checkpoint-dir", str(chk),
                "--parallelism", "2", "--interval-ms", "100", "--batch-rows", "100", "--batch-delay-ms", "3"]
        # Each run infers the schema from the oldest file, f0000.csv.
        return args + (["--restore"] if attempt > 0 else [])

    # The first run needs a file to infer the schema from.
    deadline = time.time() + 30
    while not any(p.suffix in (".csv", ".parquet") for p in src.iterdir()) and time.time() < deadline:
        time.sleep(0.01)
    try:
        landed = run_with_kills(args_for, random.Random(5), KILLS, alive=(0.3, 0.8))
    finally:
        writer.wait(timeout=120)
    assert writer.returncode == 0, writer.stderr.read().decode()
    assert landed >= KILLS
    expected = pa.concat_tables([pcsv.read_csv(p) if p.suffix == ".csv" else pq.read_table(p)
                                 for p in sorted(src.iterdir()) if not p.name.startswith(".")])
    got = read_delta(table)
    ids = got.column("id").to_pylist()
    assert len(ids) == len(set(ids)), "a row was written twice"
    assert got.num_rows == expected.num_rows
    assert sorted_rows(got) == sorted_rows(expected)
