#include "sluice/stream/runtime/barrier_aligner.h"

namespace sluice::stream::runtime {

Status BarrierAligner::OnBarrier(int input, int64_t id) {
  if (aligning_ != 0 && aligning_ != id) {
    return Status::Invalid("barrier {} on input {} while aligning checkpoint {}", id, input, aligning_);
  }
  aligning_ = id;
  blocked_[input] = true;
  return Status::OK();
}

bool BarrierAligner::Aligned() const {
  if (aligning_ == 0) return false;
  for (size_t i = 0; i < blocked_.size(); ++i) {
    if (!blocked_[i] && !ended_[i]) return false;
  }
  return true;
}

void BarrierAligner::Release(std::deque<StreamElement>* replay) {
  last_aligned_ = aligning_;
  aligning_ = 0;
  for (size_t i = 0; i < blocked_.size(); ++i) blocked_[i] = false;
  while (!held_.empty()) {
    replay->push_front(std::move(held_.back()));
    held_.pop_back();
  }
}

}  // namespace sluice::stream::runtime
