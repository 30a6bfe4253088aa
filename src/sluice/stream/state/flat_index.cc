#include "sluice/stream/state/flat_index.h"

#include <utility>

#include "sluice/common/huge_pages.h"

namespace sluice::stream {

void FlatIndex::Grow() {
  const size_t n = slots_.empty() ? 16 : slots_.size() * 2;
  std::vector<Slot> fresh;
  fresh.reserve(n);
  AdviseHugePages(fresh.data(), n * sizeof(Slot));  // before the pages are first touched
  fresh.resize(n, Slot{0, 0});
  std::vector<Slot> old = std::exchange(slots_, std::move(fresh));
  mask_ = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.ref != 0) Place(s);
  }
}

bool FlatIndex::Erase(uint64_t hash, uint32_t entry) {
  if (slots_.empty()) return false;
  size_t i = Tag(hash) & mask_;
  while (slots_[i].ref != entry + 1) {
    if (slots_[i].ref == 0) return false;
    i = (i + 1) & mask_;
  }
  EraseSlot(i);
  return true;
}

void FlatIndex::EraseSlot(size_t i) {
  // Backward shift: walk the run after the hole; an entry whose home is not
  // cyclically in (hole, j] may move into the hole (its probe passes it).
  for (size_t j = (i + 1) & mask_; slots_[j].ref != 0; j = (j + 1) & mask_) {
    const size_t home = slots_[j].tag & mask_;
    const bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
    if (stays) continue;
    slots_[i] = slots_[j];
    i = j;
  }
  slots_[i] = Slot{0, 0};
  --size_;
}

}  // namespace sluice::stream
