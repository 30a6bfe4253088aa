"""Generates a synthetic Delta table for the snapshot-load benchmark.

COMMITS commits of ADDS add actions each (default 10,000 x 10 = 100,000
files), deterministic for given arguments: fixed UUIDs, timestamps and stats.
Each add has a partition value (date=...), a realistic stats JSON string
(numRecords, minValues, maxValues, nullCount over five columns) and the fields
delta-rs writes; each commit has a commitInfo like delta-rs writes. Data files
are not written: a snapshot load never opens them.

With --checkpoint, a checkpoint at the last version is then written by
deltalake (`DeltaTable.create_checkpoint()`), so it is a peer-written file;
with --checkpoint-at V it is written after commit V and the later commits
follow it (the usual state of a live table: a checkpoint and a few commits).

Usage: build/venv/bin/python bench/delta/make_table.py OUT_DIR [--commits N] [--adds K]
           [--checkpoint | --checkpoint-at V]
"""
import argparse
import json
import pathlib
import random
import shutil
import uuid

SCHEMA = {
    "type": "struct",
    "fields": [
        {"name": "id", "type": "long", "nullable": False, "metadata": {}},
        {"name": "ts", "type": "timestamp", "nullable": True, "metadata": {}},
        {"name": "amount", "type": "double", "nullable": True, "metadata": {}},
        {"name": "category", "type": "string", "nullable": True, "metadata": {}},
        {"name": "comment", "type": "string", "nullable": True, "metadata": {}},
        {"name": "date", "type": "string", "nullable": True, "metadata": {}},
    ],
}
T0_MS = 1_700_000_000_000  # 2023-11-14, fixed for determinism


def stats_json(rng, file_no):
    rows = rng.randint(50_000, 200_000)
    lo = file_no * 200_000
    ts_lo = T0_MS + file_no * 60_000
    ts = lambda ms: f"2023-11-{14 + ms // 86_400_000 % 15:02d}T{ms // 3_600_000 % 24:02d}:{ms // 60_000 % 60:02d}:00.000Z"
    cats = sorted(rng.sample(["books", "games", "garden", "music", "sports", "tools", "toys"], 2))
    return json.dumps({
        "numRecords": rows,
        "minValues": {"id": lo, "ts": ts(ts_lo), "amount": round(rng.uniform(0, 10), 3), "category": cats[0],
                      "comment": "a" + format(rng.getrandbits(40), "x")},
        "maxValues": {"id": lo + rows - 1, "ts": ts(ts_lo + 59_000), "amount": round(rng.uniform(900, 1000), 3),
                      "category": cats[1], "comment": "z" + format(rng.getrandbits(40), "x")},
        "nullCount": {"id": 0, "ts": rng.randint(0, 10), "amount": rng.randint(0, 100), "category": 0,
                      "comment": rng.randint(0, 1000)},
    }, separators=(",", ":"))


def make(out, commits, adds, checkpoint_at=None, seed=1):
    """Writes the table; with checkpoint_at, deltalake checkpoints it after that commit."""
    rng = random.Random(seed)
    log = out / "_delta_log"
    if out.exists():
        shutil.rmtree(out)
    log.mkdir(parents=True)
    file_no = 0
    for v in range(commits):
        if checkpoint_at is not None and v == checkpoint_at + 1:
            checkpoint(out)
        ts = T0_MS + v * 1000
        lines = []
        op = "CREATE TABLE" if v == 0 else "WRITE"
        lines.append({"commitInfo": {"timestamp": ts, "operation": op,
                                     "operationParameters": {"mode": "Append"},
                                     "clientVersion": "sluice-bench", "operationMetrics": {
                                         "num_added_files": adds, "num_removed_files": 0}}})
        if v == 0:
            lines.append({"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}})
            lines.append({"metaData": {
                "id": str(uuid.UUID(int=rng.getrandbits(128))), "name": None, "description": None,
                "format": {"provider": "parquet", "options": {}},
                "schemaString": json.dumps(SCHEMA, separators=(",", ":")),
                "partitionColumns": ["date"], "configuration": {}, "createdTime": ts}})
        date = f"2024-{1 + v // 1000 % 12:02d}-{1 + v // 40 % 25:02d}"
        for _ in range(adds):
            name = f"part-{file_no % 100000:05d}-{uuid.UUID(int=rng.getrandbits(128))}-c000.snappy.parquet"
            lines.append({"add": {
                "path": f"date={date}/{name}", "partitionValues": {"date": date},
                "size": rng.randint(1 << 20, 64 << 20), "modificationTime": ts, "dataChange": True,
                "stats": stats_json(rng, file_no), "tags": None, "deletionVector": None, "baseRowId": None,
                "defaultRowCommitVersion": None, "clusteringProvider": None}})
            file_no += 1
        (log / f"{v:020d}.json").write_text("\n".join(json.dumps(l, separators=(",", ":")) for l in lines) + "\n")
    if checkpoint_at is not None and checkpoint_at >= commits - 1:
        checkpoint(out)


def checkpoint(out):
    from deltalake import DeltaTable
    DeltaTable(str(out)).create_checkpoint()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--commits", type=int, default=10_000)
    ap.add_argument("--adds", type=int, default=10)
    ap.add_argument("--checkpoint", action="store_true", help="write a deltalake checkpoint at the last version")
    ap.add_argument("--checkpoint-at", type=int, help="write a deltalake checkpoint after this commit")
    args = ap.parse_args()
    checkpoint_at = args.checkpoint_at if args.checkpoint_at is not None else (
        args.commits - 1 if args.checkpoint else None)
    make(pathlib.Path(args.out), args.commits, args.adds, checkpoint_at)


if __name__ == "__main__":
    main()
