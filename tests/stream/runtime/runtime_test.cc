#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "sluice/stream/exchange/key_groups.h"
#include "sluice/stream/runtime/channel.h"
#include "sluice/stream/runtime/task.h"
#include "sluice/stream/time/watermark.h"
#include "stream/stream_test_util.h"

namespace sluice::stream {
namespace {

using columnar::Int32;
using columnar::Int64;
using columnar::String;
using testing::MakeBatch;
using testing::MakeSchema;

StreamElement Wm(int64_t v) { return StreamElement{StreamElement::Kind::kWatermark, 0, {}, v}; }

TEST(ChannelTest, FifoAndTimeout) {
  Channel c(4);
  ASSERT_TRUE(c.Push(Wm(1)));
  ASSERT_TRUE(c.Push(Wm(2)));
  StreamElement e;
  ASSERT_EQ(c.Pop(&e, 0), Channel::PopResult::kElement);
  EXPECT_EQ(e.value, 1);
  ASSERT_EQ(c.Pop(&e, 0), Channel::PopResult::kElement);
  EXPECT_EQ(e.value, 2);
  EXPECT_EQ(c.Pop(&e, 1), Channel::PopResult::kTimeout);
}

TEST(ChannelTest, FullChannelBlocksProducerUntilConsumerTakes) {
  Channel c(2);
  std::atomic<int> pushed{0};
  std::thread producer([&] {
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(c.Push(Wm(i)));
      ++pushed;
    }
  });
  const ::testing::AssertionResult two_pushed =
      testing::WaitUntil([&] { return pushed.load() >= 2; }, "two pushes into a channel of 2");
  if (!two_pushed) {
    c.Close();
    producer.join();
    FAIL() << two_pushed.message();
  }
  // Backpressure: the third push waits. Nothing can make it succeed while
  // the channel is full, so a pause here cannot fail a correct channel.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(pushed.load(), 2);
  EXPECT_EQ(c.size(), 2u);
  StreamElement e;
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(c.Pop(&e, 10000), Channel::PopResult::kElement);
    EXPECT_EQ(e.value, i);
  }
  producer.join();
  EXPECT_EQ(pushed.load(), 5);
  EXPECT_GT(c.backpressure_nanos(), 0);
}

TEST(ChannelTest, CloseWakesBlockedProducerAndConsumer) {
  Channel full(1), empty(1);
  ASSERT_TRUE(full.Push(Wm(0)));
  bool push_result = true;
  Channel::PopResult pop_result = Channel::PopResult::kElement;
  std::thread producer([&] { push_result = full.Push(Wm(1)); });
  std::thread consumer([&] {
    StreamElement e;
    pop_result = empty.Pop(&e, -1);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  full.Close();
  empty.Close();
  producer.join();
  consumer.join();
  EXPECT_FALSE(push_result);
  EXPECT_EQ(pop_result, Channel::PopResult::kClosed);
}

TEST(KeyGroupTest, RangesPartitionAllKeyGroups) {
  for (int p : {1, 2, 3, 4, 7, 128}) {
    int next = 0;
    for (int s = 0; s < p; ++s) {
      KeyGroupRange r = KeyGroupRangeFor(s, 128, p);
      EXPECT_EQ(r.start, next);
      for (int kg = r.start; kg < r.end; ++kg) EXPECT_EQ(SubtaskForKeyGroup(kg, 128, p), s);
      next = r.end;
    }
    EXPECT_EQ(next, 128);
  }
}

TEST(KeyGroupTest, HashIgnoresIntegerWidthAndEncodesKeys) {
  RecordBatch a =
      MakeBatch(MakeSchema({{"k", Int32()}, {"s", String()}}), {{1, "x"}, {2, "y"}, {1, "x"}, {Scalar(), "x"}});
  RecordBatch b =
      MakeBatch(MakeSchema({{"k", Int64()}, {"s", String()}}), {{1, "x"}, {2, "y"}, {1, "x"}, {Scalar(), "x"}});
  std::vector<uint64_t> ha, hb;
  const std::vector<int> cols = {0, 1};
  ASSERT_TRUE(HashKeyColumns(a, cols, &ha).ok());
  ASSERT_TRUE(HashKeyColumns(b, cols, &hb).ok());
  EXPECT_EQ(ha, hb);
  EXPECT_EQ(ha[0], ha[2]);
  EXPECT_NE(ha[0], ha[1]);
  EXPECT_NE(ha[0], ha[3]);
  std::string k0, k2, k3;
  EncodeKey(a, cols, 0, &k0);
  EncodeKey(b, cols, 2, &k2);
  EncodeKey(a, cols, 3, &k3);
  EXPECT_EQ(k0, k2);
  EXPECT_NE(k0, k3);
  auto decoded = DecodeKey(k3);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, (Scalars{Scalar(), Scalar("x")}));
  EXPECT_FALSE(DecodeKey(std::string("i\x01", 2)).ok());
}

TEST(KeyedExchangeTest, EveryKeyGoesToTheSubtaskOwningItsKeyGroup) {
  const int p = 3, max_p = 16;
  std::vector<std::shared_ptr<Channel>> channels;
  for (int i = 0; i < p; ++i) channels.push_back(std::make_shared<Channel>(64));
  runtime::ExchangeWriter w(Partitioning::kHash, {0}, max_p, /*producer_subtask=*/1, channels, {5, 5, 5});
  SchemaPtr s = MakeSchema({{"k", Int64()}, {"v", Int64()}});
  std::vector<Scalars> rows;
  for (int64_t i = 0; i < 200; ++i) rows.push_back({Scalar(i % 17), Scalar(i)});
  ASSERT_TRUE(w.Send(MakeBatch(s, rows)).ok());
  ASSERT_TRUE(w.Broadcast(StreamElement::Kind::kWatermark, 42).ok());
  int64_t total = 0;
  for (int t = 0; t < p; ++t) {
    StreamElement e;
    KeyGroupRange range = KeyGroupRangeFor(t, max_p, p);
    bool saw_watermark = false;
    while (channels[t]->Pop(&e, 0) == Channel::PopResult::kElement) {
      EXPECT_EQ(e.input, 5);
      if (e.kind == StreamElement::Kind::kWatermark) {
        EXPECT_EQ(e.value, 42);
        saw_watermark = true;
        continue;
      }
      std::vector<uint64_t> h;
      ASSERT_TRUE(HashKeyColumns(e.batch, std::vector<int>{0}, &h).ok());
      for (uint64_t x : h) EXPECT_TRUE(range.Contains(KeyGroupOf(x, max_p)));
      total += e.batch.num_rows;
    }
    EXPECT_TRUE(saw_watermark);
  }
  EXPECT_EQ(total, 200);
}

TEST(WatermarkTest, TrackerTakesMinimumOverActiveInputs) {
  WatermarkTracker t(3);
  EXPECT_FALSE(t.Update(0, 10));
  EXPECT_FALSE(t.Update(1, 20));
  EXPECT_TRUE(t.Update(2, 5));
  EXPECT_EQ(t.current(), 5);
  // Input 2 goes idle: the minimum of the others (10) applies.
  EXPECT_TRUE(t.SetIdle(2, true));
  EXPECT_EQ(t.current(), 10);
  // It comes back with an older watermark: the combined one never goes back.
  EXPECT_FALSE(t.Update(2, 7));
  EXPECT_EQ(t.current(), 10);
  EXPECT_FALSE(t.Update(0, kMaxWatermark));  // input 2 (at 7) holds it back
  EXPECT_TRUE(t.Update(2, 30));
  EXPECT_EQ(t.current(), 20);
  EXPECT_FALSE(t.SetIdle(0, true));
  EXPECT_TRUE(t.SetIdle(1, true));
  EXPECT_FALSE(t.AllIdle());
  EXPECT_EQ(t.current(), 30);
  // All idle: the maximum over every input (input 0 finished with kMaxWatermark).
  EXPECT_TRUE(t.SetIdle(2, true));
  EXPECT_TRUE(t.AllIdle());
  EXPECT_EQ(t.current(), kMaxWatermark);
}

TEST(WatermarkTest, BoundedOutOfOrdernessGenerator) {
  WatermarkGenerator g(5);
  EXPECT_EQ(g.CurrentWatermark(), kMinTimestamp);
  g.OnEvent(100);
  g.OnEvent(90);
  EXPECT_EQ(g.CurrentWatermark(), 94);
  RecordBatch b = MakeBatch(MakeSchema({{"ts", columnar::Timestamp(columnar::TimeUnit::kMicro, true)}}),
                            {{Scalar(int64_t{1500})}, {Scalar(int64_t{-1500})}});
  std::vector<int64_t> ts;
  ASSERT_TRUE(ExtractTimestamps(b, 0, &ts).ok());
  EXPECT_EQ(ts, (std::vector<int64_t>{1, -2}));
  RecordBatch bad = MakeBatch(MakeSchema({{"ts", String()}}), {{Scalar("x")}});
  EXPECT_FALSE(ExtractTimestamps(bad, 0, &ts).ok());
}

}  // namespace
}  // namespace sluice::stream
