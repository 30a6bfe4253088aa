#!/usr/bin/env bash
# The README's first command: installs what is missing, builds sluice, then
# writes a Parquet file with sluice, reads it back with sluice, and shows
# pyarrow reading the same file.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/setup.sh
bash scripts/build.sh release
dir="$here/data/demo"
echo "== sluice demo: write and read back with sluice"
build/bin/sluice demo --dir "$dir"
echo
echo "== sluice parquet stats $dir/events.parquet"
build/bin/sluice parquet stats "$dir/events.parquet"
echo
echo "== pyarrow reads the same file"
build/venv/bin/python - "$dir/events.parquet" <<'PY'
import sys
import pyarrow.parquet as pq
t = pq.read_table(sys.argv[1])
print(t.schema)
for row in t.slice(0, 5).to_pylist():
    print(row)
print(f"pyarrow read {t.num_rows} rows")
PY
