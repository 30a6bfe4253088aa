#include "nexmark/lib/nexmark_source.h"
#include "nexmark/lib/queries.h"

namespace sluice::nexmark {

using columnar::MakeField;
using columnar::Scalar;
using columnar::Scalars;

namespace {

// Keyed by window_end, fed the bid count of every (auction, window): keeps
// the largest count and the auctions that have it; emits them when the
// watermark passes the window (the counts of a window all arrive before the
// watermark that fired it).
class HotAuctions final : public stream::KeyedProcessFunction {
 public:
  explicit HotAuctions(int64_t window_ms) : window_ms_(window_ms) {}

  Status Open(stream::ProcessContext* ctx) override {
    SLUICE_ASSIGN_OR_RETURN(max_, ctx->GetValueState("max"));
    SLUICE_ASSIGN_OR_RETURN(auctions_, ctx->GetListState("auctions"));
    return Status::OK();
  }

  Status ProcessElement(const stream::Row& row, stream::ProcessContext* ctx) override {
    if (auction_col_ < 0) {
      auction_col_ = row.ColumnIndex("auction");
      num_col_ = row.ColumnIndex("num");
      end_col_ = row.ColumnIndex("window_end");
    }
    int64_t num = row.GetInt64(num_col_);
    std::optional<Scalar> max = max_.value();
    if (!max.has_value()) ctx->RegisterEventTimeTimer(row.GetInt64(end_col_) - 1);
    if (!max.has_value() || num > max->int_value()) {
      max_.Update(Scalar(num));
      auctions_.Update({Scalar(row.GetInt64(auction_col_))});
    } else if (num == max->int_value()) {
      auctions_.Add(Scalar(row.GetInt64(auction_col_)));
    }
    return Status::OK();
  }

  Status OnTimer(int64_t timestamp, stream::TimeDomain, stream::ProcessContext* ctx) override {
    std::optional<Scalar> max = max_.value();
    if (!max.has_value()) return Status::OK();
    const int64_t end = timestamp + 1;
    for (const Scalar& a : auctions_.Get()) {
      SLUICE_RETURN_NOT_OK(ctx->out()->Append({a, *max, Scalar(end - window_ms_), Scalar(end)}));
    }
    max_.Clear();
    auctions_.Clear();
    return Status::OK();
  }

 private:
  int64_t window_ms_;
  stream::ValueState max_;
  stream::ListState auctions_;
  int auction_col_ = -1, num_col_ = -1, end_col_ = -1;
};

}  // namespace

// SELECT auction, num FROM (count of bids per auction and sliding window)
// WHERE num = the window's largest count (plus the window bounds).
stream::DataStream Q5(stream::StreamEnvironment* env, const NexmarkConfig& config) {
  stream::DataStream counts = Bids(env, config)
                                  .KeyBy({"auction"})
                                  .Window(stream::windows::SlidingEventTime(config.window_ms, config.slide_ms))
                                  .Aggregate({stream::agg::Count("num")})
                                  .Name("q5-count");
  auto ts = columnar::Timestamp(columnar::TimeUnit::kMilli, true);
  auto out = std::make_shared<columnar::Schema>();
  out->fields = {MakeField("auction", columnar::Int64(), false), MakeField("num", columnar::Int64(), false),
                 MakeField("window_start", ts, false), MakeField("window_end", ts, false)};
  return counts.KeyBy({"window_end"})
      .Process(out, [w = config.window_ms] { return std::make_shared<HotAuctions>(w); })
      .Name("q5-max");
}

}  // namespace sluice::nexmark
