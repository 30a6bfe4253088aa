#pragma once

#include <string_view>
#include <vector>

#include "nexmark/lib/config.h"
#include "sluice/common/status.h"
#include "sluice/stream/api/environment.h"

namespace sluice::nexmark {

// Builds a Nexmark query on `env` (its sources included) and returns the
// result stream; the caller adds the sink. One file per query (qN.cc).
using QueryFn = stream::DataStream (*)(stream::StreamEnvironment* env, const NexmarkConfig& config);

struct QueryInfo {
  const char* name;
  const char* description;
  QueryFn build;
};

// q0 pass-through: auction, bidder, price, dateTime, extra of every bid.
stream::DataStream Q0(stream::StreamEnvironment* env, const NexmarkConfig& config);
// q1 currency conversion: q0 with price * 0.908 (float64).
stream::DataStream Q1(stream::StreamEnvironment* env, const NexmarkConfig& config);
// q2 selection: auction, price of the bids with auction % 123 == 0.
stream::DataStream Q2(stream::StreamEnvironment* env, const NexmarkConfig& config);
// q3 local item suggestion: name, city, state of sellers in OR, ID or CA and
// the id of each of their auctions in category 10 (an unbounded inner join).
stream::DataStream Q3(stream::StreamEnvironment* env, const NexmarkConfig& config);
// q4 average winning price per category: an auction's winning bid is its
// highest bid with dateTime in [auction dateTime, expires]; emits category,
// average winning price at the end of input (see q4.cc).
stream::DataStream Q4(stream::StreamEnvironment* env, const NexmarkConfig& config);
// q5 hot items: per sliding window (window_ms every slide_ms), the auctions
// with the most bids: auction, num, window_start, window_end.
stream::DataStream Q5(stream::StreamEnvironment* env, const NexmarkConfig& config);
// q7 highest bid: per tumbling window (window_ms), the bids with the highest
// price: auction, price, bidder, dateTime, extra.
stream::DataStream Q7(stream::StreamEnvironment* env, const NexmarkConfig& config);
// q8 new users: people who opened an auction in the tumbling window
// (window_ms) they registered in: id, name, starttime.
stream::DataStream Q8(stream::StreamEnvironment* env, const NexmarkConfig& config);

// Every query, in order.
const std::vector<QueryInfo>& Queries();
// The query named `name` ("q0" ... "q8").
Result<QueryInfo> FindQuery(std::string_view name);

// Start of the tumbling window of `size` ms holding `ts`.
inline int64_t WindowStart(int64_t ts, int64_t size) {
  int64_t r = ts % size;
  return ts - (r < 0 ? r + size : r);
}

}  // namespace sluice::nexmark
