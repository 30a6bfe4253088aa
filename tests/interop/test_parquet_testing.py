"""Done-when 1 and 2 of the Parquet issue, against every file of parquet-testing.

1. `sluice parquet copy` of each readable file gives content pyarrow reads as
   equal to the original.
2. Bad files give a non-zero exit and a clear message, with no crash or
   sanitizer report (run with the ASan build).
"""
import os

import pytest

from conftest import PARQUET_TESTING, run_sluice
from parquet_compare import assert_same_content

DATA = PARQUET_TESTING / "data"
BAD = PARQUET_TESTING / "bad_data"

# Files that must be refused (corrupt on purpose), not copied.
MUST_FAIL = {
    "nation.dict-malformed.parquet",
    "datapage_v1-corrupt-checksum.parquet",
    "rle-dict-uncompressed-corrupt-checksum.parquet",
}
# Needs more than 2 GiB of strings in memory: the slow tier runs it.
SLOW = {"large_string_map.brotli.parquet"}


def _rel(p):
    return str(p.relative_to(DATA))


GOOD_FILES = sorted(p for p in DATA.rglob("*.parquet") if p.name not in MUST_FAIL)
BAD_FILES = sorted(BAD.glob("*.parquet")) + sorted(DATA / n for n in MUST_FAIL)


def test_the_data_set_is_there():
    assert len(GOOD_FILES) > 60, f"parquet-testing data missing under {DATA}"


@pytest.mark.parametrize("path", GOOD_FILES, ids=_rel)
def test_copy_reads_equal_in_pyarrow(path, tmp_path, sluice_bin):
    if path.name in SLOW and not os.environ.get("SLUICE_SLOW"):
        pytest.skip("slow tier: run with SLUICE_SLOW=1")
    out = tmp_path / "copy.parquet"
    r = run_sluice(sluice_bin, "parquet", "copy", path, out)
    assert r.returncode == 0, f"sluice failed on {_rel(path)}:\n{r.stderr}"
    assert_same_content(path, out)


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_bad_file_fails_cleanly(path, tmp_path, sluice_asan_bin):
    for args in (["parquet", "copy", path, tmp_path / "out.parquet"], ["parquet", "cat", path]):
        r = run_sluice(sluice_asan_bin, *args)
        assert r.returncode == 1, f"expected a clean failure (exit 1), got {r.returncode}:\n{r.stderr[-3000:]}"
        assert "Sanitizer" not in r.stderr and "runtime error" not in r.stderr, r.stderr[-3000:]
        assert path.name in r.stderr, f"error does not name the file: {r.stderr}"
