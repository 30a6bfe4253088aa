#include "sluice/stream/api/typed.h"

#include "sluice/stream/api/environment.h"
#include "sluice/stream/sinks/collect_sink.h"
#include "stream/stream_test_util.h"

namespace sluice::stream {
namespace {

struct Trade {
  std::string sym;
  int64_t ts = 0;
  double px = 0;
  int32_t qty = 0;
  bool buy = false;
};

struct Notional {
  std::string sym;
  double value = 0;
};

StructMapping<Trade> Trades() {
  return StructMapping<Trade>({Member("sym", &Trade::sym), Member("ts", &Trade::ts), Member("px", &Trade::px),
                               Member("qty", &Trade::qty), Member("buy", &Trade::buy)});
}

TEST(TypedTest, StructRoundTripThroughBatch) {
  auto m = Trades();
  EXPECT_EQ(m.schema()->ToString(), Trades().schema()->ToString());
  EXPECT_EQ(m.schema()->fields.size(), 5u);
  std::vector<Trade> in = {{"a", 1, 2.5, 3, true}, {"bb", -4, 0.25, -7, false}};
  auto batch = m.ToBatch(in);
  ASSERT_TRUE(batch.ok());
  ASSERT_TRUE(batch->Validate().ok());
  auto out = m.FromBatch(*batch);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].sym, "bb");
  EXPECT_EQ(out[1].ts, -4);
  EXPECT_EQ(out[1].px, 0.25);
  EXPECT_EQ(out[1].qty, -7);
  EXPECT_TRUE(out[0].buy);
}

TEST(TypedTest, TypedMapAndFilterInAJob) {
  auto trades = Trades();
  StructMapping<Notional> notional({Member("sym", &Notional::sym), Member("value", &Notional::value)});
  StreamEnvironment env;
  auto batch = trades.ToBatch({{"a", 1, 2.0, 3, true}, {"b", 2, 1.5, 2, false}, {"a", 3, 4.0, 1, true}});
  ASSERT_TRUE(batch.ok());
  auto sink = std::make_shared<CollectSink>();
  auto buys = FilterTyped<Trade>(env.FromBatches({*batch}, WatermarkStrategy::NoWatermarks()), trades,
                                 [](const Trade& t) { return t.buy; });
  MapTyped<Trade, Notional>(buys, trades, notional, [](const Trade& t) -> Result<Notional> {
    return Notional{t.sym, t.px * t.qty};
  }).SinkTo(sink);
  ASSERT_TRUE(env.Execute().ok());
  EXPECT_EQ(sink->Rows(), (std::vector<Scalars>{{Scalar("a"), Scalar(6.0)}, {Scalar("a"), Scalar(4.0)}}));
}

}  // namespace
}  // namespace sluice::stream
