"""`sluice table cat` against deltalake (delta-rs) on every table of testdata/delta/INDEX.md.

Each table is read at its latest version and at every version the index
lists; sluice's rows (written with --format parquet) must equal deltalake's
as multisets. Tables broken on purpose must make sluice exit 1 with a
message. Where deltalake cannot read a table, the reason is listed below and
sluice must at least finish without crashing (exit 0, or 1 with a message).
"""
import re

import deltalake
import pyarrow as pa
import pytest

from conftest import TESTDATA, run_sluice
from delta_compare import assert_same_rows, normalise
from parquet_compare import read_normalised

DELTA = TESTDATA / "delta"

# Broken on purpose (INDEX.md): sluice must refuse them (exit 1, a message).
# Only the latest version is tried: earlier versions of some are valid.
BROKEN = {
    "golden/deltalog-invalid-protocol-version": "reader version 99",
    "golden/versions-not-contiguous": "commit 1 is missing",
    "golden/deltalog-state-reconstruction-without-metadata": "no metaData action",
    "golden/deltalog-state-reconstruction-without-protocol": "no protocol action",
    "golden/deltalog-state-reconstruction-from-checkpoint-missing-metadata": "checkpoint without metaData",
    "golden/deltalog-state-reconstruction-from-checkpoint-missing-protocol": "checkpoint without protocol",
}

# Tables (or some of their versions) deltalake 1.x cannot read, and why. For
# these sluice must not crash; where deltalake fails only at some versions,
# the others are still compared.
DELTALAKE_CANNOT_READ = {
    "golden/basic-with-vacuum-protocol-check-feature": "deltalake refuses reader feature vacuumProtocolCheck",
    "golden/type-widening": "deltalake refuses reader feature typeWidening-preview",
    "golden/type-widening-nested": "deltalake refuses reader feature typeWidening-preview",
    "delta-rs/spark-shredded-variant-preview-delta": "deltalake refuses variantShredding-preview",
    "delta-rs/simple_table_features": "deltalake rejects reader features with reader version 5",
    "golden/canonicalized-paths-normal-a": "deltalake fails on a metaData action without schemaString",
    "golden/canonicalized-paths-normal-b": "deltalake fails on a metaData action without schemaString",
    "golden/canonicalized-paths-special-a": "deltalake fails on a metaData action without schemaString",
    "golden/canonicalized-paths-special-b": "deltalake fails on a metaData action without schemaString",
    "golden/corrupted-last-checkpoint": "deltalake fails on a metaData action without schemaString",
    "golden/deltalog-commit-info": "deltalake fails on a metaData action without schemaString",
    "golden/data-reader-absolute-paths-escaped-chars": "log has no metaData (data-reader fixture)",
    "golden/checkpoint": "data files are not shipped (fake paths)",
    "golden/delete-re-add-same-file-different-transactions": "data files are not shipped",
    "golden/deltalog-getChanges": "data files are not shipped (fake paths)",
    "golden/log-replay-special-characters": "data files are not shipped",
    "golden/log-replay-special-characters-a": "data files are not shipped",
    "golden/log-replay-special-characters-b": "data files are not shipped",
    "golden/snapshot-vacuumed": "data files were vacuumed",
    "golden/update-deleted-directory": "data files are not shipped",
    "delta-rs/checkpoints": "data files are not shipped",
    "delta-rs/checkpoints_vacuumed": "data files are not shipped; early commits removed",
    "delta-rs/checkpoint_with_partitions": "data files are not shipped",
    "delta-rs/latest_not_checkpointed": "data files are not shipped",
    "delta-rs/with_checkpoint_no_last_checkpoint": "data files are not shipped",
    "delta-rs/table-with-domain-metadata": "data files are not shipped",
    "delta-rs/spark-variant-stable-feature-checkpoint": "data files are not shipped",
    "delta-rs/delta-live-table": "deltalake cannot rebuild an early version",
}

# Tables needing a reader feature sluice refuses (docs/compatibility.md):
# sluice must exit 1 naming the feature.
SLUICE_REFUSES = {
    "golden/spark-variant-checkpoint": "variantType-preview",
    "delta-rs/spark-variant-checkpoint": "variantType-preview",
}

# Tables whose snapshot sluice must load (`table files` exits 0) even though
# deltalake cannot read them (their data files are fake): the protocol lets a
# reader recover from a corrupt _last_checkpoint by listing.
MUST_LOAD = {"golden/corrupted-last-checkpoint"}


def _index_rows():
    rows = []
    for line in (DELTA / "INDEX.md").read_text().splitlines():
        m = re.match(r"^\| ((?:golden|delta-rs)/\S+) \|[^|]*\|[^|]*\| ([^|]*)\|", line)
        if m:
            rows.append((m.group(1), m.group(2).strip()))
    return rows


def _cases():
    cases = []
    for name, versions in _index_rows():
        cases.append(pytest.param(name, None, id=f"{name}@latest"))
        if name in BROKEN or ".." not in versions:
            continue
        first, last = (int(x) for x in versions.split(".."))
        for v in range(first, last + 1):
            cases.append(pytest.param(name, v, id=f"{name}@{v}"))
    return cases


# Tables deltalake reads wrongly, and why; their oracle is pyarrow reading the
# snapshot's data files (as deltalake lists them) directly.
DELTALAKE_WRONG = {
    "delta-rs/table_with_edge_timestamps": "year-9999 INT96 timestamps overflow nanoseconds in deltalake",
}


def _deltalake_read(name, path, version):
    dt = deltalake.DeltaTable(str(path), version=version) if version is not None else deltalake.DeltaTable(str(path))
    if name in DELTALAKE_WRONG:
        return pa.concat_tables([read_normalised(f.removeprefix("file://")) for f in dt.file_uris()])
    # to_pyarrow_table reads column-mapped files by logical name (all nulls)
    # and refuses deletion vectors; deltalake's query engine handles both.
    if dt.metadata().configuration.get("delta.columnMapping.mode", "none") == "none":
        try:
            return dt.to_pyarrow_table()
        except Exception:  # noqa: BLE001 - e.g. deletion vectors
            pass
    return pa.table(deltalake.QueryBuilder().register("t", dt).execute("select * from t").read_all())


def _assert_refused(result, name):
    assert result.returncode == 1, f"sluice should refuse {name}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
    assert result.stderr.startswith("sluice: ") and len(result.stderr) > 10, result.stderr


def _assert_no_crash(result):
    assert result.returncode in (0, 1), f"exit {result.returncode}:\n{result.stderr[-3000:]}"
    if result.returncode == 1:
        assert result.stderr.startswith("sluice: "), result.stderr


@pytest.mark.parametrize("name,version", _cases())
def test_delta_read(sluice_bin, tmp_path, name, version):
    path = DELTA / name
    out = tmp_path / "rows.parquet"
    args = ["table", "cat", path, "--format", "parquet", "--output", out]
    if version is not None:
        args += ["--version", version]
    result = run_sluice(sluice_bin, *args)
    if name in BROKEN:
        _assert_refused(result, name)
        return
    if name in SLUICE_REFUSES:
        _assert_refused(result, name)
        assert SLUICE_REFUSES[name] in result.stderr
        return
    try:
        expected = _deltalake_read(name, path, version)
    except Exception as e:  # noqa: BLE001 - any deltalake failure is checked against the list
        if name not in DELTALAKE_CANNOT_READ:
            pytest.fail(f"deltalake cannot read {name}@{version} ({e}) and the table is not listed")
        if name in MUST_LOAD:
            files = run_sluice(sluice_bin, "table", "files", path, *(["--version", version] if version is not None else []))
            assert files.returncode == 0, files.stderr[-3000:]
        _assert_no_crash(result)
        return
    assert result.returncode == 0, f"sluice failed on {name}@{version}:\n{result.stderr[-3000:]}"
    actual = read_normalised(out)
    expected = normalise(expected)
    assert actual.column_names == expected.column_names
    assert actual.num_rows == expected.num_rows, f"{actual.num_rows} rows, deltalake has {expected.num_rows}"
    assert_same_rows(actual, expected)
