#!/usr/bin/env python3
"""Nexmark: sluice against Apache Flink on this machine.

Builds the Flink side (bench/nexmark/flink, Maven, local repository under
build/m2; offline after the first build), then runs each query on both
engines with the same generator, event count and parallelism, and prints a
Markdown table: events per CPU-second (per core), wall events/s, peak RSS,
the sluice/Flink ratio, and whether the result checksums agree.

CPU time is the job's own: sluice measures getrusage around Execute(), the
Flink job measures process CPU from the first source subtask starting to the
last sink closing (no MiniCluster start-up). On a shared machine wall time
depends on the neighbours; CPU time much less so.

Usage: bench/nexmark/run_bench.py [--events 10000000] [--queries q0,q1,...]
                                  [--parallelism 1,2] [--repeat 1]
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FLINK_DIR = os.path.join(ROOT, "bench", "nexmark", "flink")
M2 = os.path.join(ROOT, "build", "m2")
CLASSPATH_FILE = os.path.join(ROOT, "build", "flink-cp.txt")
SLUICE = os.path.join(ROOT, "build", "bin", "sluice")


def build_flink():
    base = ["mvn", "-q", "-Dmaven.repo.local=" + M2]
    steps = [["compile"], ["dependency:build-classpath", "-Dmdep.outputFile=" + CLASSPATH_FILE]]
    for step in steps:
        # Offline once the local repository has everything; online the first time.
        if subprocess.run(base + ["-o"] + step, cwd=FLINK_DIR, capture_output=True).returncode != 0:
            subprocess.run(base + step, cwd=FLINK_DIR, check=True)
    with open(CLASSPATH_FILE) as f:
        return os.path.join(FLINK_DIR, "target", "classes") + ":" + f.read().strip()


def run(cmd):
    """Runs cmd under /usr/bin/time -v; returns the report fields and peak RSS in MiB."""
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("failed: %s\n%s\n%s" % (" ".join(cmd), p.stdout[-2000:], p.stderr[-4000:]))
    fields = dict(re.findall(r"^(\w+): (.*)$", p.stdout, re.M))
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    fields["rss_mib"] = int(rss.group(1)) / 1024 if rss else float("nan")
    return fields


def best(cmd, repeat):
    runs = [run(cmd) for _ in range(repeat)]
    return min(runs, key=lambda r: float(r["cpu_s"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--queries", default="q0,q1,q2,q3,q4,q5,q7,q8")
    ap.add_argument("--parallelism", default="1,2")
    ap.add_argument("--repeat", type=int, default=1, help="runs per cell; the one with least CPU is kept")
    ap.add_argument("--java-opts", default="", help="extra JVM options for the Flink side")
    args = ap.parse_args()
    if not os.path.exists(SLUICE):
        subprocess.run(["bash", os.path.join(ROOT, "scripts", "build.sh"), "release"], check=True)
    cp = build_flink()
    java = ["java"] + args.java_opts.split() + ["-cp", cp, "sluice.nexmark.Main"]

    print("Nexmark, %d events (persons:auctions:bids = 1:3:46), %d cores" % (args.events, os.cpu_count()))
    print()
    print("| query | P | sluice ev/CPU-s | Flink ev/CPU-s | sluice/Flink | sluice ev/s (wall) | "
          "Flink ev/s (wall) | sluice RSS MiB | Flink RSS MiB | rows | checksums |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for q in args.queries.split(","):
        for p in [int(x) for x in args.parallelism.split(",")]:
            common = ["--query", q, "--events", str(args.events), "--parallelism", str(p)]
            s = best([SLUICE, "nexmark", "run"] + common, args.repeat)
            f = best(java + common, args.repeat)
            s_core = args.events / max(float(s["cpu_s"]), 1e-9)
            f_core = args.events / max(float(f["cpu_s"]), 1e-9)
            same = s["checksum"] == f["checksum"] and s["result_rows"] == f["result_rows"]
            print("| %s | %d | %.3g M | %.3g M | %.2fx | %.3g M | %.3g M | %.0f | %.0f | %s | %s |" % (
                q, p, s_core / 1e6, f_core / 1e6, s_core / f_core, float(s["events_per_s"]) / 1e6,
                float(f["events_per_s"]) / 1e6, s["rss_mib"], f["rss_mib"], s["result_rows"],
                "equal" if same else "DIFFER (%s vs %s)" % (s["checksum"], f["checksum"])), flush=True)


if __name__ == "__main__":
    main()
