"""sluice vs pyarrow: CSV and JSON-lines read throughput, single thread, same run.

Workloads (ROWS rows each): numeric (int64 + double columns), mixed (int,
double, string, bool, date, UTC timestamp), strings (high-cardinality text,
some quoted with embedded delimiters). Files are written by pyarrow (CSV) and
polars (JSON lines); both readers infer the schema. For each: pyarrow and
sluice read times, the ratio, and a newline-scan (memchr) baseline over the
same bytes. Prints a Markdown table; --markdown FILE also writes it there.

Usage: build/venv/bin/python bench/formats/run_bench.py [--rows N] [--repeat K] [--markdown FILE]
"""
import argparse
import json
import pathlib
import subprocess
import tempfile
import time

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.json as pjson

REPO = pathlib.Path(__file__).resolve().parents[2]
BENCH_BIN = REPO / "build" / "bin" / "text_read_bench"


def workloads(rows):
    rng = np.random.default_rng(7)
    yield "numeric", pa.table({
        "a": pa.array(rng.integers(-10**12, 10**12, rows), pa.int64()),
        "b": pa.array(rng.integers(0, 1000, rows), pa.int64()),
        "x": pa.array(rng.standard_normal(rows), pa.float64()),
        "y": pa.array(np.round(rng.uniform(0, 1000, rows), 2), pa.float64()),
    })
    words = np.array([f"category-{i:03d}" for i in range(100)], dtype=object)
    start = np.datetime64("2024-01-01T00:00:00", "us").astype(np.int64)
    yield "mixed", pa.table({
        "id": pa.array(np.arange(rows), pa.int64()),
        "price": pa.array(np.round(rng.uniform(0, 1000, rows), 2), pa.float64()),
        "category": pa.array(words[rng.integers(0, 100, rows)], pa.string()),
        "flag": pa.array(rng.integers(0, 2, rows).astype(bool), pa.bool_()),
        "day": pa.array((rng.integers(0, 3650, rows)).astype("datetime64[D]"), pa.date32()),
        "at": pa.array(start + np.sort(rng.integers(0, 10**12, rows)) // 1000 * 1000, pa.timestamp("us", tz="UTC")),
    })
    hexes = [f"{x:016x}-{y:08x}" for x, y in zip(rng.integers(0, 2**63, rows), rng.integers(0, 2**31, rows))]
    notes = [f"note {i % 977}, with comma" if i % 5 == 0 else f"n{i}" for i in range(rows)]
    yield "strings", pa.table({"k": pa.array(hexes, pa.string()), "note": pa.array(notes, pa.string())})


def best_of(repeat, fn):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=2_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--markdown")
    args = ap.parse_args()
    if not BENCH_BIN.exists():
        raise SystemExit(f"{BENCH_BIN} missing: run scripts/build.sh release")
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    rows_out = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for name, table in workloads(args.rows):
            csv_path = tmp / f"{name}.csv"
            pcsv.write_csv(table, csv_path)
            json_path = tmp / f"{name}.jsonl"
            pl.from_arrow(table).write_ndjson(json_path)
            for fmt, path, read in [
                ("csv", csv_path, lambda p: pcsv.read_csv(p, read_options=pcsv.ReadOptions(use_threads=False))),
                ("jsonl", json_path, lambda p: pjson.read_json(p, read_options=pjson.ReadOptions(use_threads=False))),
            ]:
                pa_rows = read(path).num_rows
                pa_read = best_of(args.repeat, lambda: read(path))
                out = subprocess.run([str(BENCH_BIN), str(path), str(args.repeat)], capture_output=True, text=True,
                                     check=True)
                s = json.loads(out.stdout)
                if s["rows"] != pa_rows:
                    raise SystemExit(f"{path}: sluice read {s['rows']} rows, pyarrow {pa_rows}")
                rows_out.append(dict(workload=name, format=fmt, rows=s["rows"], mb=s["bytes"] / 1e6,
                                     pa_read=pa_read, sl_read=s["read_s"], scan=s["scan_s"]))
                print(json.dumps(rows_out[-1]), flush=True)
    lines = [
        f"Single thread, {args.rows:,} rows per workload, best of {args.repeat}, schema inferred by both. "
        "MB = file bytes. Ratio = sluice throughput / pyarrow throughput.",
        "",
        "| workload | format | file MB | pyarrow MB/s | sluice MB/s | ratio | sluice Mrows/s | newline scan MB/s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows_out:
        mb = r["mb"]
        lines.append(
            f"| {r['workload']} | {r['format']} | {mb:.0f} | {mb / r['pa_read']:.0f} | {mb / r['sl_read']:.0f} "
            f"| {r['pa_read'] / r['sl_read']:.2f}x | {r['rows'] / r['sl_read'] / 1e6:.1f} | {mb / r['scan']:.0f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.markdown:
        pathlib.Path(args.markdown).write_text(text)


if __name__ == "__main__":
    main()
