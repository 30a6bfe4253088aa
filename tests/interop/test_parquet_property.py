"""Done-when 3 of the Parquet issue: property tests over random schemas and data.

- pyarrow writes random tables with every codec, dictionary on/off, data page
  v1/v2, small and large pages; sluice reads them (and writes them again).
- Files sluice writes are read by pyarrow, DuckDB and polars identically to
  what those peers read from the pyarrow-written original.
"""
import itertools

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from conftest import run_sluice
from parquet_compare import assert_same_content, columns_equal
from random_tables import random_table

CODECS = ["none", "snappy", "gzip", "zstd", "lz4", "brotli"]
PYARROW_WRITES = [
    dict(compression=c, use_dictionary=d, data_page_version=v, data_page_size=p)
    for c, d, v, p in itertools.product(CODECS, [True, False], ["1.0", "2.0"], [256, 1 << 20])
]
SLUICE_WRITES = [
    [],
    ["--codec", "zstd", "--level", "3", "--page-version", "2"],
    ["--codec", "none", "--no-dictionary", "--row-group-rows", "50"],
    ["--codec", "gzip", "--checksums"],
    ["--codec", "lz4_raw"],
    ["--codec", "brotli", "--page-version", "2", "--no-dictionary"],
]


def _assert_tables_equal(want, got):
    assert want.schema == got.schema
    for name in want.schema.names:
        assert columns_equal(want.column(name), got.column(name)), f"column {name} differs"


def _copy(sluice_bin, src, dst, args):
    r = run_sluice(sluice_bin, "parquet", "copy", src, dst, *args)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("case", range(len(PYARROW_WRITES)))
def test_sluice_reads_what_pyarrow_writes(case, tmp_path, sluice_bin):
    opts = PYARROW_WRITES[case]
    table = random_table(1000 + case)
    src = tmp_path / "pyarrow.parquet"
    pq.write_table(table, src, **opts)
    dst = tmp_path / "sluice.parquet"
    _copy(sluice_bin, src, dst, SLUICE_WRITES[case % len(SLUICE_WRITES)])
    assert_same_content(src, dst)


@pytest.mark.parametrize("seed", range(12))
def test_duckdb_reads_what_sluice_writes(seed, tmp_path, sluice_bin):
    table = random_table(2000 + seed, peer="duckdb")
    src = tmp_path / "pyarrow.parquet"
    pq.write_table(table, src)
    dst = tmp_path / "sluice.parquet"
    _copy(sluice_bin, src, dst, SLUICE_WRITES[seed % len(SLUICE_WRITES)])
    con = duckdb.connect()
    want = con.sql(f"select * from read_parquet('{src}')").to_arrow_table()
    got = con.sql(f"select * from read_parquet('{dst}')").to_arrow_table()
    _assert_tables_equal(want, got)


@pytest.mark.parametrize("seed", range(12))
def test_polars_reads_what_sluice_writes(seed, tmp_path, sluice_bin):
    table = random_table(3000 + seed, peer="polars")
    src = tmp_path / "pyarrow.parquet"
    pq.write_table(table, src)
    dst = tmp_path / "sluice.parquet"
    _copy(sluice_bin, src, dst, SLUICE_WRITES[seed % len(SLUICE_WRITES)])
    want = pl.read_parquet(src)
    got = pl.read_parquet(dst)
    assert want.schema == got.schema
    _assert_tables_equal(want.to_arrow(), got.to_arrow())


@pytest.mark.parametrize("seed", range(12))
def test_pyarrow_reads_what_sluice_writes(seed, tmp_path, sluice_bin):
    table = random_table(4000 + seed)
    src = tmp_path / "pyarrow.parquet"
    pq.write_table(table, src)
    dst = tmp_path / "sluice.parquet"
    _copy(sluice_bin, src, dst, SLUICE_WRITES[seed % len(SLUICE_WRITES)])
    assert_same_content(src, dst)
    _assert_statistics_match_content(dst)


def _assert_statistics_match_content(path):
    """For flat columns, min/max/null_count in the footer equal what the data holds."""
    f = pq.ParquetFile(path)
    md = f.metadata
    for g in range(md.num_row_groups):
        data = f.read_row_group(g)
        for c in range(md.num_columns):
            col = md.row_group(g).column(c)
            name = col.path_in_schema
            if "." in name or col.statistics is None:
                continue
            values = data.column(name)
            stats = col.statistics
            assert stats.null_count == values.null_count, f"{name}: null_count"
            t = values.type
            if not stats.has_min_max or pa.types.is_floating(t) or pa.types.is_binary(t) \
                    or pa.types.is_fixed_size_binary(t) or pa.types.is_decimal(t):
                continue
            mm = pc.min_max(values)
            assert stats.min == mm["min"].as_py(), f"{name}: min {stats.min} != {mm['min']}"
            assert stats.max == mm["max"].as_py(), f"{name}: max {stats.max} != {mm['max']}"
