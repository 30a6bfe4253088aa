#include "sluice/stream/state/state_id.h"

#define XXH_INLINE_ALL  // short keys: inline XXH3, no call into the library
#include <xxhash.h>

namespace sluice::stream {

uint64_t HashStateKey(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

uint64_t HashStateId(uint64_t key_hash, std::string_view ns) {
  return ns.empty() ? key_hash : XXH3_64bits_withSeed(ns.data(), ns.size(), key_hash);
}

}  // namespace sluice::stream
