#include "nexmark/lib/nexmark_source.h"
#include "nexmark/lib/queries.h"

namespace sluice::nexmark {

using stream::Col;
using stream::Lit;

// SELECT auction, bidder, 0.908 * price AS price, dateTime, extra FROM bid
stream::DataStream Q1(stream::StreamEnvironment* env, const NexmarkConfig& config) {
  return Bids(env, config)
      .Project({{"auction", Col("auction")},
                {"bidder", Col("bidder")},
                {"price", Col("price") * Lit(0.908)},
                {"dateTime", Col("dateTime")},
                {"extra", Col("extra")}})
      .Name("q1");
}

}  // namespace sluice::nexmark
