"""Slow tier: Delta tables written by sluice read by Apache Spark + Delta Lake,
and tables Spark writes read by sluice (both at every version).

Runs only with SLUICE_SLOW=1 (pyspark and delta-spark from
scripts/requirements-slow.txt, installed by `SLUICE_SLOW=1 bash
scripts/setup.sh`; Java 17). The Delta jars come from Maven Central on the
first run and from the Ivy cache in build/ivy after that. With SLUICE_SLOW=1
a missing Spark is an error, not a skip.

Rows are compared as multisets, columns by name, timestamps as UTC
microseconds (delta_compare.assert_same_rows).
"""
import datetime
import os
import pathlib
import random
import shutil

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from conftest import REPO
from delta_compare import assert_same_rows
from delta_write_helpers import (UTC, by_name, commit_version, filter_rows, make_rows, sluice, sluice_file_count,
                                 sluice_history, sluice_read, sluice_write_scenario)

if os.environ.get("SLUICE_SLOW") != "1":
    pytest.skip("slow tier (Apache Spark + Delta Lake on the JVM): set SLUICE_SLOW=1 to run it",
                allow_module_level=True)
try:
    from delta import configure_spark_with_delta_pip
    from pyspark.sql import SparkSession
except ImportError as e:
    pytest.fail(f"SLUICE_SLOW=1 but Spark is missing ({e}): run `SLUICE_SLOW=1 bash scripts/setup.sh` "
                "(installs scripts/requirements-slow.txt into build/venv)", pytrace=False)

# One JVM for the whole module: with pytest-xdist, `--dist loadgroup` keeps
# these tests on one worker.
pytestmark = pytest.mark.xdist_group("spark")


@pytest.fixture(scope="module")
def spark():
    # Spark looks up the host's address at start; a machine without a network
    # (offline runs after the first) has only the loopback.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (SparkSession.builder.master("local[2]").appName("sluice-interop")
               .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
               .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
               .config("spark.jars.ivy", str(REPO / "build" / "ivy"))
               .config("spark.sql.warehouse.dir", str(REPO / "build" / "spark-warehouse"))
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.default.parallelism", "2")
               .config("spark.databricks.delta.snapshotPartitions", "2")
               .config("spark.sql.session.timeZone", "UTC")
               # VACUUM lists the table in this many tasks (default 10000: a minute of overhead).
               .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2")
               # VACUUM ... RETAIN 0 HOURS is refused unless this check is off.
               .config("spark.databricks.delta.retentionDurationCheck.enabled", "false"))
    session = configure_spark_with_delta_pip(builder).getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def spark_read(spark, path, version=None):
    reader = spark.read.format("delta")
    if version is not None:
        reader = reader.option("versionAsOf", version)
    return reader.load(str(path)).toArrow()


def spark_df(spark, table, tmp_path, name):
    """A Spark DataFrame of a pyarrow table (through a Parquet file)."""
    f = tmp_path / f"spark-in-{name}.parquet"
    pq.write_table(table, f)
    return spark.read.parquet(str(f))


def spark_history(spark, path):
    rows = spark.sql(f"DESCRIBE HISTORY delta.`{path}`").select("version", "operation").collect()
    return sorted((r["version"], r["operation"]) for r in rows)


def check_history(binary, spark, path):
    ours = sorted((h["version"], h["operation"]) for h in sluice_history(binary, path))
    assert ours == spark_history(spark, path)
    detail = spark.sql(f"DESCRIBE DETAIL delta.`{path}`").collect()[0]
    assert detail["numFiles"] == sluice_file_count(binary, path)
    assert int(sluice(binary, "table", "version", path)) == ours[-1][0]


def check_versions(binary, spark, path, expected, tmp_path, readers=("spark", "sluice")):
    for version, want in sorted(expected.items()):
        if "spark" in readers:
            assert_same_rows(by_name(spark_read(spark, path, version)), by_name(want))
        if "sluice" in readers:
            assert_same_rows(by_name(sluice_read(binary, path, version, tmp_path)), by_name(want))


def stats_predicates(want):
    """Spark SQL filters with the same test in Python (None never passes): on
    a data column they use sluice's per-file stats for skipping, on `part`
    the partition values."""
    names = [n for n in want.column("name").to_pylist() if n is not None]
    name = names[len(names) // 2]
    return [
        ("id < 1100", lambda r: r["id"] < 1100),
        ("id BETWEEN 2100 AND 2120", lambda r: 2100 <= r["id"] <= 2120),
        ("value > 0", lambda r: r["value"] is not None and r["value"] > 0),
        ("value IS NULL", lambda r: r["value"] is None),
        ("d >= DATE '2023-01-01'", lambda r: r["d"] >= datetime.date(2023, 1, 1)),
        ("ts < TIMESTAMP '2024-02-01 00:00:00'", lambda r: r["ts"] < datetime.datetime(2024, 2, 1, tzinfo=UTC)),
        (f"name = '{name}'", lambda r: r["name"] == name),
        ("name IS NULL", lambda r: r["name"] is None),
        ("part = 'a' OR part IS NULL", lambda r: r["part"] in ("a", None)),
    ]


def check_spark_uses_stats(spark, path, want):
    """Filtered reads (Spark skips files by sluice's stats) and aggregates
    Delta may answer from the stats alone (numRecords, min/max) equal the
    expected rows: wrong stats give wrong answers here."""
    df = spark.read.format("delta").load(str(path))
    for sql, pred in stats_predicates(want):
        got, rows = by_name(df.where(sql).toArrow()), by_name(filter_rows(want, pred))
        assert got.num_rows == rows.num_rows, sql
        assert_same_rows(got, rows)
    assert df.count() == want.num_rows
    cols = ["id", "value", "d", "ts"]
    got = df.selectExpr(*[f"{f}({c}) AS {f}_{c}" for c in cols for f in ("min", "max")]).toArrow().to_pylist()[0]
    for c in cols:
        mm = pc.min_max(want.column(c)).as_py()
        assert (got[f"min_{c}"], got[f"max_{c}"]) == (mm["min"], mm["max"]), c


def checkpoint_only_copy(path, dest):
    """Copies the table at `path` to `dest` without the commit files before
    its newest checkpoint, so that a reader has to start from that checkpoint
    (Delta falls back to older checkpoints or to the commits when it cannot
    use one). The commit at the checkpoint's version stays: Spark refuses to
    load a version whose commit file is missing ("Could not find any delta
    files for version"), even when a checkpoint holds it. Returns the
    checkpoint's version."""
    shutil.copytree(path, dest)
    log = pathlib.Path(dest) / "_delta_log"
    version = max(int(p.name.split(".")[0]) for p in log.glob("*.checkpoint.parquet"))
    for p in log.iterdir():
        if p.suffix in (".json", ".crc") and p.name[0].isdigit() and int(p.name.split(".")[0]) < version:
            p.unlink()
    return version


@pytest.mark.parametrize("partitioned", [True, False], ids=["partitioned", "unpartitioned"])
def test_sluice_writes_spark_reads(sluice_bin, spark, tmp_path, partitioned):
    rng = random.Random(17 if partitioned else 18)
    table, expected = sluice_write_scenario(sluice_bin, tmp_path, partitioned, rng)
    check_versions(sluice_bin, spark, table, expected, tmp_path, readers=("spark",))
    check_history(sluice_bin, spark, table)
    check_spark_uses_stats(spark, table, expected[max(expected)])
    # Spark reads from sluice's checkpoint (written every 3 commits).
    copy = tmp_path / "from-checkpoint"
    c = checkpoint_only_copy(table, copy)
    check_versions(sluice_bin, spark, copy, {v: rows for v, rows in expected.items() if v >= c}, tmp_path)

    # Vacuum with zero retention: Spark still reads the latest version.
    sluice(sluice_bin, "table", "vacuum", table, "--retention-hours", "0", "--force")
    latest = int(sluice(sluice_bin, "table", "version", table))
    check_versions(sluice_bin, spark, table, {latest: expected[2]}, tmp_path)
    check_history(sluice_bin, spark, table)

    # Spark appends to sluice's table (a Spark checkpoint may follow: the
    # table asks for one every 3 commits); sluice reads the result.
    more = make_rows(rng, 40000, 60, ["a", "b", None])
    spark_df(spark, more, tmp_path, "more").write.format("delta").mode("append").save(str(table))
    after_spark = pa.concat_tables([expected[2], more])
    assert int(sluice(sluice_bin, "table", "version", table)) == latest + 1
    check_versions(sluice_bin, spark, table, {latest + 1: after_spark}, tmp_path, readers=("sluice",))

    # And sluice appends after Spark's commit; Spark reads that.
    last = make_rows(rng, 50000, 30, ["c"])
    f = tmp_path / "last.parquet"
    pq.write_table(last, f)
    v = commit_version(sluice(sluice_bin, "table", "append", table, f))
    assert v == latest + 2
    check_versions(sluice_bin, spark, table, {v: pa.concat_tables([after_spark, last])}, tmp_path)
    check_history(sluice_bin, spark, table)
    check_spark_uses_stats(spark, table, pa.concat_tables([after_spark, last]))

    # `sluice table checkpoint` of the latest version; Spark reads from it alone.
    assert int(sluice(sluice_bin, "table", "checkpoint", table)) == v
    copy = tmp_path / "from-cli-checkpoint"
    assert checkpoint_only_copy(table, copy) == v
    check_versions(sluice_bin, spark, copy, {v: pa.concat_tables([after_spark, last])}, tmp_path, readers=("spark",))


# Table properties of the second Spark table: deletion vectors (DELETE with a
# data predicate then writes DVs instead of rewriting files) and column
# mapping by name (a renamed column keeps its physical name in the files).
FEATURES = {
    "plain": {},
    "dv-colmap": {"delta.enableDeletionVectors": "true", "delta.columnMapping.mode": "name"},
}


@pytest.mark.parametrize("features", list(FEATURES))
def test_spark_writes_sluice_reads(sluice_bin, spark, tmp_path, features):
    rng = random.Random(19)
    path = str(tmp_path / "table")
    parts = ["a", "b", "c", None]
    delta = f"delta.`{path}`"
    props = {"delta.checkpointInterval": "2", **FEATURES[features]}
    props_sql = ", ".join(f"'{k}' = '{v}'" for k, v in props.items())
    spark.sql(f"CREATE TABLE {delta} (id BIGINT, part STRING, value DOUBLE, ts TIMESTAMP, d DATE, name STRING) "
              f"USING delta PARTITIONED BY (part) TBLPROPERTIES ({props_sql})")
    renamed = {}

    def write(rows, name, mode="append", **options):
        rows = rows.rename_columns([renamed.get(c, c) for c in rows.column_names])
        w = spark_df(spark, rows, tmp_path, name).write.format("delta").mode(mode)
        for k, v in options.items():
            w = w.option(k, v)
        w.save(path)

    write(make_rows(rng, 0, 300, parts), "v1")
    write(make_rows(rng, 1000, 80, parts), "v2")
    write(make_rows(rng, 2000, 40, ["a"]), "v3", mode="overwrite", replaceWhere="part = 'a'")
    spark.sql(f"DELETE FROM {delta} WHERE part = 'b'")  # whole files (partition predicate)
    spark.sql(f"DELETE FROM {delta} WHERE value > 500000")  # rewrites files or writes DVs
    if FEATURES[features]:
        spark.sql(f"ALTER TABLE {delta} RENAME COLUMN name TO label")
        renamed["name"] = "label"
    extra = make_rows(rng, 3000, 50, ["a", "c"]).append_column("extra", pa.array(range(50), pa.int32()))
    write(extra, "extra", mergeSchema="true")
    for k in range(3):
        small = make_rows(rng, 4000 + 10 * k, 10, ["a", "c", None])
        small = small.append_column("extra", pa.array([k] * 10, pa.int32()))
        write(small, f"small{k}")
    spark.sql(f"OPTIMIZE {delta}")
    write(make_rows(rng, 5000, 70, parts), "overwrite", mode="overwrite", overwriteSchema="true")
    spark.sql(f"RESTORE TABLE {delta} TO VERSION AS OF 5")

    latest = spark.sql(f"DESCRIBE HISTORY {delta}").agg({"version": "max"}).collect()[0][0]
    expected = {v: spark_read(spark, path, v) for v in range(latest + 1)}
    log = tmp_path / "table" / "_delta_log"
    assert list(log.glob("*.checkpoint.parquet")), "Spark wrote no checkpoint"
    if "delta.enableDeletionVectors" in props:
        assert list((tmp_path / "table").rglob("deletion_vector_*.bin")), "Spark wrote no deletion vector"
    check_versions(sluice_bin, spark, path, expected, tmp_path, readers=("sluice",))
    check_history(sluice_bin, spark, path)
    # sluice reads from Spark's checkpoint (written every 2 commits).
    copy = tmp_path / "from-checkpoint"
    c = checkpoint_only_copy(path, copy)
    check_versions(sluice_bin, spark, copy, {v: rows for v, rows in expected.items() if v >= c}, tmp_path,
                   readers=("sluice",))

    # VACUUM with zero retention deletes the files only older versions used.
    spark.sql(f"VACUUM {delta} RETAIN 0 HOURS")
    latest = spark.sql(f"DESCRIBE HISTORY {delta}").agg({"version": "max"}).collect()[0][0]
    check_versions(sluice_bin, spark, path, {latest: spark_read(spark, path)}, tmp_path, readers=("sluice",))
    check_history(sluice_bin, spark, path)
    assert_same_rows(by_name(spark_read(spark, path)), by_name(expected[5]))
