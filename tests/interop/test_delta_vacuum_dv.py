"""Vacuum keeps the deletion-vector files live rows depend on (Spark-written
tables with deletion vectors), and deletes what no version within the
retention references."""
import os
import shutil
import time

import pyarrow.parquet as pq

from conftest import TESTDATA, run_sluice

TABLES = ["golden/dv-partitioned-with-checkpoint", "delta-rs/table-with-dv-small"]


def cat(binary, table, out):
    r = run_sluice(binary, "table", "cat", table, "--format", "parquet", "--output", out)
    assert r.returncode == 0, r.stderr
    return pq.read_table(out)


def age_everything(root, days):
    old = time.time() - days * 86400
    for dirpath, _, names in os.walk(root):
        for n in names:
            os.utime(os.path.join(dirpath, n), (old, old))


def test_vacuum_keeps_deletion_vectors(sluice_bin, tmp_path):
    for name in TABLES:
        table = tmp_path / name.replace("/", "_")
        shutil.copytree(TESTDATA / "delta" / name, table)
        age_everything(table, 30)
        before = cat(sluice_bin, table, tmp_path / "before.parquet")
        stray = table / "part-stray-not-in-the-log.parquet"
        stray.write_bytes(b"not referenced")
        os.utime(stray, (time.time() - 30 * 86400,) * 2)
        dvs = sorted(p.name for p in table.rglob("deletion_vector_*.bin"))
        assert dvs, name
        r = run_sluice(sluice_bin, "table", "vacuum", table)
        assert r.returncode == 0, r.stderr
        assert not stray.exists(), name
        after = cat(sluice_bin, table, tmp_path / "after.parquet")
        assert after.sort_by([(c, "ascending") for c in after.column_names]).equals(
            before.sort_by([(c, "ascending") for c in before.column_names])), name
        live_dvs = sorted(p.name for p in table.rglob("deletion_vector_*.bin"))
        assert live_dvs, f"{name}: every deletion vector file was deleted"
