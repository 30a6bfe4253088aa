"""The worked example (examples/delta_key_count.cc) prints the expected counts,
and the table it writes is a Delta table deltalake reads."""
import subprocess

import deltalake


def test_delta_key_count(sluice_bin, tmp_path):
    example = sluice_bin.parent / "delta_key_count"
    table = tmp_path / "my_table"
    r = subprocess.run([str(example), str(table)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == sorted(f"key-{i}: 1" for i in range(10))
    rows = deltalake.DeltaTable(str(table)).to_pyarrow_table().to_pylist()
    assert sorted((x["key"], x["value"]) for x in rows) == sorted((f"key-{i}", f"value-{i}") for i in range(10))
