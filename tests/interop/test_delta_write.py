"""Tables written by sluice read by deltalake, and tables deltalake writes read by sluice.

Each scenario runs a sequence of operations (append, overwrite,
replaceWhere, partition delete, mergeSchema, optimize, restore, vacuum,
checkpoints) and records the rows every version must hold. Every version is
then read by deltalake and by `sluice table cat`, and both must equal the
expected rows; history and version must agree.
"""
import json
import random

import deltalake
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import run_sluice
from delta_compare import assert_same_rows
from delta_write_helpers import (by_name, commit_version, make_rows, sluice, sluice_history, sluice_read,
                                 sluice_write_scenario)


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
    ours = sluice_history(binary, path)
    theirs = dt.history()
    assert [h["version"] for h in ours] == [h["version"] for h in theirs]
    assert [h["operation"] for h in ours] == [h["operation"] for h in theirs]
    assert int(sluice(binary, "table", "version", path)) == dt.version()


@pytest.mark.parametrize("partitioned", [True, False], ids=["partitioned", "unpartitioned"])
def test_sluice_writes_deltalake_reads(sluice_bin, tmp_path, partitioned):
    rng = random.Random(7 if partitioned else 8)
    table, expected = sluice_write_scenario(sluice_bin, tmp_path, partitioned, rng)
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
