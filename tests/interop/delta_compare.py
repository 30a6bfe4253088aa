"""Comparing table contents read by sluice and by peers (deltalake, pyarrow)."""
import datetime
import decimal
import math

import pyarrow as pa

from parquet_compare import _normalise_field


def _canon(v):
    """A sortable, comparable form of one Python value from to_pylist()."""
    if v is None:
        return ("~null",)
    if isinstance(v, bool):
        return ("b", v)
    if isinstance(v, float):
        return ("f", "nan") if math.isnan(v) else ("f", v)
    if isinstance(v, int):
        return ("f", v)
    if isinstance(v, decimal.Decimal):
        return ("d", str(v.normalize()) if v == v else "nan")
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return ("t", v.isoformat())
    if isinstance(v, (datetime.date, datetime.time)):
        return ("t", v.isoformat())
    if isinstance(v, bytes):
        return ("y", v.hex())
    if isinstance(v, str):
        return ("s", v)
    if isinstance(v, dict):
        return ("r", tuple(sorted((k, _canon(x)) for k, x in v.items())))
    if isinstance(v, list):
        # A map arrives as a list of (key, value) tuples: compare unordered.
        if v and all(isinstance(x, tuple) and len(x) == 2 for x in v):
            return ("m", tuple(sorted((_canon(k), _canon(x)) for k, x in v)))
        return ("l", tuple(_canon(x) for x in v))
    return ("?", repr(v))


def _rows(table):
    return sorted(repr(tuple(_canon(row[c]) for c in table.column_names)) for row in table.to_pylist())


def normalise(table):
    schema = pa.schema([_normalise_field(f) for f in table.schema])
    return table.cast(schema)


def _is_flat(schema):
    return not any(pa.types.is_nested(f.type) for f in schema)


def _sorted(table):
    return table.sort_by([(c, "ascending") for c in table.column_names]).combine_chunks()


def assert_same_rows(actual, expected):
    """Rows equal as multisets: sorted columnar compare when flat, else (or on
    a difference, to explain it) value by value in Python."""
    if _is_flat(actual.schema) and actual.schema == expected.schema:
        if _sorted(actual).equals(_sorted(expected)):
            return
    assert _rows(actual) == _rows(expected)
