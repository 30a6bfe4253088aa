#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "nexmark/lib/events.h"
#include "nexmark/lib/queries.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/sinks/collect_sink.h"
#include "stream/stream_test_util.h"

namespace sluice::nexmark::testing {

using columnar::Scalar;
using columnar::Scalars;

// A small run: 30,000 events over 30 s of event time (1,000 events/s), so
// the 10 s windows of q5, q7 and q8 close several times and auctions expire.
inline NexmarkConfig SmallConfig() {
  NexmarkConfig c;
  c.events = 30000;
  c.seed = 11;
  c.events_per_second = 1000;
  c.split_block = 700;  // several blocks per split at parallelism 2
  return c;
}

// Every event of a config, generated one by one (the brute-force input).
struct AllEvents {
  std::shared_ptr<ChannelTable> channels;
  std::vector<Person> persons;
  std::vector<Auction> auctions;
  std::vector<Bid> bids;
};

inline AllEvents GenerateAll(const NexmarkConfig& c) {
  AllEvents e;
  e.channels = std::make_shared<ChannelTable>(c.seed);
  for (int64_t i = 0; i < c.events; ++i) {
    switch (KindOf(i)) {
      case EventKind::kPerson:
        GeneratePerson(c, i, &e.persons.emplace_back());
        break;
      case EventKind::kAuction:
        GenerateAuction(c, i, &e.auctions.emplace_back());
        break;
      case EventKind::kBid:
        GenerateBid(c, *e.channels, i, &e.bids.emplace_back());
        break;
    }
  }
  return e;
}

// Runs query `name` at `parallelism` (small batches and channels, so the
// exchanges interleave) and returns its result rows sorted.
inline std::vector<Scalars> RunQuery(const std::string& name, const NexmarkConfig& c, int parallelism) {
  stream::StreamOptions o;
  o.parallelism = parallelism;
  o.batch_size = 500;
  o.channel_capacity = 4;
  o.poll_interval_ms = 1;
  stream::StreamEnvironment env(o);
  auto q = FindQuery(name);
  EXPECT_TRUE(q.ok()) << q.status().ToString();
  if (!q.ok()) return {};
  auto sink = std::make_shared<stream::CollectSink>();
  q->build(&env, c).SinkTo(sink);
  Status st = env.Execute(name);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return sink->SortedRows();
}

inline std::vector<Scalars> Sorted(std::vector<Scalars> rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

// Checks query `name` against `expected` at parallelism 1 and 2; returns
// the number of result rows (callers assert the case is not trivial).
inline size_t ExpectQuery(const std::string& name, const NexmarkConfig& c, const std::vector<Scalars>& expected) {
  std::vector<Scalars> want = Sorted(expected);
  for (int p : {1, 2}) {
    std::vector<Scalars> got = RunQuery(name, c, p);
    EXPECT_EQ(got.size(), want.size()) << name << " at parallelism " << p;
    EXPECT_TRUE(got == want) << name << " at parallelism " << p << " differs from the brute force";
  }
  return want.size();
}

}  // namespace sluice::nexmark::testing
