#include "nexmark/lib/join_input.h"
#include "nexmark/lib/nexmark_source.h"
#include "nexmark/lib/queries.h"

namespace sluice::nexmark {

using columnar::MakeField;
using columnar::Scalar;
using stream::Col;
using stream::Lit;

namespace {

constexpr int64_t kPersonSide = 0;
constexpr int64_t kAuctionSide = 1;
// Join schema columns.
constexpr int kSide = 1, kName = 2, kCity = 3, kState = 4, kAuctionId = 5;

// Keyed by person id: keeps the person's name, city and state; auctions
// whose seller has not arrived yet wait in a list (sellers may run ahead of
// the people generated so far). Person ids are unique, so every auction
// joins at most one person and is emitted exactly once.
class SellerJoin final : public stream::KeyedProcessFunction {
 public:
  Status Open(stream::ProcessContext* ctx) override {
    SLUICE_ASSIGN_OR_RETURN(name_, ctx->GetValueState("name"));
    SLUICE_ASSIGN_OR_RETURN(city_, ctx->GetValueState("city"));
    SLUICE_ASSIGN_OR_RETURN(state_, ctx->GetValueState("state"));
    SLUICE_ASSIGN_OR_RETURN(pending_, ctx->GetListState("pending"));
    return Status::OK();
  }

  Status ProcessElement(const stream::Row& row, stream::ProcessContext* ctx) override {
    if (row.GetInt64(kSide) == kPersonSide) {
      Scalar name = row.Get(kName), city = row.Get(kCity), state = row.Get(kState);
      for (const Scalar& id : pending_.Get()) SLUICE_RETURN_NOT_OK(ctx->out()->Append({name, city, state, id}));
      pending_.Clear();
      name_.Update(std::move(name));
      city_.Update(std::move(city));
      state_.Update(std::move(state));
      return Status::OK();
    }
    std::optional<Scalar> name = name_.value();
    if (!name.has_value()) {
      pending_.Add(row.Get(kAuctionId));
      return Status::OK();
    }
    return ctx->out()->Append({*name, *city_.value(), *state_.value(), row.Get(kAuctionId)});
  }

 private:
  stream::ValueState name_, city_, state_;
  stream::ListState pending_;
};

}  // namespace

// SELECT P.name, P.city, P.state, A.id FROM auction A JOIN person P ON A.seller = P.id
// WHERE A.category = 10 AND P.state IN ('OR', 'ID', 'CA')
stream::DataStream Q3(stream::StreamEnvironment* env, const NexmarkConfig& config) {
  auto str = columnar::String();
  columnar::SchemaPtr schema = JoinSchema(
      {MakeField("name", str), MakeField("city", str), MakeField("state", str), MakeField("id", columnar::Int64())});
  auto persons =
      Persons(env, config).Filter(Col("state") == Lit("OR") || Col("state") == Lit("ID") || Col("state") == Lit("CA"));
  auto auctions = Auctions(env, config).Filter(Col("category") == Lit(10));
  auto left = ToJoinInput(persons, schema, "id", kPersonSide, {"name", "city", "state", ""});
  auto right = ToJoinInput(auctions, schema, "seller", kAuctionSide, {"", "", "", "id"});
  auto out = std::make_shared<columnar::Schema>();
  out->fields = {MakeField("name", str, false), MakeField("city", str, false), MakeField("state", str, false),
                 MakeField("id", columnar::Int64(), false)};
  return left.Union({right}).KeyBy({"key"}).Process(out, [] { return std::make_shared<SellerJoin>(); }).Name("q3-join");
}

}  // namespace sluice::nexmark
