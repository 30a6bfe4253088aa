#include <algorithm>

#include "nexmark/lib/join_input.h"
#include "nexmark/lib/nexmark_source.h"
#include "nexmark/lib/queries.h"

namespace sluice::nexmark {

using columnar::MakeField;
using columnar::Scalar;
using columnar::Scalars;

namespace {

constexpr int64_t kPersonSide = 0;
constexpr int64_t kAuctionSide = 1;
constexpr int kSide = 1, kName = 2;

// Keyed by person id (auctions by seller). A person joins when an auction of
// theirs falls in the tumbling window the person registered in; the row is
// emitted at the first such match, once (the query groups by person and
// window). Auctions seen before their seller leave their window starts in a
// list. Every window's state is dropped by a timer at its end.
class NewUsers final : public stream::KeyedProcessFunction {
 public:
  explicit NewUsers(int64_t window_ms) : window_ms_(window_ms) {}

  Status Open(stream::ProcessContext* ctx) override {
    SLUICE_ASSIGN_OR_RETURN(person_window_, ctx->GetValueState("person-window"));
    SLUICE_ASSIGN_OR_RETURN(name_, ctx->GetValueState("name"));
    SLUICE_ASSIGN_OR_RETURN(auction_windows_, ctx->GetListState("auction-windows"));
    return Status::OK();
  }

  Status ProcessElement(const stream::Row& row, stream::ProcessContext* ctx) override {
    const int64_t start = WindowStart(ctx->timestamp(), window_ms_);
    const Scalar w(start);
    if (row.GetInt64(kSide) == kPersonSide) {
      Scalars seen = auction_windows_.Get();
      if (std::find(seen.begin(), seen.end(), w) != seen.end()) return Emit(row.Get(kName), start, ctx);
      person_window_.Update(w);
      name_.Update(row.Get(kName));
      ctx->RegisterEventTimeTimer(start + window_ms_ - 1);
      return Status::OK();
    }
    std::optional<Scalar> pw = person_window_.value();
    if (pw.has_value()) {
      if (*pw != w) return Status::OK();
      Scalar name = *name_.value();
      person_window_.Clear();
      name_.Clear();
      return Emit(name, start, ctx);
    }
    Scalars seen = auction_windows_.Get();
    if (std::find(seen.begin(), seen.end(), w) == seen.end()) {
      auction_windows_.Add(w);
      ctx->RegisterEventTimeTimer(start + window_ms_ - 1);
    }
    return Status::OK();
  }

  Status OnTimer(int64_t timestamp, stream::TimeDomain, stream::ProcessContext*) override {
    std::optional<Scalar> pw = person_window_.value();
    if (pw.has_value() && pw->int_value() + window_ms_ - 1 <= timestamp) {
      person_window_.Clear();
      name_.Clear();
    }
    Scalars seen = auction_windows_.Get();
    Scalars kept;
    for (const Scalar& s : seen) {
      if (s.int_value() + window_ms_ - 1 > timestamp) kept.push_back(s);
    }
    if (kept.empty()) {
      auction_windows_.Clear();
    } else if (kept.size() != seen.size()) {
      auction_windows_.Update(std::move(kept));
    }
    return Status::OK();
  }

 private:
  Status Emit(const Scalar& name, int64_t start, stream::ProcessContext* ctx) {
    return ctx->out()->Append({ctx->CurrentKey()[0], name, Scalar(start)});
  }

  int64_t window_ms_;
  stream::ValueState person_window_;
  stream::ValueState name_;
  stream::ListState auction_windows_;
};

}  // namespace

// SELECT P.id, P.name, P.starttime FROM
//   (SELECT id, name, window_start AS starttime FROM TUMBLE(person) GROUP BY ...) P JOIN
//   (SELECT seller, window_start AS starttime FROM TUMBLE(auction) GROUP BY ...) A
// ON P.id = A.seller AND P.starttime = A.starttime
stream::DataStream Q8(stream::StreamEnvironment* env, const NexmarkConfig& config) {
  columnar::SchemaPtr schema = JoinSchema({MakeField("name", columnar::String())});
  auto left = ToJoinInput(Persons(env, config), schema, "id", kPersonSide, {"name"});
  auto right = ToJoinInput(Auctions(env, config), schema, "seller", kAuctionSide, {""});
  auto out = std::make_shared<columnar::Schema>();
  out->fields = {MakeField("id", columnar::Int64(), false), MakeField("name", columnar::String(), false),
                 MakeField("starttime", columnar::Timestamp(columnar::TimeUnit::kMilli, true), false)};
  return left.Union({right})
      .KeyBy({"key"})
      .Process(out, [w = config.window_ms] { return std::make_shared<NewUsers>(w); })
      .Name("q8-join");
}

}  // namespace sluice::nexmark
