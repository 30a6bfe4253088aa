"""Helpers to compare what pyarrow reads from two Parquet files."""
import math

import pyarrow as pa
import pyarrow.parquet as pq


def _normalise_type(t):
    """Maps pyarrow-only representations to the plain Parquet-level type.

    pyarrow restores some types from its own ARROW:schema metadata (dictionary,
    large offsets) that describe the in-memory form, not the Parquet content.
    """
    if pa.types.is_dictionary(t):
        return _normalise_type(t.value_type)
    if pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return pa.string()
    if pa.types.is_large_binary(t) or pa.types.is_binary_view(t):
        return pa.binary()
    if pa.types.is_large_list(t) or pa.types.is_list_view(t):
        return pa.list_(_normalise_field(t.value_field))
    if pa.types.is_list(t):
        return pa.list_(_normalise_field(t.value_field))
    if pa.types.is_map(t):
        return pa.map_(_normalise_field(t.key_field).type, _normalise_field(t.item_field))
    if pa.types.is_struct(t):
        return pa.struct([_normalise_field(t.field(i)) for i in range(t.num_fields)])
    return t


def _normalise_field(f):
    return pa.field(f.name, _normalise_type(f.type), f.nullable)


def read_normalised(path, **kwargs):
    """Reads a Parquet file with pyarrow, INT96 as microseconds, and normalises types."""
    table = pq.read_table(path, coerce_int96_timestamp_unit="us", **kwargs)
    schema = pa.schema([_normalise_field(f) for f in table.schema])
    return table.cast(schema).combine_chunks()


def _same(x, y):
    """Value equality where NaN equals NaN (pyarrow's equals() says NaN != NaN)."""
    if isinstance(x, float) and isinstance(y, float):
        return (math.isnan(x) and math.isnan(y)) or (x == y and math.copysign(1, x) == math.copysign(1, y))
    if isinstance(x, (list, tuple)) and isinstance(y, (list, tuple)):
        return len(x) == len(y) and all(_same(a, b) for a, b in zip(x, y))
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(_same(x[k], y[k]) for k in x)
    return type(x) is type(y) and x == y


def columns_equal(ca, cb):
    return ca.equals(cb) or _same(ca.to_pylist(), cb.to_pylist())


def _read_with_duckdb(path):
    import duckdb
    return duckdb.connect().execute("select * from read_parquet(?)", [str(path)]).to_arrow_table()


def assert_same_content(original, copy):
    try:
        a = read_normalised(original)
    except pa.ArrowInvalid as e:
        # pyarrow refuses some files other readers accept (incorrect_map_schema:
        # "Map keys must be annotated as required"): DuckDB is the oracle then,
        # reading both files.
        if "Map keys must be annotated as required" not in str(e):
            raise
        a, b = _read_with_duckdb(original), _read_with_duckdb(copy)
        assert a.schema == b.schema and a.equals(b)
        return
    b = read_normalised(copy)
    assert a.schema.names == b.schema.names
    for name in a.schema.names:
        fa, fb = a.schema.field(name), b.schema.field(name)
        assert fa.type == fb.type, f"column {name}: type {fa.type} became {fb.type}"
    assert a.num_rows == b.num_rows
    for name in a.schema.names:
        ca, cb = a.column(name), b.column(name)
        assert columns_equal(ca, cb), f"column {name} differs:\n{ca.to_pylist()[:5]}\n{cb.to_pylist()[:5]}"
