"""sluice vs pyarrow: Parquet write and read throughput, single thread, same run.

Workloads (ROWS rows each): numeric (int64 + double), low-cardinality strings,
high-cardinality strings; codecs snappy and zstd. For each: pyarrow write and
read times, sluice write and read times (bench binary parquet_rw_bench), the
ratio sluice/pyarrow in throughput, and codec-only and memcpy baselines over
the same bytes. Prints a Markdown table; --markdown FILE also writes it there.

Usage: build/venv/bin/python bench/parquet/run_bench.py [--rows N] [--repeat K] [--markdown FILE]
"""
import argparse
import json
import os
import pathlib
import subprocess
import tempfile
import time

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

REPO = pathlib.Path(__file__).resolve().parents[2]
BENCH_BIN = REPO / "build" / "bin" / "parquet_rw_bench"


def workloads(rows):
    rng = np.random.default_rng(7)
    yield "numeric", pa.table({
        "i": pa.array(rng.integers(-10**12, 10**12, rows), pa.int64()),
        "d": pa.array(rng.standard_normal(rows), pa.float64()),
    })
    words = np.array([f"category-{i:03d}" for i in range(100)], dtype=object)
    yield "strings_low_card", pa.table({"s": pa.array(words[rng.integers(0, 100, rows)], pa.string())})
    hexes = [f"{x:016x}-{y:08x}" for x, y in zip(rng.integers(0, 2**63, rows), rng.integers(0, 2**31, rows))]
    yield "strings_high_card", pa.table({"s": pa.array(hexes, pa.string())})


def best_of(repeat, fn):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
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
            for codec in ["snappy", "zstd"]:
                src = tmp / f"{name}.{codec}.pyarrow.parquet"
                pa_write = best_of(args.repeat, lambda: pq.write_table(table, src, compression=codec))
                pa_read = best_of(args.repeat, lambda: pq.read_table(src, use_threads=False))
                out = subprocess.run([str(BENCH_BIN), str(src), str(tmp / "sluice.parquet"), codec,
                                      str(args.repeat)], capture_output=True, text=True, check=True)
                s = json.loads(out.stdout)
                mb = s["raw_bytes"] / 1e6
                rows_out.append(dict(
                    workload=name, codec=codec, rows=s["rows"], mb=mb,
                    pa_write=pa_write, pa_read=pa_read, sl_write=s["write_s"], sl_read=s["read_s"],
                    codec_c=s["codec_compress_s"], codec_d=s["codec_decompress_s"], memcpy=s["memcpy_s"],
                    pa_size=os.path.getsize(src), sl_size=os.path.getsize(tmp / "sluice.parquet")))
                print(json.dumps(rows_out[-1]), flush=True)
    lines = [
        f"Single thread, {args.rows:,} rows per workload, best of {args.repeat}. "
        "MB = in-memory (Arrow layout) bytes of the data. Ratio = sluice throughput / pyarrow throughput.",
        "",
        "| workload | codec | pyarrow write MB/s | sluice write MB/s | write ratio | pyarrow read MB/s "
        "| sluice read MB/s | read ratio | sluice Mrows/s w / r | codec-only c / d MB/s | memcpy MB/s "
        "| file MB pyarrow / sluice |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows_out:
        mb, rows = r["mb"], r["rows"]
        lines.append(
            f"| {r['workload']} | {r['codec']} | {mb / r['pa_write']:.0f} | {mb / r['sl_write']:.0f} "
            f"| {r['pa_write'] / r['sl_write']:.2f}x | {mb / r['pa_read']:.0f} | {mb / r['sl_read']:.0f} "
            f"| {r['pa_read'] / r['sl_read']:.2f}x | {rows / r['sl_write'] / 1e6:.1f} / {rows / r['sl_read'] / 1e6:.1f} "
            f"| {mb / r['codec_c']:.0f} / {mb / r['codec_d']:.0f} | {mb / r['memcpy']:.0f} "
            f"| {r['pa_size'] / 1e6:.1f} / {r['sl_size'] / 1e6:.1f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.markdown:
        pathlib.Path(args.markdown).write_text(text)


if __name__ == "__main__":
    main()
