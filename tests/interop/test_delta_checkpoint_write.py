"""`sluice table checkpoint` against deltalake (delta-rs), pyarrow and DuckDB.

Tables written by deltalake (appends, overwrites, deletes, compaction, app
transactions; partitioned or not) and golden tables from testdata/delta are
copied, checkpointed by sluice, and then:
  - deltalake reads the table (now starting from our checkpoint) with the same
    version, files, rows and app transaction versions;
  - a copy whose JSON commits up to the checkpoint (and older checkpoints) are
    deleted still reads the same in deltalake: our checkpoint alone rebuilds
    the table, and deltalake can append on top of it;
  - pyarrow and DuckDB read the checkpoint Parquet, whose rows match an
    independent replay of the JSON log (adds, tombstones, txns, protocol,
    metadata, domain metadata) and _last_checkpoint.
Tables with deletion vectors, which deltalake 1.x refuses, are compared
through `sluice table cat` (itself checked against deltalake elsewhere) and
the replayed log.
"""
import datetime
import glob
import json
import os
import shutil

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from deltalake import CommitProperties, DeltaTable, Transaction, write_deltalake

from conftest import TESTDATA, run_sluice

DELTA = TESTDATA / "delta"


# --- helpers -----------------------------------------------------------------

def checkpoint(sluice_bin, table):
    """Runs `sluice table checkpoint` and returns the version it printed."""
    p = run_sluice(sluice_bin, "table", "checkpoint", table)
    assert p.returncode == 0, p.stderr
    version = int(p.stdout)
    ckpt = os.path.join(table, "_delta_log", f"{version:020}.checkpoint.parquet")
    assert os.path.isfile(ckpt)
    with open(os.path.join(table, "_delta_log", "_last_checkpoint")) as f:
        last = json.load(f)
    assert last["version"] == version
    assert last["sizeInBytes"] == os.path.getsize(ckpt)
    # No temp file is left behind.
    assert not [n for n in os.listdir(os.path.join(table, "_delta_log")) if n.endswith(".tmp") and ".checkpoint.parquet." in n]
    return version


def checkpoint_only_copy(table, version, dst):
    """Copies `table` without the log files our checkpoint at `version` makes redundant."""
    shutil.copytree(table, dst)
    ours = f"{version:020}.checkpoint.parquet"
    for path in glob.glob(os.path.join(dst, "_delta_log", "*")):
        name = os.path.basename(path)
        if name[:20].isdigit() and int(name[:20]) <= version and name != ours:
            os.remove(path)
    return dst


def rows(dt):
    return sorted(repr(sorted(r.items())) for r in dt.to_pyarrow_table().to_pylist())


def files(dt, root):
    return sorted(os.path.relpath(u.removeprefix("file://"), root) for u in dt.file_uris())


def add_actions(dt):
    """The live files as deltalake sees them: path -> (size, numRecords, partition values)."""
    t = pa.table(dt.get_add_actions(flatten=True)).to_pylist()
    return {r["path"]: (r["size_bytes"], r.get("num_records"),
                        sorted((k, v) for k, v in r.items() if k.startswith("partition."))) for r in t}


def replay_json(table, version):
    """Independent replay of the JSON commits 0..version (no checkpoint involved)."""
    state = {"add": {}, "remove": {}, "txn": {}, "domain": {}, "protocol": None, "metaData": None}
    for v in range(version + 1):
        with open(os.path.join(table, "_delta_log", f"{v:020}.json")) as f:
            for line in f:
                if not line.strip():
                    continue
                action = json.loads(line)
                if "add" in action:
                    a = action["add"]
                    key = (a["path"], json.dumps(a.get("deletionVector"), sort_keys=True))
                    state["add"][key] = a
                    state["remove"].pop(key, None)
                elif "remove" in action:
                    r = action["remove"]
                    key = (r["path"], json.dumps(r.get("deletionVector"), sort_keys=True))
                    state["add"].pop(key, None)
                    state["remove"][key] = r
                elif "txn" in action:
                    state["txn"][action["txn"]["appId"]] = action["txn"]["version"]
                elif "domainMetadata" in action:
                    d = action["domainMetadata"]
                    if d.get("removed"):
                        state["domain"].pop(d["domain"], None)
                    else:
                        state["domain"][d["domain"]] = d["configuration"]
                elif "protocol" in action:
                    state["protocol"] = action["protocol"]
                elif "metaData" in action:
                    state["metaData"] = action["metaData"]
    return state


def read_checkpoint(table, version):
    path = os.path.join(table, "_delta_log", f"{version:020}.checkpoint.parquet")
    return path, pq.read_table(path).to_pylist()


def check_checkpoint_against_log(table, version):
    """The checkpoint's rows equal a replay of the JSON log; pyarrow and DuckDB agree."""
    expected = replay_json(table, version)
    path, ckpt = read_checkpoint(table, version)
    with open(os.path.join(table, "_delta_log", "_last_checkpoint")) as f:
        last = json.load(f)
    assert len(ckpt) == last["size"]
    for row in ckpt:  # one action per row
        assert sum(v is not None for v in row.values()) == 1, row
    adds = {r["add"]["path"]: r["add"] for r in ckpt if r["add"]}
    assert last["numOfAddFiles"] == len(adds)
    assert sorted(adds) == sorted(p for p, _ in expected["add"])
    for (p, _), a in expected["add"].items():
        got = adds[p]
        assert got["dataChange"] is False
        assert got["size"] == a["size"]
        assert got["modificationTime"] == a["modificationTime"]
        assert dict(got["partitionValues"]) == a["partitionValues"]
        assert got["stats"] == a.get("stats")
        assert (dict(got["tags"]) if got["tags"] is not None else None) == a.get("tags")
        dv = a.get("deletionVector")
        if dv is None:
            assert got["deletionVector"] is None
        else:
            assert {k: v for k, v in got["deletionVector"].items() if v is not None} == dv
    removes = sorted(r["remove"]["path"] for r in ckpt if r["remove"])
    # Tombstones past the default retention (1 week) are dropped.
    week_ago = (datetime.datetime.now().timestamp() - 7 * 86400) * 1000
    fresh = sorted(p for (p, _), r in expected["remove"].items() if r.get("deletionTimestamp", 0) > week_ago)
    assert removes == fresh
    assert {r["txn"]["appId"]: r["txn"]["version"] for r in ckpt if r["txn"]} == expected["txn"]
    protocols = [r["protocol"] for r in ckpt if r["protocol"]]
    assert len(protocols) == 1
    p = protocols[0]
    assert (p["minReaderVersion"], p["minWriterVersion"]) == (expected["protocol"]["minReaderVersion"],
                                                             expected["protocol"]["minWriterVersion"])
    assert p["readerFeatures"] == expected["protocol"].get("readerFeatures")
    assert p["writerFeatures"] == expected["protocol"].get("writerFeatures")
    metas = [r["metaData"] for r in ckpt if r["metaData"]]
    assert len(metas) == 1
    m, em = metas[0], expected["metaData"]
    assert (m["id"], m["schemaString"], m["partitionColumns"]) == (em["id"], em["schemaString"],
                                                                   em["partitionColumns"])
    assert dict(m["configuration"]) == em.get("configuration", {})
    domains = {r["domainMetadata"]["domain"]: r["domainMetadata"]["configuration"]
               for r in ckpt if r.get("domainMetadata")}
    assert domains == expected["domain"]
    # DuckDB reads the same file.
    con = duckdb.connect()
    n, n_add, n_remove = con.execute(
        "select count(*), count(add), count(remove) from read_parquet(?)", [path]).fetchone()
    assert (n, n_add, n_remove) == (len(ckpt), len(adds), len(removes))
    duck_paths = sorted(r[0] for r in con.execute(
        "select add.path from read_parquet(?) where add is not null", [path]).fetchall())
    assert duck_paths == sorted(adds)


def check_deltalake_reads_checkpoint(sluice_bin, table, tmp_path):
    """Checkpoints `table` (a copy) and compares deltalake's reads before and after."""
    before = DeltaTable(table)
    version, before_rows, before_files = before.version(), rows(before), files(before, table)
    before_adds = add_actions(before)
    assert checkpoint(sluice_bin, table) == version
    after = DeltaTable(table)
    assert after.version() == version
    assert files(after, table) == before_files
    assert rows(after) == before_rows
    alone = checkpoint_only_copy(table, version, str(tmp_path / "alone"))
    dt = DeltaTable(alone)
    assert dt.version() == version
    assert files(dt, alone) == before_files
    assert add_actions(dt) == before_adds
    assert rows(dt) == before_rows
    return version, alone


# --- tables written by deltalake ------------------------------------------------

def _data(start, n, parts=("x", "y", "z")):
    return pa.table({
        "a": pa.array(range(start, start + n), pa.int64()),
        "s": pa.array([f"s{i}" if i % 4 else None for i in range(start, start + n)]),
        "d": pa.array([1.5 * i for i in range(start, start + n)], pa.float64()),
        "day": pa.array([datetime.date(2024, 1, 1 + i % 3) for i in range(start, start + n)], pa.date32()),
        "p": pa.array([parts[i % len(parts)] if i % 7 else None for i in range(start, start + n)]),
    })


def _appends(t):
    for i in range(4):
        write_deltalake(t, _data(10 * i, 10), mode="append")


def _overwrite(t):
    for i in range(3):
        write_deltalake(t, _data(10 * i, 10), mode="append")
    write_deltalake(t, _data(100, 5), mode="overwrite")
    write_deltalake(t, _data(200, 5), mode="append")


def _partitioned(t):
    for i in range(3):
        write_deltalake(t, _data(10 * i, 10), mode="append", partition_by=["p"],
                        commit_properties=CommitProperties(app_transactions=[Transaction("app-a", i)]))
    replacement = _data(300, 6).set_column(4, "p", pa.array(["x"] * 6))
    write_deltalake(t, replacement, mode="overwrite", predicate="p = 'x'")
    DeltaTable(t).delete("a > 25")
    write_deltalake(t, _data(400, 8), mode="append",
                    commit_properties=CommitProperties(app_transactions=[Transaction("app-b", 7)]))


def _compacted(t):
    for i in range(5):
        write_deltalake(t, _data(10 * i, 4), mode="append", partition_by=["day"])
    DeltaTable(t).optimize.compact()  # dataChange=false removes and adds
    write_deltalake(t, _data(500, 3), mode="append")


BUILDERS = {"appends": _appends, "overwrite": _overwrite, "partitioned": _partitioned, "compacted": _compacted}


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_deltalake_written_table(sluice_bin, tmp_path, kind):
    table = str(tmp_path / kind)
    BUILDERS[kind](table)
    txns = {app: DeltaTable(table).transaction_version(app) for app in ("app-a", "app-b")}
    version, alone = check_deltalake_reads_checkpoint(sluice_bin, table, tmp_path)
    check_checkpoint_against_log(table, version)
    dt = DeltaTable(alone)
    for app, v in txns.items():
        assert dt.transaction_version(app) == v
    # deltalake writes on top of our checkpoint (it loads the table from the
    # checkpoint _last_checkpoint names; deltalake itself needs the commit
    # file of the checkpoint's version to write, even after its own checkpoints).
    expected = rows(dt)
    write_deltalake(table, _data(900, 3), mode="append")
    dt = DeltaTable(table)
    assert dt.version() == version + 1
    assert len(rows(dt)) == len(expected) + 3


def test_checkpoint_written_table_sluice_round_trip(sluice_bin, tmp_path):
    """sluice's own reader gets the same rows from the checkpoint alone."""
    table = str(tmp_path / "t")
    _partitioned(table)
    version = checkpoint(sluice_bin, table)
    alone = checkpoint_only_copy(table, version, str(tmp_path / "alone"))
    assert _sluice_rows(sluice_bin, alone, tmp_path / "a.parquet") == _sluice_rows(sluice_bin, table,
                                                                                   tmp_path / "b.parquet")


# --- golden tables ----------------------------------------------------------------

# Tables deltalake reads (with their data files): compared through deltalake.
GOLDEN = [
    "golden/basic-with-inserts-deletes-checkpoint",
    "golden/data-reader-partition-values",
    "golden/snapshot-repartitioned",
    "golden/time-travel-schema-changes-b",
    "golden/table-with-columnmapping-mode-name",
    "golden/log-replay-latest-metadata-protocol",
    "golden/parquet-all-types",
    "golden/kernel-timestamp-partition-col-ISO8601",
    "golden/table-with-icebegCompatV2Enabled",
    "delta-rs/delta-0.8.0-special-partition",
    "delta-rs/delta-0.8.0-null-partition",
    "delta-rs/delta-2.2.0-partitioned-types",
    "delta-rs/simple_table",
    "delta-rs/cdf-table",
    "delta-rs/table_with_column_mapping",
]

# Tables with deletion vectors (deltalake 1.x refuses reader feature
# deletionVectors): compared through `sluice table cat` and the JSON log.
GOLDEN_DV = [
    "golden/dv-partitioned-with-checkpoint",
    "golden/dv-with-columnmapping",
    "delta-rs/table_with_deletion_logs",
    "delta-rs/table-with-dv-small",
    "delta-rs/table_with_liquid_clustering",  # domainMetadata, row tracking
]


def _has_full_json_log(table, version):
    return all(os.path.exists(os.path.join(table, "_delta_log", f"{v:020}.json")) for v in range(version + 1))


@pytest.mark.parametrize("name", GOLDEN)
def test_golden_table(sluice_bin, tmp_path, name):
    table = str(tmp_path / "t")
    shutil.copytree(DELTA / name, table)
    version, _ = check_deltalake_reads_checkpoint(sluice_bin, table, tmp_path)
    if _has_full_json_log(table, version):
        check_checkpoint_against_log(table, version)


def _sluice_rows(sluice_bin, table, out):
    p = run_sluice(sluice_bin, "table", "cat", table, "--format", "parquet", "--output", out)
    assert p.returncode == 0, p.stderr
    return sorted(repr(sorted(r.items())) for r in pq.read_table(out).to_pylist())


@pytest.mark.parametrize("name", GOLDEN_DV)
def test_golden_dv_table(sluice_bin, tmp_path, name):
    table = str(tmp_path / "t")
    shutil.copytree(DELTA / name, table)
    before = _sluice_rows(sluice_bin, table, tmp_path / "before.parquet")
    version = checkpoint(sluice_bin, table)
    alone = checkpoint_only_copy(table, version, str(tmp_path / "alone"))
    assert _sluice_rows(sluice_bin, alone, tmp_path / "after.parquet") == before
    if _has_full_json_log(table, version):
        check_checkpoint_against_log(table, version)  # deletion vectors included
    else:
        _, ckpt = read_checkpoint(table, version)
        assert any(r["add"] and r["add"]["deletionVector"] for r in ckpt)


def test_v2_checkpoint_table_is_refused(sluice_bin, tmp_path):
    table = str(tmp_path / "t")
    shutil.copytree(DELTA / "golden/v2-checkpoint-parquet", table)
    listing = sorted(os.listdir(os.path.join(table, "_delta_log")))
    p = run_sluice(sluice_bin, "table", "checkpoint", table)
    assert p.returncode == 1
    assert "v2Checkpoint" in p.stderr
    assert sorted(os.listdir(os.path.join(table, "_delta_log"))) == listing


def test_not_a_table(sluice_bin, tmp_path):
    p = run_sluice(sluice_bin, "table", "checkpoint", tmp_path)
    assert p.returncode == 1
    assert "not a Delta table" in p.stderr
