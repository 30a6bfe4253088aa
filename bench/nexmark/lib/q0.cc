#include "nexmark/lib/nexmark_source.h"
#include "nexmark/lib/queries.h"

namespace sluice::nexmark {

using stream::Col;

// SELECT auction, bidder, price, dateTime, extra FROM bid
stream::DataStream Q0(stream::StreamEnvironment* env, const NexmarkConfig& config) {
  return Bids(env, config)
      .Project({{"auction", Col("auction")},
                {"bidder", Col("bidder")},
                {"price", Col("price")},
                {"dateTime", Col("dateTime")},
                {"extra", Col("extra")}})
      .Name("q0");
}

}  // namespace sluice::nexmark
