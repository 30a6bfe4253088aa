#include "nexmark/lib/join_input.h"
#include "nexmark/lib/nexmark_source.h"
#include "nexmark/lib/queries.h"

namespace sluice::nexmark {

using columnar::MakeField;
using columnar::Scalar;
using columnar::Scalars;

namespace {

constexpr int64_t kAuctionSide = 0;
constexpr int64_t kBidSide = 1;
constexpr int kSide = 1, kCategory = 2, kExpires = 3, kPrice = 4;

// Keyed by auction id: the auction's winning bid, its highest bid with
// dateTime in [auction dateTime, expires]. Bids that arrive before their
// auction (bid ids run ahead of the auctions generated) wait as [ts, price]
// pairs. At `expires` (event time) the winner is final: emits (auction,
// category, final price) if there was a valid bid, and keeps a tombstone so
// later bids are ignored. The final watermark closes still-open auctions.
// State as in the Flink job: the auction as one tuple [start, expires,
// category], so a bid reads one entry for it, not three.
class WinningBid final : public stream::KeyedProcessFunction {
 public:
  Status Open(stream::ProcessContext* ctx) override {
    SLUICE_ASSIGN_OR_RETURN(auction_, ctx->GetListState("auction"));
    SLUICE_ASSIGN_OR_RETURN(max_, ctx->GetValueState("max"));
    SLUICE_ASSIGN_OR_RETURN(done_, ctx->GetValueState("done"));
    SLUICE_ASSIGN_OR_RETURN(pending_, ctx->GetListState("pending"));
    return Status::OK();
  }

  Status ProcessElement(const stream::Row& row, stream::ProcessContext* ctx) override {
    const int64_t ts = ctx->timestamp();
    if (row.GetInt64(kSide) == kAuctionSide) {
      const int64_t expires = row.GetInt64(kExpires);
      Scalars auction;
      auction.reserve(3);
      auction.emplace_back(ts);
      auction.emplace_back(expires);
      auction.push_back(row.Get(kCategory));
      auction_.Update(std::move(auction));
      Scalars pending = pending_.Get();
      for (size_t i = 0; i + 1 < pending.size(); i += 2) Offer(ts, expires, pending[i].int_value(), pending[i + 1]);
      pending_.Clear();
      ctx->RegisterEventTimeTimer(expires);
      return Status::OK();
    }
    Scalars auction = auction_.Get();
    if (auction.size() == 3) {
      Offer(auction[0].int_value(), auction[1].int_value(), ts, row.Get(kPrice));
    } else if (!done_.value().has_value()) {
      pending_.Add(Scalar(ts));
      pending_.Add(row.Get(kPrice));
    }
    return Status::OK();
  }

  Status OnTimer(int64_t, stream::TimeDomain, stream::ProcessContext* ctx) override {
    std::optional<Scalar> max = max_.value();
    Scalars auction = auction_.Get();
    if (max.has_value() && auction.size() == 3) {
      SLUICE_RETURN_NOT_OK(ctx->out()->Append({ctx->CurrentKey()[0], auction[2], *max}));
    }
    auction_.Clear();
    max_.Clear();
    done_.Update(Scalar(true));
    return Status::OK();
  }

 private:
  void Offer(int64_t start, int64_t expires, int64_t ts, const Scalar& price) {
    if (ts < start || ts > expires) return;
    std::optional<Scalar> max = max_.value();
    if (!max.has_value() || price.int_value() > max->int_value()) max_.Update(price);
  }

  stream::ListState auction_;
  stream::ValueState max_, done_;
  stream::ListState pending_;
};

}  // namespace

// SELECT category, AVG(final) FROM (
//   SELECT MAX(B.price) AS final, A.category FROM auction A, bid B
//   WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires
//   GROUP BY A.id, A.category) GROUP BY category
// Reduced form: SQL emits a changelog (every change of a category's
// average); this emits each auction's final winning price when the auction
// expires, and each category's average once, at the end of the (bounded)
// input: the changelog's final state.
stream::DataStream Q4(stream::StreamEnvironment* env, const NexmarkConfig& config) {
  auto i64 = columnar::Int64();
  auto ms = columnar::Timestamp(columnar::TimeUnit::kMilli, true);
  columnar::SchemaPtr schema =
      JoinSchema({MakeField("category", i64), MakeField("expires", ms), MakeField("price", i64)});
  auto left = ToJoinInput(Auctions(env, config), schema, "id", kAuctionSide, {"category", "expires", ""});
  auto right = ToJoinInput(Bids(env, config), schema, "auction", kBidSide, {"", "", "price"});
  auto winners = std::make_shared<columnar::Schema>();
  winners->fields = {MakeField("auction", i64, false), MakeField("category", i64, false),
                     MakeField("final", i64, false)};
  return left.Union({right})
      .KeyBy({"key"})
      .Process(winners, [] { return std::make_shared<WinningBid>(); })
      .Name("q4-winning-bids")
      .KeyBy({"category"})
      .Window(stream::windows::Global())
      .Aggregate({stream::agg::Avg("final", "avg_price")})
      .Name("q4-average")
      .Project({{"category", stream::Col("category")}, {"avg_price", stream::Col("avg_price")}});
}

}  // namespace sluice::nexmark
