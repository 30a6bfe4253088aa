"""sluice vs deltalake: small append commits per second into one local table, same run.

Each side appends COMMITS batches of ROWS rows (id int64, name string) to a
fresh table, one commit per batch, in one process (sluice: bench binary
commit_bench calling delta::WriteTable; deltalake: write_deltalake(mode="append")
with a pyarrow table). Both write one Parquet file and one commit per append
and checkpoint every 10 commits (the Delta default; deltalake does the same
only when asked, so its checkpoints are created explicitly every 10 commits
to do the same work). Reports the median of REPEAT runs and the ratio.

Usage: build/venv/bin/python bench/delta/run_commit_bench.py [--commits N] [--rows R] [--repeat K]
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import tempfile
import time

import pyarrow as pa

REPO = pathlib.Path(__file__).resolve().parents[2]
BENCH_BIN = REPO / "build" / "bin" / "commit_bench"


def run_sluice(tmp, commits, rows):
    out = subprocess.run([str(BENCH_BIN), str(tmp / "sluice"), str(commits), str(rows)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["seconds"]


def run_deltalake(tmp, commits, rows):
    from deltalake import DeltaTable, write_deltalake
    path = str(tmp / "deltalake")
    start = time.perf_counter()
    for c in range(commits):
        ids = list(range(c * rows, (c + 1) * rows))
        batch = pa.table({"id": pa.array(ids, pa.int64()), "name": pa.array([f"name-{i}" for i in ids])})
        write_deltalake(path, batch, mode="append")
        if (c + 1) % 10 == 0:
            DeltaTable(path).create_checkpoint()
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--commits", type=int, default=200)
    ap.add_argument("--rows", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    ours, theirs = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as d:
            tmp = pathlib.Path(d)
            ours.append(run_sluice(tmp, args.commits, args.rows))
            theirs.append(run_deltalake(tmp, args.commits, args.rows))
    s, t = statistics.median(ours), statistics.median(theirs)
    result = {"commits": args.commits, "rows_per_commit": args.rows, "sluice_commits_per_s": args.commits / s,
              "deltalake_commits_per_s": args.commits / t, "ratio": t / s}
    print(f"| commits | rows/commit | sluice commits/s | deltalake commits/s | sluice/deltalake |")
    print(f"|---|---|---|---|---|")
    print(f"| {args.commits} | {args.rows} | {result['sluice_commits_per_s']:.0f} | "
          f"{result['deltalake_commits_per_s']:.0f} | {result['ratio']:.2f}x |")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
