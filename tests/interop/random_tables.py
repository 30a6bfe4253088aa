"""Seeded random schemas and data for property tests (every type, nested, nullable)."""
import datetime
import decimal
import random

import pyarrow as pa

TZ = "UTC"


def _leaf_types(peer):
    types = [
        pa.bool_(), pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(),
        pa.uint64(), pa.float32(), pa.float64(), pa.string(), pa.binary(), pa.date32(),
        pa.timestamp("ms", tz=TZ), pa.timestamp("us"), pa.timestamp("us", tz=TZ), pa.timestamp("ns"),
        pa.decimal128(9, 2), pa.decimal128(18, 4), pa.decimal128(38, 10), pa.binary(5), pa.time32("ms"),
        pa.time64("us"),
    ]
    if peer == "polars":
        # polars has no fixed-size binary or time32 of its own and reads them differently each time.
        types = [t for t in types if not (pa.types.is_fixed_size_binary(t) or pa.types.is_time32(t))]
    return types


def random_type(rng, depth, peer):
    if depth > 0 and rng.random() < 0.35:
        kind = rng.choice(["struct", "list", "map"] if peer != "duckdb_nomap" else ["struct", "list"])
        if kind == "struct":
            n = rng.randint(1, 3)
            return pa.struct([pa.field(f"f{i}", random_type(rng, depth - 1, peer), rng.random() < 0.7)
                              for i in range(n)])
        if kind == "list":
            return pa.list_(pa.field("element", random_type(rng, depth - 1, peer), rng.random() < 0.7))
        key = rng.choice([pa.string(), pa.int32(), pa.int64()])
        return pa.map_(key, pa.field("value", random_type(rng, depth - 1, peer), rng.random() < 0.7))
    return rng.choice(_leaf_types(peer))


def random_value(rng, t):
    if pa.types.is_boolean(t):
        return rng.random() < 0.5
    if pa.types.is_integer(t):
        bits = t.bit_width
        lo, hi = (0, 2**bits - 1) if pa.types.is_unsigned_integer(t) else (-(2**(bits - 1)), 2**(bits - 1) - 1)
        return rng.choice([lo, hi, 0, 1, rng.randint(lo, hi), rng.randint(-100, 100) if lo < 0 else rng.randint(0, 100)])
    if pa.types.is_floating(t):
        return rng.choice([0.0, -0.0, 1.5, -2.25, float("inf"), float("nan"), rng.uniform(-1e6, 1e6), rng.uniform(-1, 1)])
    if pa.types.is_string(t):
        alphabet = "abcxyz 01é€😀"
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
    if pa.types.is_fixed_size_binary(t):
        return bytes(rng.randrange(256) for _ in range(t.byte_width))
    if pa.types.is_binary(t):
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 10)))
    if pa.types.is_date32(t):
        return datetime.date(1970, 1, 1) + datetime.timedelta(days=rng.randint(-20000, 40000))
    if pa.types.is_timestamp(t):
        base = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc if t.tz else None)
        return base + datetime.timedelta(microseconds=rng.randint(-10**15, 10**15)) if t.unit != "ms" else \
            base + datetime.timedelta(milliseconds=rng.randint(-10**12, 10**12))
    if pa.types.is_time32(t):
        return datetime.time(rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999) * 1000)
    if pa.types.is_time64(t):
        return datetime.time(rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999999))
    if pa.types.is_decimal(t):
        digits = rng.randint(1, t.precision)
        unscaled = rng.randint(-(10**digits - 1), 10**digits - 1)
        return decimal.Decimal(unscaled).scaleb(-t.scale)
    raise AssertionError(f"no generator for {t}")


def random_nested(rng, t, nullable, null_rate):
    if nullable and rng.random() < null_rate:
        return None
    if pa.types.is_struct(t):
        return {t.field(i).name: random_nested(rng, t.field(i).type, t.field(i).nullable, null_rate)
                for i in range(t.num_fields)}
    if pa.types.is_map(t):
        n = rng.randint(0, 3)
        keys = list({random_value(rng, t.key_type) for _ in range(n)})
        return [(k, random_nested(rng, t.item_type, t.item_field.nullable, null_rate)) for k in keys]
    if pa.types.is_list(t):
        return [random_nested(rng, t.value_type, t.value_field.nullable, null_rate) for _ in range(rng.randint(0, 4))]
    return random_value(rng, t)


def random_table(seed, peer="pyarrow", rows=None):
    rng = random.Random(seed)
    ncols = rng.randint(1, 6)
    rows = rows if rows is not None else rng.choice([0, 1, 7, 100, 3000])
    null_rate = rng.choice([0.0, 0.1, 0.5])
    fields = [pa.field(f"c{i}", random_type(rng, 2, peer), rng.random() < 0.8) for i in range(ncols)]
    columns = []
    for f in fields:
        values = [random_nested(rng, f.type, f.nullable, null_rate) for _ in range(rows)]
        columns.append(pa.array(values, type=f.type))
    return pa.Table.from_arrays(columns, schema=pa.schema(fields))
