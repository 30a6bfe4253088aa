"""Done-when 4 of issue 5: tables written by the Delta sink (one commit per
checkpoint, several files per commit, with and without partitions) read the
same through deltalake and through DuckDB reading the Parquet files that
deltalake lists (dt.file_uris())."""
import subprocess

import deltalake
import duckdb
import pytest

COLUMNS = ["key", "window_start", "window_end", "n", "total"]


def write_table(test_jobs_bin, tmp_path, partition_by):
    table = tmp_path / "t"
    args = [str(test_jobs_bin), "window-to-delta", "--table", str(table), "--checkpoint-dir",
            str(tmp_path / "chk"), "--events", "40000", "--keys", "7", "--rate", "20000", "--interval-ms", "100",
            "--window-ms", "500"]
    if partition_by:
        args += ["--partition-by", partition_by]
    subprocess.run(args, check=True, timeout=60, capture_output=True)
    return str(table)


def deltalake_rows(table):
    t = deltalake.DeltaTable(table).to_pyarrow_table()
    return sorted(zip(*[t.column(c).cast("int64").to_pylist() for c in COLUMNS]))


def duckdb_rows(table, hive):
    uris = deltalake.DeltaTable(table).file_uris()
    con = duckdb.connect()
    q = (f"SELECT CAST(key AS BIGINT), epoch_us(window_start), epoch_us(window_end), n, total "
         f"FROM read_parquet({uris!r}, hive_partitioning={'true' if hive else 'false'})")
    return sorted(tuple(r) for r in con.sql(q).fetchall()), len(uris)


@pytest.mark.parametrize("partition_by", ["", "key"])
def test_sink_tables_read_the_same_in_deltalake_and_duckdb(test_jobs_bin, tmp_path, partition_by):
    table = write_table(test_jobs_bin, tmp_path, partition_by)
    dt = deltalake.DeltaTable(table)
    assert dt.metadata().partition_columns == ([partition_by] if partition_by else [])
    assert dt.version() >= 5  # one commit per checkpoint
    expected = deltalake_rows(table)
    assert sum(r[3] for r in expected) == 40000  # every event counted once
    got, files = duckdb_rows(table, hive=bool(partition_by))
    assert files >= 5
    assert got == expected


def test_metrics_json_dump_matches_the_table(test_jobs_bin, tmp_path):
    """--metrics-json: the job's counters as JSON agree with what landed."""
    import json
    table = tmp_path / "t"
    metrics = tmp_path / "metrics.json"
    subprocess.run([str(test_jobs_bin), "window-to-delta", "--table", str(table), "--checkpoint-dir",
                    str(tmp_path / "chk"), "--events", "20000", "--keys", "5", "--rate", "20000", "--interval-ms",
                    "100", "--window-ms", "500", "--progress-ms", "100", "--metrics-json", str(metrics)],
                   check=True, timeout=60, capture_output=True)
    m = json.loads(metrics.read_text())
    rows = deltalake.DeltaTable(str(table)).to_pyarrow_table()
    assert m["source_rows"] == 20000
    assert m["sink_rows"] == rows.num_rows
    assert m["commits"] >= 5 and m["checkpoints"] >= 5
    assert m["last_checkpoint_duration_ms"] >= 0
    by_kind = {}
    for n in m["nodes"]:
        by_kind.setdefault(n["kind"], []).append(n)
    assert by_kind["source"][0]["records_in"] == 20000
    assert by_kind["source"][0]["bytes_in"] >= 20000 * 8
    assert by_kind["sink"][0]["records_in"] == rows.num_rows
    assert all(n["backpressure_ms"] >= 0 for n in m["nodes"])


def test_background_compaction_keeps_every_version_readable(test_jobs_bin, tmp_path):
    """--compact-every: OPTIMIZE commits (dataChange=false) land between the
    sink's appends; deltalake reads every version, the latest has fewer files
    than were appended and exactly the rows of a run without compaction."""
    plain = write_table(test_jobs_bin, tmp_path / "plain", "key")
    table = tmp_path / "t"
    subprocess.run([str(test_jobs_bin), "window-to-delta", "--table", str(table), "--checkpoint-dir",
                    str(tmp_path / "chk"), "--events", "40000", "--keys", "7", "--rate", "20000", "--interval-ms",
                    "100", "--window-ms", "500", "--partition-by", "key", "--compact-every", "3"],
                   check=True, timeout=60, capture_output=True)
    dt = deltalake.DeltaTable(str(table))
    ops = [h["operation"] for h in dt.history()]
    assert "OPTIMIZE" in ops and "STREAMING UPDATE" in ops
    appended = sum(1 for h in dt.history() if h["operation"] == "STREAMING UPDATE"
                   for _ in range(int(h.get("operationMetrics", {}).get("numAddedFiles", 0))))
    assert len(dt.file_uris()) < appended
    for v in range(dt.version() + 1):
        deltalake.DeltaTable(str(table), version=v).to_pyarrow_table()
    assert deltalake_rows(str(table)) == deltalake_rows(plain)
    got, _ = duckdb_rows(str(table), hive=True)
    assert got == deltalake_rows(plain)
