"""Ingest benchmark: generator -> Delta table.

Writes the same rows (id, key, value, ts, tag; see src/sluice/cli/stream_test_ingest.cc
for the formula) into a fresh Delta table with
  - sluice:    `sluice-test-jobs ingest` (tests/jobs/ingest.cc) (generator -> exactly-once Delta sink,
               parallelism 2, a commit per 1-s checkpoint);
  - deltalake: write_deltalake() of the rows as a stream of Arrow batches
               (generated lazily with numpy, one commit);
  - Flink 1.16 (--flink): bench/ingest/flink on a local MiniCluster,
               parallelism 2, 1-s checkpoints. The Delta Flink connector
               (io.delta:delta-flink) is not in the Maven registry reachable
               here, so the job writes the same rows with Flink's FileSink +
               Parquet bulk writer committed per checkpoint: the file-writing
               half of the connector (no Delta log), an upper bound on its
               throughput. Its fixed start-up cost (MiniCluster, JIT) is
               measured with a 1000-row run and reported apart.
  - Flink 1.16 + Delta (--flink-delta): the same job writing through the real
               Delta Flink connector, io.delta:delta-flink 3.3.2's
               DeltaSink.forRowData (Maven profile `delta` of bench/ingest/flink).
               Maven Central does not serve that artifact here: it must have
               been built from the delta-io/delta sources and installed into
               build/m2 first (docs/benchmarks.md, "Ingest"). The job
               runs until the Delta log accounts for every row, then is
               cancelled (see FlinkDeltaIngest.java for why); fixed cost
               measured and reported like the FileSink job's.
Each runs as a child process; wall and CPU time are the job's own, measured
inside it (excluding process start and imports; CPU of all its threads), the
whole process's CPU time comes from wait4 and its peak RSS from GNU time.
Best of --repeat by job CPU time. Every table is checked with deltalake: N rows, the same sums.

Then sluice's end-to-end latency at 1-s checkpoints: a rate-limited run whose
ts is the wall-clock time each row was made; a row's latency is the time its
commit file appeared minus its ts, over every row.

    build/venv/bin/python bench/ingest/run_bench.py [--rows 10000000] [--repeat 3] [--flink] [--flink-delta]
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import deltalake
import numpy as np
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq

REPO = pathlib.Path(__file__).resolve().parents[2]
SLUICE = REPO / "build" / "bin" / "sluice-test-jobs"
FLINK_DIR = REPO / "bench" / "ingest" / "flink"
M2 = REPO / "build" / "m2"

DELTALAKE_WRITER = r"""
import json, sys, time
import numpy as np
import pyarrow as pa
import deltalake
table, rows, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
M64 = np.uint64(0xFFFFFFFFFFFFFFFF)
T0 = 1767225600000
def rnd(i, stream):  # GeneratorRandom (src/sluice/stream/sources/generator_source.cc)
    with np.errstate(over="ignore"):
        z = (np.uint64(seed) * np.uint64(0x9E3779B97F4A7C15) + i.astype(np.uint64) * np.uint64(0xBF58476D1CE4E5B9)
             + np.uint64(stream) * np.uint64(0x94D049BB133111EB))
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))
schema = pa.schema([("id", pa.int64(), False), ("key", pa.int64(), False), ("value", pa.int64(), False),
                    ("ts", pa.timestamp("us", tz="UTC"), False), ("tag", pa.string(), False)])
tags = pa.array([f"tag-{t}" for t in range(100)])
def batches(step=1 << 20):
    for first in range(0, rows, step):
        i = np.arange(first, min(rows, first + step), dtype=np.int64)
        key = (rnd(i, 1) % np.uint64(1000)).astype(np.int64)
        value = (rnd(i, 2) % np.uint64(1000000)).astype(np.int64)
        ts = pa.array((T0 + i) * 1000, pa.timestamp("us", tz="UTC"))
        tag = pa.DictionaryArray.from_arrays(pa.array(key % 100, pa.int32()), tags).cast(pa.string())
        yield pa.record_batch([pa.array(i), pa.array(key), pa.array(value), ts, tag], schema=schema)
start, cpu = time.perf_counter(), time.process_time()
deltalake.write_deltalake(table, pa.RecordBatchReader.from_batches(schema, batches()))
print(json.dumps({"rows": rows, "seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
                  "commits": 1}))
"""


def run_measured(cmd, log):
    """Runs cmd under GNU time; returns (stdout's last JSON line, CPU seconds of
    the whole process, peak RSS MiB). (wait4's ru_maxrss would count the
    forked Python parent's memory, so the RSS comes from /usr/bin/time.)"""
    rss_file = pathlib.Path(str(log) + ".rss")
    with open(log, "w") as out:
        p = subprocess.Popen(["/usr/bin/time", "-o", str(rss_file), "-f", "%M", *cmd], stdout=out,
                             stderr=subprocess.STDOUT)
        _, status, ru = os.wait4(p.pid, 0)
    text = pathlib.Path(log).read_text()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{cmd[0]} failed:\n{text[-3000:]}")
    result = json.loads([line for line in text.splitlines() if line.startswith("{")][-1])
    rss_kb = int(rss_file.read_text().split()[-1])
    return result, ru.ru_utime + ru.ru_stime, rss_kb / 1024


def table_check(table, rows):
    """Rows, the sums of key and value, and the Parquet bytes: of the Delta
    table as deltalake reads it, or of the committed Parquet files of a
    directory without a Delta log (Flink's FileSink)."""
    if (pathlib.Path(table) / "_delta_log").exists():
        dt = deltalake.DeltaTable(str(table))
        t = dt.to_pyarrow_table(columns=["id", "key", "value"])
        size = sum(dt.get_add_actions(flatten=True).column("size_bytes").to_pylist())
    else:
        files = [str(f) for f in pathlib.Path(table).rglob("part-*") if not f.name.startswith(".")]
        t = pads.dataset(files, format="parquet").to_table(columns=["id", "key", "value"])
        size = sum(os.path.getsize(f) for f in files)
    assert t.num_rows == rows, (table, t.num_rows)
    assert pc.count_distinct(t.column("id")).as_py() == rows
    return pc.sum(t.column("key")).as_py(), pc.sum(t.column("value")).as_py(), size


JAVA_OPENS = ["--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
              "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
              "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED"]
FLINK = "Flink 1.16 FileSink Parquet (no Delta log)"
FLINK_DELTA = "Flink 1.16 + delta-flink 3.3.2 DeltaSink"
DELTA_FLINK_VERSION = "3.3.2"
DELTA_FLINK_JAR = M2 / "io" / "delta" / "delta-flink" / DELTA_FLINK_VERSION / f"delta-flink-{DELTA_FLINK_VERSION}.jar"


def flink_cmd(cp, table, rows, main="sluice.bench.FlinkParquetIngest"):
    return ["java", *JAVA_OPENS, "-Xmx2g", "-cp", cp, main, str(table), str(rows), "2", "1000"]


def flink_classpath(delta=False):
    """Builds bench/ingest/flink (with the `delta` profile if delta); returns
    its classpath or raises with why not."""
    if delta and not DELTA_FLINK_JAR.exists():
        raise RuntimeError(f"io.delta:delta-flink:{DELTA_FLINK_VERSION} is not in {M2}: Maven Central does not "
                           "serve it here, so a copy built from the delta-io/delta sources must be installed there "
                           '(docs/benchmarks.md, "Ingest", says how the one measured was obtained)')
    mvn = ["mvn", "-B", "-q", f"-Dmaven.repo.local={M2}"] + (["-Pdelta"] if delta else [])
    cp_file = REPO / "build" / ("flink-delta-classpath.txt" if delta else "flink-classpath.txt")
    r = subprocess.run(mvn + ["package", "dependency:build-classpath", f"-Dmdep.outputFile={cp_file}"],
                       cwd=FLINK_DIR, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("maven build failed:\n" + "\n".join(r.stdout.splitlines()[-15:]))
    return str(FLINK_DIR / "target" / "flink-parquet-ingest-1.0.jar") + ":" + cp_file.read_text().strip()


def engines(args, work):
    out = {
        "sluice": lambda t: [str(SLUICE), "ingest", "--table", str(t), "--checkpoint-dir",
                             str(t) + "-chk", "--rows", str(args.rows), "--parallelism", "2", "--checkpoint-ms",
                             "1000"],
        "sluice (generator only)": lambda t: [str(SLUICE), "ingest", "--discard", "--checkpoint-dir",
                                              str(t) + "-chk", "--rows", str(args.rows), "--parallelism", "2"],
        "deltalake write_deltalake": lambda t: [sys.executable, "-c", DELTALAKE_WRITER, str(t), str(args.rows), "1"],
    }
    if args.flink:
        try:
            cp = flink_classpath()
            # The fixed cost of a run (MiniCluster start-up, class loading, JIT), from a 1000-row run.
            res, _, _ = run_measured(flink_cmd(cp, work / "flink-startup", 1000), work / "flink-startup.txt")
            args.fixed[FLINK] = (res["cpu_seconds"], res["seconds"])
            out[FLINK] = lambda t: flink_cmd(cp, t, args.rows)
        except RuntimeError as e:
            print(f"Flink side not run: {e}", file=sys.stderr)
    if args.flink_delta:
        # Built after the FileSink job: the jar of the `delta` build holds both jobs.
        try:
            cp_delta = flink_classpath(delta=True)
            main = "sluice.bench.FlinkDeltaIngest"
            startup = work / "flink-delta-startup"
            res, _, _ = run_measured(flink_cmd(cp_delta, startup, 1000, main), work / "flink-delta-startup.txt")
            table_check(startup, 1000)
            args.fixed[FLINK_DELTA] = (res["cpu_seconds"], res["seconds"])
            out[FLINK_DELTA] = lambda t: flink_cmd(cp_delta, t, args.rows, main)
        except RuntimeError as e:
            print(f"Flink + Delta side not run: {e}", file=sys.stderr)
    return out


def throughput(args, work):
    rows_mb = args.rows * (4 * 8 + 4 + 6) / 1e6  # in-memory bytes: 4 int64/timestamp columns + tag offsets and bytes
    results = []
    reference = None
    for name, cmd_for in engines(args, work).items():
        best = None
        for rep in range(args.repeat):
            table = work / f"{name.split()[0]}-{rep}"
            shutil.rmtree(table, ignore_errors=True)
            shutil.rmtree(str(table) + "-chk", ignore_errors=True)
            res, process_cpu, rss = run_measured(cmd_for(table), work / "log.txt")
            cpu = res.get("cpu_seconds", process_cpu)
            check = None
            if "generator only" not in name:
                check = table_check(table, args.rows)
                if reference is None:
                    reference = check[:2]
                assert check[:2] == reference, f"{name} wrote other rows: {check[:2]} vs {reference}"
            if best is None or cpu < best[1]:
                best = (res, cpu, rss, check, process_cpu)
            shutil.rmtree(table, ignore_errors=True)
        res, cpu, rss, check, process_cpu = best
        results.append({"engine": name, "rows/s": args.rows / res["seconds"], "rows/s per core": args.rows / cpu,
                        "MB/s per core": rows_mb / cpu, "cpu s": cpu, "process cpu s": process_cpu,
                        "wall s": res["seconds"], "peak RSS MiB": rss,
                        "parquet MB": check[2] / 1e6 if check else None, "commits": res.get("commits")})
        if name in args.fixed:
            fixed_cpu, fixed_seconds = args.fixed[name]
            cpu_steady = cpu - fixed_cpu
            results.append({"engine": name + ", less the 1000-row run's fixed cost",
                            "rows/s": args.rows / (res["seconds"] - fixed_seconds),
                            "rows/s per core": args.rows / cpu_steady, "MB/s per core": rows_mb / cpu_steady,
                            "cpu s": cpu_steady, "process cpu s": process_cpu - fixed_cpu,
                            "wall s": res["seconds"] - fixed_seconds, "peak RSS MiB": rss,
                            "parquet MB": None, "commits": None})
    return results


def latency(args, work):
    """sluice at 1-s checkpoints, rate-limited, ts = wall clock: per-row commit latency percentiles."""
    table = work / "latency"
    rows = int(args.latency_rate * args.latency_seconds)
    cmd = [str(SLUICE), "ingest", "--table", str(table), "--checkpoint-dir", str(work / "latency-chk"),
           "--rows", str(rows), "--parallelism", "2", "--checkpoint-ms", "1000", "--rate", str(args.latency_rate / 2),
           "--batch-rows", "1000", "--wallclock-ts"]
    res, _, _ = run_measured(cmd, work / "latency-log.txt")
    lat = []
    for log in sorted((table / "_delta_log").glob("*.json")):
        committed_ms = os.stat(log).st_mtime_ns / 1e6
        for line in log.read_text().splitlines():
            action = json.loads(line)
            if "add" in action:
                ts = pq.read_table(table / action["add"]["path"], columns=["ts"]).column("ts").cast("int64")
                lat.append(committed_ms - ts.to_numpy() / 1000.0)
    lat = np.concatenate(lat)
    assert len(lat) == rows
    return {"rows": rows, "rate": args.latency_rate, "commits": res["commits"], "p50": float(np.percentile(lat, 50)),
            "p99": float(np.percentile(lat, 99)), "max": float(lat.max())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--flink", action="store_true", help="also build and run the Flink job (Maven, build/m2)")
    ap.add_argument("--flink-delta", action="store_true",
                    help="also build and run the Flink + delta-flink DeltaSink job (needs io.delta:delta-flink in "
                         "build/m2, see docs/benchmarks.md)")
    ap.add_argument("--latency-rate", type=float, default=100_000, help="rows/s in total for the latency run")
    ap.add_argument("--latency-seconds", type=float, default=20)
    args = ap.parse_args()
    args.fixed = {}  # engine -> (CPU s, wall s) of its 1000-row run
    work = pathlib.Path(tempfile.mkdtemp(prefix="sluice-ingest-"))
    try:
        results = throughput(args, work)
        print(f"\n{args.rows:,} rows (id, key, value, ts, tag), best of {args.repeat}; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
        print("| engine | rows/s (wall) | rows/s per core | MB/s per core | job CPU s | process CPU s | peak RSS MiB "
              "| Parquet MB | commits |")
        print("|---|---|---|---|---|---|---|---|---|")
        for r in results:
            pm = f"{r['parquet MB']:.0f}" if r["parquet MB"] else "-"
            print(f"| {r['engine']} | {r['rows/s']:,.0f} | {r['rows/s per core']:,.0f} | {r['MB/s per core']:.0f} | "
                  f"{r['cpu s']:.2f} | {r['process cpu s']:.2f} | {r['peak RSS MiB']:.0f} | {pm} | {'-' if r['commits'] is None else r['commits']} |")
        lat = latency(args, work)
        print(f"\nsluice end-to-end latency at 1-s checkpoints, {lat['rate']:,.0f} rows/s, {lat['rows']:,} rows, "
              f"{lat['commits']} commits: p50 {lat['p50']:.0f} ms, p99 {lat['p99']:.0f} ms, max {lat['max']:.0f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
