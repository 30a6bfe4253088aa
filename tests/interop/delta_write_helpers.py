"""Writing Delta tables with `sluice table ...` in interop tests: input rows,
input files (Parquet, CSV, JSON lines), the CLI calls, and one scenario of
table operations whose expected rows per version the peers then check."""
import datetime
import json

import pyarrow as pa
import pyarrow.parquet as pq

from conftest import run_sluice
from delta_compare import normalise

UTC = datetime.timezone.utc
SCHEMA = pa.schema([
    ("id", pa.int64()),
    ("part", pa.string()),
    ("value", pa.float64()),
    ("ts", pa.timestamp("us", tz="UTC")),
    ("d", pa.date32()),
    ("name", pa.string()),
])
SCHEMA_DDL = "id BIGINT, part STRING, value DOUBLE, ts TIMESTAMP, d DATE, name STRING"


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


def last_json(stdout):
    return json.loads(stdout.strip().splitlines()[-1])


def by_name(table):
    table = normalise(table)
    return table.select(sorted(table.column_names))


def sluice_read(binary, path, version, tmp_path):
    out = tmp_path / f"cat-{version}.parquet"
    sluice(binary, "table", "cat", path, "--version", version, "--format", "parquet", "--output", out)
    return pq.read_table(out)


def sluice_history(binary, path):
    return [json.loads(line) for line in sluice(binary, "table", "history", path).splitlines()]


def sluice_file_count(binary, path):
    return len(sluice(binary, "table", "files", path).splitlines())


def filter_rows(table, pred):
    keep = [pred(r) for r in table.to_pylist()]
    return table.filter(pa.array(keep, pa.bool_()))


def sluice_write_scenario(binary, tmp_path, partitioned, rng):
    """Writes a new table at tmp_path/"table" with sluice through create (a
    checkpoint every 3 commits), appends from Parquet, CSV and JSON lines,
    replaceWhere (or overwrite), partition delete (or append), a refused then
    a mergeSchema append, small appends, optimize and restore to version 2.
    Returns (table path, {version: expected rows})."""
    table = tmp_path / "table"
    parts = ["a", "b", "c", None]
    expected = {}
    part_args = ["--partition-by", "part"] if partitioned else []

    # v0: create with a checkpoint every 3 commits.
    v = commit_version(sluice(binary, "table", "create", table, "--schema", SCHEMA_DDL, *part_args, "--property",
                              "delta.checkpointInterval=3"))
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
        v = commit_version(sluice(binary, "table", "append", table, f))
        cur = pa.concat_tables([cur, batch])
        expected[v] = cur

    # v4: replaceWhere one partition (or overwrite everything).
    new = make_rows(rng, 5000, 100, ["a"])
    f = tmp_path / "replace.parquet"
    pq.write_table(new, f)
    if partitioned:
        v = commit_version(sluice(binary, "table", "overwrite", table, f, "--replace-where", "part = 'a'"))
        cur = pa.concat_tables([filter_rows(cur, lambda r: r["part"] != "a"), new])
    else:
        v = commit_version(sluice(binary, "table", "overwrite", table, f))
        cur = new
    expected[v] = cur

    # v5: delete a partition (partitioned) or append more.
    if partitioned:
        v = commit_version(sluice(binary, "table", "delete", table, "--where", "part IS NULL OR part = 'b'"))
        cur = filter_rows(cur, lambda r: r["part"] not in (None, "b"))
    else:
        more = make_rows(rng, 6000, 50, parts)
        pq.write_table(more, f)
        v = commit_version(sluice(binary, "table", "append", table, f))
        cur = pa.concat_tables([cur, more])
    expected[v] = cur

    # v6: mergeSchema adds a column; older rows read it as null.
    extra = make_rows(rng, 7000, 40, ["a", "c"]).append_column("extra", pa.array(range(40), pa.int32()))
    f = tmp_path / "extra.parquet"
    pq.write_table(extra, f)
    refused = run_sluice(binary, "table", "append", table, f)
    assert refused.returncode == 1 and "extra" in refused.stderr
    v = commit_version(sluice(binary, "table", "append", table, f, "--merge-schema"))
    cur = pa.concat_tables([cur.append_column("extra", pa.nulls(cur.num_rows, pa.int32())), extra])
    expected[v] = cur

    # v7..: a few small appends, then optimize compacts them (same rows).
    for k in range(3):
        small = make_rows(rng, 8000 + 10 * k, 10, ["a", "c"]).append_column("extra", pa.array([k] * 10, pa.int32()))
        pq.write_table(small, f)
        v = commit_version(sluice(binary, "table", "append", table, f))
        cur = pa.concat_tables([cur, small])
        expected[v] = cur
    files_before = sluice_file_count(binary, table)
    out = last_json(sluice(binary, "table", "optimize", table))
    assert out["files_removed"] > out["files_added"] >= 1
    expected[out["version"]] = cur
    assert sluice_file_count(binary, table) < files_before

    # Restore to v2 (before the overwrite and the new column).
    out = last_json(sluice(binary, "table", "restore", table, "--version", "2"))
    assert out["restored_version"] == 2
    expected[out["version"]] = expected[2]

    assert list((table / "_delta_log").glob("*.checkpoint.parquet")), "no checkpoint was written"
    assert (table / "_delta_log" / "_last_checkpoint").exists()
    return table, expected
