#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/columnar/scalar.h"
#include "sluice/stream/api/row.h"
#include "sluice/stream/operators/operator.h"
#include "sluice/stream/state/keyed_state_backend.h"
#include "sluice/stream/time/timer_service.h"

namespace sluice::stream {

using columnar::Scalar;
using columnar::Scalars;
// Readable values in test failure messages.
inline void PrintTo(const Scalar& v, std::ostream* os) {
  if (v.is_string()) {
    *os << '\'' << v.string_value() << '\'';
  } else {
    *os << v.ToString();
  }
}
}  // namespace sluice::stream

namespace sluice::stream::testing {

// Polls `done` every millisecond until it holds; fails naming `what` if
// `timeout` passes first. Use it instead of sleeping a fixed time and then
// asserting: on a loaded machine it only takes longer, it does not flake.
inline ::testing::AssertionResult WaitUntil(const std::function<bool()>& done, std::string_view what,
                                            std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return ::testing::AssertionFailure() << "timed out after " << timeout.count() << " ms waiting for " << what;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return ::testing::AssertionSuccess();
}

// A schema of (name, type) pairs.
inline SchemaPtr MakeSchema(std::vector<std::pair<std::string, columnar::DataTypePtr>> fields) {
  auto s = std::make_shared<columnar::Schema>();
  for (auto& [n, t] : fields) s->fields.push_back(columnar::MakeField(n, t));
  return s;
}

// A batch of `rows` (Scalars per column).
inline RecordBatch MakeBatch(const SchemaPtr& schema, const std::vector<Scalars>& rows) {
  BatchBuilder b(schema);
  for (const auto& r : rows) EXPECT_TRUE(b.Append(r).ok());
  auto out = b.Finish();
  EXPECT_TRUE(out.ok());
  return *out;
}

inline std::vector<Scalars> RowsOf(const std::vector<RecordBatch>& batches) {
  std::vector<Scalars> rows;
  for (const auto& b : batches) {
    for (int64_t i = 0; i < b.num_rows; ++i) {
      Scalars r;
      for (const auto& c : b.columns) r.push_back(ArrayValue(*c, i));
      rows.push_back(std::move(r));
    }
  }
  return rows;
}

// Collects what an operator emits.
class CollectingOutput final : public Output {
 public:
  Status Emit(const RecordBatch& batch) override {
    main.push_back(batch);
    return Status::OK();
  }
  Status EmitSide(const std::string& tag, const RecordBatch& batch) override {
    side[tag].push_back(batch);
    return Status::OK();
  }
  Status EmitWatermark(int64_t wm) override {
    watermarks.push_back(wm);
    return Status::OK();
  }
  std::vector<RecordBatch> main;
  std::map<std::string, std::vector<RecordBatch>> side;
  std::vector<int64_t> watermarks;
};

// Drives one keyed operator subtask synchronously (Flink's
// KeyedOneInputStreamOperatorTestHarness): no threads, a manual clock.
class OperatorHarness {
 public:
  explicit OperatorHarness(std::unique_ptr<Operator> op, int64_t start_time = 0)
      : op_(std::move(op)), clock_(start_time) {
    ctx_.name = "test-op";
    ctx_.max_parallelism = 128;
    ctx_.key_groups = {0, 128};
    ctx_.clock = &clock_;
    state_ = MakeMemoryStateBackend(ctx_.key_groups);
    ctx_.state = state_.get();
    ctx_.timers = &timers_;
    ctx_.output = &out_;
    EXPECT_TRUE(op_->Open(&ctx_).ok());
  }

  Status Process(const RecordBatch& b) { return op_->ProcessBatch(b); }
  Status Watermark(int64_t wm) { return op_->ProcessWatermark(wm); }
  Status SetProcessingTime(int64_t t) {
    clock_.Set(t);
    return op_->OnProcessingTime(t);
  }
  Status Finish() { return op_->Finish(); }
  // Main-output rows emitted since the last call.
  std::vector<Scalars> TakeOutput() {
    auto rows = RowsOf(out_.main);
    out_.main.clear();
    return rows;
  }
  std::vector<Scalars> SideOutput(const std::string& tag) {
    auto rows = RowsOf(out_.side[tag]);
    out_.side[tag].clear();
    return rows;
  }
  ManualClock& clock() { return clock_; }
  TimerService& timers() { return timers_; }

 private:
  std::unique_ptr<Operator> op_;
  ManualClock clock_;
  OperatorContext ctx_;
  std::unique_ptr<KeyedStateBackend> state_;
  TimerService timers_;
  CollectingOutput out_;
};

}  // namespace sluice::stream::testing
