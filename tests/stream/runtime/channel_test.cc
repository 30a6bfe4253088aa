#include "sluice/stream/runtime/channel.h"

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

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

}  // namespace
}  // namespace sluice::stream
