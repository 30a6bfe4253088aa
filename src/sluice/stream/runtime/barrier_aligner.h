#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/stream/runtime/channel.h"

namespace sluice::stream::runtime {

// Aligns checkpoint barriers over the inputs of one task. After input i
// delivered barrier n, its later elements are held back (buffered here, since
// all inputs share one channel) until every input delivered barrier n or
// ended; then the task snapshots and the held elements are replayed.
class BarrierAligner {
 public:
  explicit BarrierAligner(int num_inputs) : blocked_(num_inputs, false), ended_(num_inputs, false) {}

  // Whether elements of `input` are held back.
  bool IsBlocked(int input) const { return blocked_[input]; }
  // Holds back element `e` of a blocked input.
  void Hold(StreamElement e) { held_.push_back(std::move(e)); }
  // Input `input` delivered barrier `id`; Invalid if another checkpoint is
  // being aligned (at most one is in flight).
  Status OnBarrier(int input, int64_t id);
  // Input `input` ended: it counts as aligned for every later barrier.
  void OnEnd(int input) { ended_[input] = true; }
  // The checkpoint being aligned (0 = none).
  int64_t aligning() const { return aligning_; }
  // Whether every input delivered the barrier of aligning() or ended.
  bool Aligned() const;
  // Ends the alignment: unblocks every input and moves the held elements to
  // the front of `replay` (they precede whatever is left there).
  void Release(std::deque<StreamElement>* replay);
  // The latest checkpoint this task aligned (barriers up to it are stale).
  int64_t last_aligned() const { return last_aligned_; }

 private:
  std::vector<bool> blocked_;
  std::vector<bool> ended_;
  std::deque<StreamElement> held_;
  int64_t aligning_ = 0;
  int64_t last_aligned_ = 0;
};

}  // namespace sluice::stream::runtime
