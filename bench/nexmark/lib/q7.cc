#include "nexmark/lib/nexmark_source.h"
#include "nexmark/lib/queries.h"

namespace sluice::nexmark {

using columnar::MakeField;
using columnar::Scalar;
using columnar::Scalars;

namespace {

columnar::DataTypePtr Millis() { return columnar::Timestamp(columnar::TimeUnit::kMilli, true); }

// Stage 1, keyed by auction: per tumbling window, the auction's highest
// price and every bid that has it (map state window_end -> max, and
// window_end -> the tied bids' [bidder, dateTime, extra]...); emits them as
// (auction, price, bidder, dateTime, extra, window_end) when the window ends.
class AuctionMax final : public stream::KeyedProcessFunction {
 public:
  explicit AuctionMax(int64_t window_ms) : window_ms_(window_ms) {}

  Status Open(stream::ProcessContext* ctx) override {
    SLUICE_ASSIGN_OR_RETURN(max_, ctx->GetMapState("max"));
    SLUICE_ASSIGN_OR_RETURN(bids_, ctx->GetMapState("bids"));
    return Status::OK();
  }

  Status ProcessElement(const stream::Row& row, stream::ProcessContext* ctx) override {
    if (price_col_ < 0) {
      price_col_ = row.ColumnIndex("price");
      bidder_col_ = row.ColumnIndex("bidder");
      extra_col_ = row.ColumnIndex("extra");
    }
    const int64_t ts = ctx->timestamp();
    const Scalar end(WindowStart(ts, window_ms_) + window_ms_);
    const int64_t price = row.GetInt64(price_col_);
    std::optional<Scalar> max = max_.Get(end);
    if (max.has_value() && price < max->int_value()) return Status::OK();
    Scalars tied;
    tied.reserve(3);
    if (!max.has_value()) {
      ctx->RegisterEventTimeTimer(end.int_value() - 1);
    } else if (price == max->int_value()) {
      SLUICE_RETURN_NOT_OK(Decode(bids_.Get(end), &tied));
    }
    if (!max.has_value() || price > max->int_value()) max_.Put(end, Scalar(price));
    tied.emplace_back(row.GetInt64(bidder_col_));
    tied.emplace_back(ts);
    tied.emplace_back(row.GetString(extra_col_));
    std::string encoded;
    columnar::EncodeScalars(tied, &encoded);
    bids_.Put(end, Scalar(std::move(encoded)));
    return Status::OK();
  }

  Status OnTimer(int64_t timestamp, stream::TimeDomain, stream::ProcessContext* ctx) override {
    const Scalar end(timestamp + 1);
    std::optional<Scalar> max = max_.Get(end);
    if (!max.has_value()) return Status::OK();
    Scalars tied;
    SLUICE_RETURN_NOT_OK(Decode(bids_.Get(end), &tied));
    Scalar auction = ctx->CurrentKey()[0];
    for (size_t i = 0; i + 2 < tied.size(); i += 3) {
      SLUICE_RETURN_NOT_OK(ctx->out()->Append({auction, *max, tied[i], tied[i + 1], tied[i + 2], end}));
    }
    max_.Remove(end);
    bids_.Remove(end);
    return Status::OK();
  }

 private:
  static Status Decode(const std::optional<Scalar>& v, Scalars* out) {
    size_t pos = 0;
    if (!v.has_value() || !v->is_string() || !columnar::DecodeScalars(v->string_value(), &pos, out)) {
      return Status::Corrupt("q7: bad tied-bids state");
    }
    return Status::OK();
  }

  int64_t window_ms_;
  stream::MapState max_;
  stream::MapState bids_;
  int price_col_ = -1, bidder_col_ = -1, extra_col_ = -1;
};

// Stage 2, keyed by window_end: the highest price over every auction's
// candidates and the bids that have it, emitted when the window ends.
class WindowMax final : public stream::KeyedProcessFunction {
 public:
  Status Open(stream::ProcessContext* ctx) override {
    SLUICE_ASSIGN_OR_RETURN(max_, ctx->GetValueState("max"));
    SLUICE_ASSIGN_OR_RETURN(bids_, ctx->GetListState("bids"));
    return Status::OK();
  }

  Status ProcessElement(const stream::Row& row, stream::ProcessContext* ctx) override {
    const int64_t price = row.GetInt64(1);
    std::optional<Scalar> max = max_.value();
    if (max.has_value() && price < max->int_value()) return Status::OK();
    if (!max.has_value()) ctx->RegisterEventTimeTimer(row.GetInt64(5) - 1);
    if (!max.has_value() || price > max->int_value()) {
      max_.Update(Scalar(price));
      bids_.Clear();
    }
    for (int c : {0, 2, 3, 4}) bids_.Add(row.Get(c));
    return Status::OK();
  }

  Status OnTimer(int64_t, stream::TimeDomain, stream::ProcessContext* ctx) override {
    std::optional<Scalar> max = max_.value();
    if (!max.has_value()) return Status::OK();
    Scalars bids = bids_.Get();
    for (size_t i = 0; i + 3 < bids.size(); i += 4) {
      SLUICE_RETURN_NOT_OK(ctx->out()->Append({bids[i], *max, bids[i + 1], bids[i + 2], bids[i + 3]}));
    }
    max_.Clear();
    bids_.Clear();
    return Status::OK();
  }

 private:
  stream::ValueState max_;
  stream::ListState bids_;
};

}  // namespace

// SELECT B.auction, B.price, B.bidder, B.dateTime, B.extra FROM bid B JOIN
//   (SELECT MAX(price) AS maxprice, window_end FROM TUMBLE(bid, dateTime, window_ms)) B1
// ON B.price = B1.maxprice AND B.dateTime in B1's window
// as a two-stage maximum: per auction (parallel), then per window.
stream::DataStream Q7(stream::StreamEnvironment* env, const NexmarkConfig& config) {
  auto candidates = std::make_shared<columnar::Schema>();
  candidates->fields = {MakeField("auction", columnar::Int64(), false), MakeField("price", columnar::Int64(), false),
                        MakeField("bidder", columnar::Int64(), false),  MakeField("dateTime", Millis(), false),
                        MakeField("extra", columnar::String(), false),  MakeField("window_end", Millis(), false)};
  auto out = std::make_shared<columnar::Schema>();
  out->fields.assign(candidates->fields.begin(), candidates->fields.begin() + 5);
  return Bids(env, config)
      .KeyBy({"auction"})
      .Process(candidates, [w = config.window_ms] { return std::make_shared<AuctionMax>(w); })
      .Name("q7-auction-max")
      .KeyBy({"window_end"})
      .Process(out, [] { return std::make_shared<WindowMax>(); })
      .Name("q7-window-max");
}

}  // namespace sluice::nexmark
