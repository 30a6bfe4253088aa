#pragma once

#include <memory>

#include "nexmark/lib/event_batches.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/api/source.h"

namespace sluice::nexmark {

// A bounded source of the Nexmark events of one kind among event indexes
// [0, config.events). Splits are stripes of index blocks (see
// NexmarkConfig::split_block); a split's position holds its next event index,
// so a restored reader resumes exactly there, and the data never depends on
// parallelism or batch size.
class NexmarkSource final : public stream::Source {
 public:
  NexmarkSource(NexmarkConfig config, EventKind kind);

  columnar::SchemaPtr schema() const override { return SchemaOf(kind_); }
  Result<std::vector<stream::SourceSplit>> CreateSplits(int parallelism) override;
  Result<std::unique_ptr<stream::SourceReader>> CreateReader(int subtask,
                                                             std::vector<stream::SourceSplit> splits) override;

 private:
  NexmarkConfig config_;
  EventKind kind_;
  std::shared_ptr<const ChannelTable> channels_;
};

// The stream of one kind's events, event time from "dateTime" (monotonous
// within each split).
stream::DataStream EventStream(stream::StreamEnvironment* env, const NexmarkConfig& config, EventKind kind);
inline stream::DataStream Persons(stream::StreamEnvironment* env, const NexmarkConfig& c) {
  return EventStream(env, c, EventKind::kPerson);
}
inline stream::DataStream Auctions(stream::StreamEnvironment* env, const NexmarkConfig& c) {
  return EventStream(env, c, EventKind::kAuction);
}
inline stream::DataStream Bids(stream::StreamEnvironment* env, const NexmarkConfig& c) {
  return EventStream(env, c, EventKind::kBid);
}

}  // namespace sluice::nexmark
