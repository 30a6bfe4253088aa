"""Tables written by sluice read by deltalake, and tables deltalake writes read by sluice.

Each scenario runs a sequence of operations (append, overwrite,
replaceWhere, partition delete, mergeSchema, optimize, restore, vacuum,
checkpoints) and records the rows every version must hold. Every version is
then read by deltalake and by `sluice table cat`, and both must equal the
expected rows; history and version must agree.
"""
import datetime
import json
import random

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import run_sluice
from delta_compare import assert_same_rows, normalise

deltalake = pytest.importorskip("deltalake")

UTC = datetime.timezone.utc
SCHEMA = pa.schema([
    ("id", pa.int64()),
    ("part", pa.string()),
    ("value", pa.float64()),
    ("ts", pa.timestamp("us", tz="UTC")),
    ("d", pa.date32()),
    ("name", pa.string()),
])


def make_rows(rng, start, n, parts):
    rows = {"id": [], "part": [], "value": [], "ts": [], "d": [], "name": []}
    base = datetime.datetime(2024, 1, 1, tzinfo=UTC)
    for i in range(start, start + n):
        rows["id"].append(i)
        rows["part"].append(rng.choice(parts))
        rows["value"].append(None if i % 7 == 0 else rng.uniform(-1e6, 1e6))
        rows["ts"].append(base + datetime.timedelta(microseconds=rng.randrange(10**13)))
        rows["d"].append(datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(2000)))
        rows["name"].append(None if i % 5 == 0 else "n%d é/=%%#" % rng.randrange(1000))
    return pa.table(rows, schema=SCHEMA)


def write_csv(table, path):
    lines = [",".join(table.column_names)]
    for r in table.to_pylist():
        cells = []
        for c in table.column_names:
            v = r[c]
            if v is None:
                cells.append("")
            elif isinstance(v, datetime.datetime):
                cells.append(v.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
            elif isinstance(v, float):
                cells.append(repr(v))
            elif isinstance(v, str):
                cells.append('"' + v.replace('"', '""') + '"')
            else:
                cells.append(str(v))
        lines.append(",".join(cells))
    path.write_text("\n".join(lines) + "\n")


def write_jsonl(table, path):
    with open(path, "w") as f:
        for r in table.to_pylist():
            out = {}
            for c, v in r.items():
                if isinstance(v, datetime.datetime):
                    v = v.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
                elif isinstance(v, datetime.date):
                    v = v.isoformat()
                out[c] = v
            f.write(json.dumps(out) + "\n")


def sluice(binary, *args):
    r = run_sluice(binary, *args)
    assert r.returncode == 0, f"sluice {' '.join(map(str, args))} failed:\n{r.stderr}"
    return r.stdout


def commit_version(stdout):
    return json.loads(stdout.strip().splitlines()[-1])["version"]


def by_name(table):
    table = normalise(table)
    return table.select(sorted(table.column_names))


def sluice_read(binary, path, version, tmp_path):
    out = tmp_path / f"cat-{version}.parquet"
    sluice(binary, "table", "cat", path, "--version", version, "--format", "parquet", "--output", out)
    return pq.read_table(out)


def deltalake_read(path, version):
    return deltalake.DeltaTable(str(path), version=version).to_pyarrow_table()


def check_versions(binary, path, expected, tmp_path, readers=("deltalake", "sluice")):
    for version, want in sorted(expected.items()):
        if "deltalake" in readers:
            assert_same_rows(by_name(deltalake_read(path, version)), by_name(want))
        if "sluice" in readers:
            assert_same_rows(by_name(sluice_read(binary, path, version, tmp_path)), by_name(want))


def check_history(binary, path):
    dt = deltalake.DeltaTable(str(path))
    ours = [json.loads(line) for line in sluice(binary, "table", "history", path).splitlines()]
    theirs = dt.history()
    assert [h["version"] for h in ours] == [h["version"] for h in theirs]
    assert [h["operation"] for h in ours] == [h["operation"] for h in theirs]
    assert int(sluice(binary, "table", "version", path)) == dt.version()


def filter_rows(table, pred):
    keep = [pred(r) for r in table.to_pylist()]
    return table.filter(pa.array(keep, pa.bool_()))


@pytest.mark.parametrize("partitioned", [True, False], ids=["partitioned", "unpartitioned"])
def test_sluice_writes_deltalake_reads(sluice_bin, tmp_path, partitioned):
    rng = random.Random(7 if partitioned else 8)
    table = tmp_path / "table"
    parts = ["a", "b", "c", None]
    expected = {}
    part_args = ["--partition-by", "part"] if partitioned else []

    # v0: create with a checkpoint every 3 commits.
    v = commit_version(sluice(sluice_bin, "table", "create", table, "--schema",
                              "id BIGINT, part STRING, value DOUBLE, ts TIMESTAMP, d DATE, name STRING",
                              *part_args, "--property", "delta.checkpointInterval=3"))
    assert v == 0
    expected[0] = SCHEMA.empty_table()

    # v1: append from Parquet; v2: from CSV; v3: from JSON lines.
    cur = SCHEMA.empty_table()
    for k, writer in enumerate(["parquet", "csv", "jsonl"]):
        batch = make_rows(rng, 1000 * k, 300, parts)
        f = tmp_path / f"in{k}.{writer}"
        if writer == "parquet":
            pq.write_table(batch, f)
        elif writer == "csv":
            write_csv(batch, f)
        else:
            write_jsonl(batch, f)
        v = commit_version(sluice(sluice_bin, "table", "append", table, f))
        cur = pa.concat_tables([cur, batch])
        expected[v] = cur

    # v4: replaceWhere one partition (or overwrite everything).
    new = make_rows(rng, 5000, 100, ["a"])
    f = tmp_path / "replace.parquet"
    pq.write_table(new, f)
    if partitioned:
        v = commit_version(sluice(sluice_bin, "table", "overwrite", table, f, "--replace-where", "part = 'a'"))
        cur = pa.concat_tables([filter_rows(cur, lambda r: r["part"] != "a"), new])
    else:
        v = commit_version(sluice(sluice_bin, "table", "overwrite", table, f))
        cur = new
    expected[v] = cur

    # v5: delete a partition (partitioned) or append more.
    if partitioned:
        v = commit_version(sluice(sluice_bin, "table", "delete", table, "--where", "part IS NULL OR part = 'b'"))
        cur = filter_rows(cur, lambda r: r["part"] not in (None, "b"))
    else:
        more = make_rows(rng, 6000, 50, parts)
        pq.write_table(more, f)
        v = commit_version(sluice(sluice_bin, "table", "append", table, f))
        cur = pa.concat_tables([cur, more])
    expected[v] = cur

    # v6: mergeSchema adds a column; older rows read it as null.
    extra = make_rows(rng, 7000, 40, ["a", "c"]).append_column("extra", pa.array(range(40), pa.int32()))
    f = tmp_path / "extra.parquet"
    pq.write_table(extra, f)
    refused = run_sluice(sluice_bin, "table", "append", table, f)
    assert refused.returncode == 1 and "extra" in refused.stderr
    v = commit_version(sluice(sluice_bin, "table", "append", table, f, "--merge-schema"))
    cur = pa.concat_tables([cur.append_column("extra", pa.nulls(cur.num_rows, pa.int32())), extra])
    expected[v] = cur

    # v7..: a few small appends, then optimize compacts them (same rows).
    for k in range(3):
        small = make_rows(rng, 8000 + 10 * k, 10, ["a", "c"]).append_column("extra", pa.array([k] * 10, pa.int32()))
        pq.write_table(small, f)
        v = commit_version(sluice(sluice_bin, "table", "append", table, f))
        cur = pa.concat_tables([cur, small])
        expected[v] = cur
    files_before = len(deltalake.DeltaTable(str(table)).file_uris())
    out = json.loads(sluice(sluice_bin, "table", "optimize", table).strip().splitlines()[-1])
    assert out["files_removed"] > out["files_added"] >= 1
    v = out["version"]
    expected[v] = cur
    assert len(deltalake.DeltaTable(str(table)).file_uris()) < files_before

    # Restore to v2 (before the overwrite and the new column).
    out = json.loads(sluice(sluice_bin, "table", "restore", table, "--version", "2").strip().splitlines()[-1])
    v = out["version"]
    expected[v] = expected[2]

    assert list((table / "_delta_log").glob("*.checkpoint.parquet")), "no checkpoint was written"
    assert (table / "_delta_log" / "_last_checkpoint").exists()
    check_versions(sluice_bin, table, expected, tmp_path)
    check_history(sluice_bin, table)

    # Vacuum with zero retention: files only old versions used disappear; the
    # latest version still reads the same everywhere.
    dry = sluice(sluice_bin, "table", "vacuum", table, "--retention-hours", "0", "--force", "--dry-run")
    assert "would delete" in dry or json.loads(dry.splitlines()[-1])["files"] > 0
    sluice(sluice_bin, "table", "vacuum", table, "--retention-hours", "0", "--force")
    latest = deltalake.DeltaTable(str(table)).version()
    check_versions(sluice_bin, table, {latest: expected[2]}, tmp_path)
    check_history(sluice_bin, table)
    refused = run_sluice(sluice_bin, "table", "vacuum", table, "--retention-hours", "1")
    assert refused.returncode == 1 and "retention" in refused.stderr


def test_deltalake_writes_sluice_reads(sluice_bin, tmp_path):
    from deltalake import DeltaTable, write_deltalake

    rng = random.Random(11)
    path = str(tmp_path / "table")
    parts = ["a", "b", "c", None]
    write_deltalake(path, make_rows(rng, 0, 200, parts), partition_by=["part"],
                    configuration={"delta.checkpointInterval": "4"})
    for k in range(1, 5):
        write_deltalake(path, make_rows(rng, 1000 * k, 50, parts), mode="append")
    write_deltalake(path, make_rows(rng, 9000, 30, ["a"]), mode="overwrite", predicate="part = 'a'")
    dt = DeltaTable(path)
    dt.delete("part = 'b'")
    dt.optimize.compact()
    dt.create_checkpoint()
    write_deltalake(path, make_rows(rng, 20000, 20, parts), mode="overwrite")
    dt = DeltaTable(path)
    dt.restore(3)
    dt = DeltaTable(path)
    latest = dt.version()
    expected = {v: deltalake_read(path, v) for v in range(latest + 1)}
    check_versions(sluice_bin, path, expected, tmp_path, readers=("sluice",))
    check_history(sluice_bin, path)
    # sluice appends to deltalake's table; deltalake reads the result.
    more = make_rows(rng, 30000, 25, parts)
    f = tmp_path / "more.parquet"
    pq.write_table(more, f)
    v = commit_version(sluice(sluice_bin, "table", "append", path, f))
    assert v == latest + 1
    assert_same_rows(by_name(deltalake_read(path, v)), by_name(pa.concat_tables([expected[latest], more])))
