#include "nexmark/lib/nexmark_source.h"
#include "nexmark/lib/queries.h"

namespace sluice::nexmark {

using stream::Col;
using stream::Lit;

// SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0
stream::DataStream Q2(stream::StreamEnvironment* env, const NexmarkConfig& config) {
  return Bids(env, config)
      .Filter(Col("auction") % Lit(123) == Lit(0))
      .Project({{"auction", Col("auction")}, {"price", Col("price")}})
      .Name("q2");
}

}  // namespace sluice::nexmark
