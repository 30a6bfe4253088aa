"""`sluice nexmark`: the generated events read by pyarrow and DuckDB, and
query results checked against SQL over the same events."""
import re

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import run_sluice

EVENTS = 20000


@pytest.fixture(scope="module")
def events(tmp_path_factory, sluice_bin):
    out = tmp_path_factory.mktemp("nexmark") / "events.parquet"
    p = run_sluice(sluice_bin, "nexmark", "generate", "--events", EVENTS, "--seed", 5, "--rate", 1000,
                   "--output", out)
    assert p.returncode == 0, p.stderr
    return out


def one(con, sql):
    """The single row of `sql`."""
    rows = con.execute(sql).fetchall()
    assert len(rows) == 1
    return rows[0]


def report(sluice_bin, *args):
    p = run_sluice(sluice_bin, "nexmark", "run", "--events", EVENTS, "--seed", 5, "--rate", 1000, *args)
    assert p.returncode == 0, p.stderr
    return dict(re.findall(r"^(\w+): (.*)$", p.stdout, re.M))


def test_generated_file_has_the_nexmark_proportions(events):
    t = pq.read_table(events)
    assert t.num_rows == EVENTS
    con = duckdb.connect()
    con.register("e", t)
    kinds = dict(con.execute("SELECT event_type, count(*) FROM e GROUP BY 1").fetchall())
    assert kinds == {"person": EVENTS // 50, "auction": EVENTS // 50 * 3, "bid": EVENTS // 50 * 46}
    # Person and auction ids are consecutive from 1000; bids point at auctions that exist or will soon.
    assert one(con, "SELECT min(person_id), max(person_id), count(DISTINCT person_id) FROM e") == (
        1000, 1000 + EVENTS // 50 - 1, EVENTS // 50)
    lo, hi, n = one(con, "SELECT min(auction_id), max(auction_id), count(DISTINCT auction_id) FROM e")
    assert (lo, n) == (1000, EVENTS // 50 * 3) and hi == lo + n - 1
    assert one(con, "SELECT max(bid_auction) FROM e")[0] <= hi + 10
    assert one(con, "SELECT min(bid_price) >= 100 AND max(bid_price) <= 100000000 FROM e")[0]
    # Event time advances at --rate events per second, in index order.
    span = one(con, "SELECT epoch_ms(max(coalesce(person_dateTime, auction_dateTime, bid_dateTime))) - "
                   "epoch_ms(min(coalesce(person_dateTime, auction_dateTime, bid_dateTime))) FROM e")[0]
    assert span == (EVENTS - 1) * 1000 // 1000


def test_jsonl_output_matches_parquet(tmp_path, sluice_bin, events):
    out = tmp_path / "events.jsonl"
    p = run_sluice(sluice_bin, "nexmark", "generate", "--events", EVENTS, "--seed", 5, "--rate", 1000,
                   "--output", out)
    assert p.returncode == 0, p.stderr
    con = duckdb.connect()
    con.register("p", pq.read_table(events))
    j = one(con, f"SELECT sum(bid_price), count(bid_extra), sum(length(person_name)) FROM read_json('{out}')")
    assert j == one(con, "SELECT sum(bid_price), count(bid_extra), sum(length(person_name)) FROM p")


def test_bad_output_extension_is_refused(tmp_path, sluice_bin):
    p = run_sluice(sluice_bin, "nexmark", "generate", "--events", 10, "--output", tmp_path / "x.csv")
    assert p.returncode != 0
    assert "x.csv" in p.stderr


@pytest.mark.parametrize("parallelism", [1, 2])
def test_query_results_match_sql(sluice_bin, events, parallelism):
    con = duckdb.connect()
    con.register("e", pq.read_table(events))
    q0 = report(sluice_bin, "--query", "q0", "--parallelism", parallelism)
    assert int(q0["result_rows"]) == EVENTS // 50 * 46
    q2 = report(sluice_bin, "--query", "q2", "--parallelism", parallelism)
    want = one(con, "SELECT count(*) FROM e WHERE event_type = 'bid' AND bid_auction % 123 = 0")[0]
    assert int(q2["result_rows"]) == want > 0
    q3 = report(sluice_bin, "--query", "q3", "--parallelism", parallelism)
    want = one(con, """
        SELECT count(*) FROM e a JOIN e p ON a.auction_seller = p.person_id
        WHERE a.auction_category = 10 AND p.person_state IN ('OR', 'ID', 'CA')""")[0]
    assert int(q3["result_rows"]) == want > 0
    q8 = report(sluice_bin, "--query", "q8", "--parallelism", parallelism)
    want = one(con, """
        SELECT count(*) FROM e p WHERE p.event_type = 'person' AND EXISTS (
          SELECT 1 FROM e a WHERE a.auction_seller = p.person_id
            AND epoch_ms(a.auction_dateTime) // 10000 = epoch_ms(p.person_dateTime) // 10000)""")[0]
    assert int(q8["result_rows"]) == want > 0


def test_unknown_query_is_refused(sluice_bin):
    p = run_sluice(sluice_bin, "nexmark", "run", "--events", 10, "--query", "q6")
    assert p.returncode != 0
    assert "q6" in p.stderr
