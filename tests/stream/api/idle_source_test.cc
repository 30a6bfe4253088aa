#include <atomic>
#include <chrono>

#include "sluice/stream/api/environment.h"
#include "stream/stream_test_util.h"

namespace sluice::stream {
namespace {

using columnar::Int64;
using columnar::String;
using testing::MakeBatch;
using testing::MakeSchema;

struct Shared {
  std::atomic<bool> fired{false};
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  bool Done() const { return fired || std::chrono::steady_clock::now() > deadline; }
};

SchemaPtr Schema() { return MakeSchema({{"k", String()}, {"ts", Int64()}}); }

// Split "active" emits one batch then waits for the window result; split
// "idle" never has data. Both end once the result arrived (or a deadline).
class TwoSplitSource final : public Source {
 public:
  explicit TwoSplitSource(std::shared_ptr<Shared> s) : shared_(std::move(s)) {}
  SchemaPtr schema() const override { return Schema(); }
  Result<std::vector<SourceSplit>> CreateSplits(int) override {
    return std::vector<SourceSplit>{{"active", ""}, {"idle", ""}};
  }
  Result<std::unique_ptr<SourceReader>> CreateReader(int, std::vector<SourceSplit> splits) override {
    class Reader final : public SourceReader {
     public:
      Reader(std::shared_ptr<Shared> s, std::vector<SourceSplit> splits) : shared_(std::move(s)), splits_(splits) {}
      Result<ReadResult> Read(int64_t) override {
        bool active = !splits_.empty() && splits_[0].id == "active";
        if (active && !sent_) {
          sent_ = true;
          return ReadResult{ReadResult::Kind::kBatch, MakeBatch(Schema(), {{"a", 1}, {"a", 2}, {"a", 15}})};
        }
        if (shared_->Done()) return ReadResult{ReadResult::Kind::kEnd, {}};
        return ReadResult{ReadResult::Kind::kNothingYet, {}};
      }
      std::vector<SourceSplit> SnapshotSplits() const override { return splits_; }

     private:
      std::shared_ptr<Shared> shared_;
      std::vector<SourceSplit> splits_;
      bool sent_ = false;
    };
    return std::unique_ptr<SourceReader>(std::make_unique<Reader>(shared_, std::move(splits)));
  }

 private:
  std::shared_ptr<Shared> shared_;
};

class FlagSink final : public Sink {
 public:
  explicit FlagSink(std::shared_ptr<Shared> s) : shared_(std::move(s)) {}
  Result<std::unique_ptr<SinkWriter>> CreateWriter(int, int) override {
    class Writer final : public SinkWriter {
     public:
      explicit Writer(FlagSink* sink) : sink_(sink) {}
      Status Write(const RecordBatch& b) override {
        std::lock_guard<std::mutex> lock(sink_->mu);
        sink_->rows += b.num_rows;
        sink_->shared_->fired = true;
        return Status::OK();
      }

     private:
      FlagSink* sink_;
    };
    return std::unique_ptr<SinkWriter>(std::make_unique<Writer>(this));
  }
  std::mutex mu;
  int64_t rows = 0;
  std::shared_ptr<Shared> shared_;
};

TEST(IdleSourceTest, IdleSubtaskDoesNotHoldBackTheWatermark) {
  auto shared = std::make_shared<Shared>();
  StreamOptions o;
  o.parallelism = 2;
  o.poll_interval_ms = 1;
  StreamEnvironment env(o);
  auto sink = std::make_shared<FlagSink>(shared);
  env.FromSource(std::make_shared<TwoSplitSource>(shared),
                 WatermarkStrategy::ForMonotonousTimestamps("ts").WithIdleness(20))
      .KeyBy({"k"})
      .Window(windows::TumblingEventTime(10))
      .Aggregate({agg::Count()})
      .SinkTo(sink);
  auto start = std::chrono::steady_clock::now();
  Status st = env.Execute();
  ASSERT_TRUE(st.ok()) << st.ToString();
  // Window [0,10) fired from the active subtask's watermark 14 while the
  // other subtask was idle, long before the 5 s deadline ended the sources.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
  EXPECT_EQ(sink->rows, 2);  // [0,10) early, [10,20) at end of input
}

}  // namespace
}  // namespace sluice::stream
