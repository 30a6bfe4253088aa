#pragma once

#include <cstdint>
#include <memory>

#include "nexmark/lib/events.h"
#include "sluice/columnar/array.h"
#include "sluice/common/status.h"

namespace sluice::nexmark {

// Schemas (no nulls; dateTime and expires are timestamp[ms, UTC]):
//   person:  id, name, emailAddress, creditCard, city, state, dateTime, extra
//   auction: id, itemName, description, initialBid, reserve, dateTime, expires, seller, category, extra
//   bid:     auction, bidder, price, channel, url, dateTime, extra
columnar::SchemaPtr PersonSchema();
columnar::SchemaPtr AuctionSchema();
columnar::SchemaPtr BidSchema();
columnar::SchemaPtr SchemaOf(EventKind kind);
// "person", "auction", "bid".
const char* KindName(EventKind kind);

// Generates the events of one kind straight into column builders.
class EventBatchBuilder {
 public:
  EventBatchBuilder(const NexmarkConfig& config, EventKind kind, std::shared_ptr<const ChannelTable> channels);
  ~EventBatchBuilder();
  EventBatchBuilder(const EventBatchBuilder&) = delete;
  EventBatchBuilder& operator=(const EventBatchBuilder&) = delete;

  // Appends the events of this kind with index in [*next, end), at most
  // `max_rows` of them; advances *next past the last one appended (to `end`
  // when the range is done). Returns the number of rows appended.
  Result<int64_t> Append(int64_t* next, int64_t end, int64_t max_rows);
  // Returns the rows appended since the last call.
  Result<columnar::RecordBatch> Finish();

 private:
  struct Builders;
  const NexmarkConfig config_;
  EventKind kind_;
  std::shared_ptr<const ChannelTable> channels_;
  std::unique_ptr<Builders> b_;
};

// Generates every event of `kind` with index in [begin, end) as one batch.
Result<columnar::RecordBatch> GenerateBatch(const NexmarkConfig& config, EventKind kind, int64_t begin, int64_t end);

}  // namespace sluice::nexmark
