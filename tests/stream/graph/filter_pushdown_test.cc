#include "sluice/stream/graph/filter_pushdown.h"

#include <gtest/gtest.h>

#include "sluice/expr/evaluate.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/sinks/collect_sink.h"
#include "sluice/stream/sources/memory_source.h"
#include "stream/stream_test_util.h"

namespace sluice::stream {
namespace {

using columnar::Int64;
using testing::MakeBatch;
using testing::MakeSchema;

// A memory source that takes offered filters when `accept` and then applies
// them itself, as a storage source would; it records every offer.
class FilteringSource final : public Source {
 public:
  FilteringSource(RecordBatch batch, bool accept) : batch_(std::move(batch)), accept_(accept) {}
  columnar::SchemaPtr schema() const override { return batch_.schema; }
  Result<std::vector<SourceSplit>> CreateSplits(int parallelism) override { return Inner()->CreateSplits(parallelism); }
  Result<std::unique_ptr<SourceReader>> CreateReader(int subtask, std::vector<SourceSplit> splits) override {
    return Inner()->CreateReader(subtask, std::move(splits));
  }
  bool ApplyFilter(const expr::Expr& predicate) override {
    offers.push_back(predicate.ToString());
    if (!accept_) return false;
    auto bound = expr::BindPredicate(predicate, *batch_.schema);
    if (!bound.ok()) return false;
    batch_ = *expr::FilterBatch(*bound, batch_);
    return true;
  }
  std::vector<std::string> offers;

 private:
  std::shared_ptr<MemorySource> Inner() {
    if (!inner_) inner_ = std::make_shared<MemorySource>(batch_.schema, std::vector<RecordBatch>{batch_});
    return inner_;
  }
  RecordBatch batch_;
  bool accept_;
  std::shared_ptr<MemorySource> inner_;
};

RecordBatch Input() { return MakeBatch(MakeSchema({{"a", Int64()}}), {{1}, {2}, {3}, {4}, {5}, {6}}); }

StreamOptions One() {
  StreamOptions o;
  o.parallelism = 1;
  return o;
}

TEST(FilterPushdownTest, TheOnlyConsumerFilterMovesIntoAnAcceptingSource) {
  auto source = std::make_shared<FilteringSource>(Input(), true);
  StreamEnvironment env(One());
  auto sink = std::make_shared<CollectSink>();
  env.FromSource(source, WatermarkStrategy::NoWatermarks()).Filter(Col("a") % Lit(2) == Lit(0)).SinkTo(sink);
  ASSERT_TRUE(env.Execute("pushed").ok());
  EXPECT_EQ(source->offers, (std::vector<std::string>{"((a % 2) = 0)"}));
  EXPECT_EQ(env.graph().nodes[1].name, "Filter (in source)");
  EXPECT_EQ(sink->SortedRows(), (std::vector<Scalars>{{2}, {4}, {6}}));
}

TEST(FilterPushdownTest, ADecliningSourceKeepsTheFilter) {
  auto source = std::make_shared<FilteringSource>(Input(), false);
  StreamEnvironment env(One());
  auto sink = std::make_shared<CollectSink>();
  env.FromSource(source, WatermarkStrategy::NoWatermarks()).Filter(Col("a") > Lit(4)).SinkTo(sink);
  ASSERT_TRUE(env.Execute("declined").ok());
  EXPECT_EQ(source->offers.size(), 1u);
  EXPECT_EQ(env.graph().nodes[1].name, "Filter");
  EXPECT_EQ(sink->SortedRows(), (std::vector<Scalars>{{5}, {6}}));
}

TEST(FilterPushdownTest, NoOfferWhenTheSourceFeedsAnotherBranchOrTheFilterIsFurtherDown) {
  auto shared = std::make_shared<FilteringSource>(Input(), true);
  StreamEnvironment env(One());
  auto filtered = std::make_shared<CollectSink>();
  auto all = std::make_shared<CollectSink>();
  DataStream s = env.FromSource(shared, WatermarkStrategy::NoWatermarks());
  s.Filter(Col("a") > Lit(4)).SinkTo(filtered);
  s.SinkTo(all);
  ASSERT_TRUE(env.Execute("two branches").ok());
  EXPECT_TRUE(shared->offers.empty());
  EXPECT_EQ(filtered->SortedRows(), (std::vector<Scalars>{{5}, {6}}));
  EXPECT_EQ(all->SortedRows().size(), 6u);

  auto below = std::make_shared<FilteringSource>(Input(), true);
  StreamEnvironment env2(One());
  auto sink = std::make_shared<CollectSink>();
  env2.FromSource(below, WatermarkStrategy::NoWatermarks())
      .WithColumn("b", Col("a") * Lit(10))
      .Filter(Col("b") > Lit(40))
      .SinkTo(sink);
  ASSERT_TRUE(env2.Execute("filter after a project").ok());
  EXPECT_TRUE(below->offers.empty());
  EXPECT_EQ(sink->SortedRows(), (std::vector<Scalars>{{5, 50}, {6, 60}}));
}

}  // namespace
}  // namespace sluice::stream
