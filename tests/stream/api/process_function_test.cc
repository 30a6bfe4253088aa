#include "sluice/stream/operators/keyed_operators.h"
#include "stream/stream_test_util.h"

namespace sluice::stream {
namespace {

using columnar::Int64;
using columnar::String;
using testing::MakeBatch;
using testing::MakeSchema;
using testing::OperatorHarness;

SchemaPtr InputSchema() { return MakeSchema({{"k", String()}, {"ts", Int64()}, {"v", Int64()}}); }
SchemaPtr OutputSchema() {
  return MakeSchema({{"k", String()}, {"timer", Int64()}, {"domain", String()}, {"count", Int64()}, {"sum", Int64()}});
}

// Counts rows per key (ValueState), remembers values (ListState) and distinct
// values (MapState); registers an event-time timer at ts + 10 and a
// processing-time timer at now + 100; on a timer emits the state so far.
class CountingFunction final : public KeyedProcessFunction {
 public:
  Status Open(ProcessContext* ctx) override {
    SLUICE_ASSIGN_OR_RETURN(count_, ctx->GetValueState("count"));
    SLUICE_ASSIGN_OR_RETURN(values_, ctx->GetListState("values"));
    SLUICE_ASSIGN_OR_RETURN(distinct_, ctx->GetMapState("distinct"));
    return Status::OK();
  }
  Status ProcessElement(const Row& row, ProcessContext* ctx) override {
    auto c = count_.value();
    count_.Update(Scalar((c ? c->int_value() : 0) + 1));
    values_.Add(row.Get(2));
    distinct_.Put(row.Get(2), Scalar(true));
    if (row.GetInt64(2) < 0) return Status::Invalid("negative value {}", row.GetInt64(2));
    ctx->RegisterEventTimeTimer(ctx->timestamp() + 10);
    ctx->RegisterProcessingTimeTimer(ctx->CurrentProcessingTime() + 100);
    return Status::OK();
  }
  Status OnTimer(int64_t ts, TimeDomain domain, ProcessContext* ctx) override {
    int64_t sum = 0;
    for (const Scalar& v : values_.Get()) sum += v.int_value();
    Scalars key = ctx->CurrentKey();
    return ctx->out()->Append({key[0], Scalar(ts), Scalar(domain == TimeDomain::kEventTime ? "event" : "proc"),
                               count_.value()->int_value(),
                               Scalar(static_cast<int64_t>(distinct_.Entries().size()) * 1000 + sum)});
  }

 private:
  ValueState count_;
  ListState values_;
  MapState distinct_;
};

Scalars R(const char* k, int64_t timer, const char* domain, int64_t count, int64_t sum) {
  return {Scalar(k), Scalar(timer), Scalar(domain), Scalar(count), Scalar(sum)};
}

TEST(ProcessFunctionTest, TimersFireInOrderWithKeyedState) {
  OperatorHarness h(MakeProcessOperator(OutputSchema(), {0}, 1, std::make_shared<CountingFunction>()));
  ASSERT_TRUE(h.Process(MakeBatch(InputSchema(), {{"a", 5, 1}, {"b", 1, 2}, {"a", 3, 1}})).ok());
  // Event timers: b@11, a@13, a@15. Watermark 13 fires b@11 then a@13, in order.
  ASSERT_TRUE(h.Watermark(13).ok());
  EXPECT_EQ(h.TakeOutput(), (std::vector<Scalars>{R("b", 11, "event", 1, 1002), R("a", 13, "event", 2, 1002)}));
  ASSERT_TRUE(h.Process(MakeBatch(InputSchema(), {{"a", 14, 7}})).ok());  // timer a@24
  ASSERT_TRUE(h.Watermark(30).ok());
  EXPECT_EQ(h.TakeOutput(), (std::vector<Scalars>{R("a", 15, "event", 3, 2009), R("a", 24, "event", 3, 2009)}));
  // Processing-time timers: all registered at clock 0 -> fire at 100 (one per key: duplicates collapse).
  ASSERT_TRUE(h.SetProcessingTime(99).ok());
  EXPECT_TRUE(h.TakeOutput().empty());
  ASSERT_TRUE(h.SetProcessingTime(100).ok());
  EXPECT_EQ(h.TakeOutput(), (std::vector<Scalars>{R("a", 100, "proc", 3, 2009), R("b", 100, "proc", 1, 1002)}));
}

TEST(ProcessFunctionTest, ErrorNamesOperatorAndRecord) {
  OperatorHarness h(MakeProcessOperator(OutputSchema(), {0}, 1, std::make_shared<CountingFunction>()));
  ASSERT_TRUE(h.Process(MakeBatch(InputSchema(), {{"a", 5, 1}, {"b", 1, 2}})).ok());
  Status st = h.Process(MakeBatch(InputSchema(), {{"a", 6, 1}, {"a", 7, -3}}));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("operator 'test-op'"), std::string::npos) << st.ToString();
  EXPECT_NE(st.message().find("record 3 (row 1 of batch 2)"), std::string::npos) << st.ToString();
  EXPECT_NE(st.message().find("negative value -3"), std::string::npos) << st.ToString();
}

}  // namespace
}  // namespace sluice::stream
