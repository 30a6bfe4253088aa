#pragma once

#include <cstdint>
#include <string_view>

namespace sluice::stream {

// Hash of an encoded key (EncodeKey), computed once per SetCurrentKey.
uint64_t HashStateKey(std::string_view key);
// Hash of (key, namespace) from the key's hash; the key's hash itself when
// the namespace is empty (plain keyed state), so most accesses hash nothing.
uint64_t HashStateId(uint64_t key_hash, std::string_view ns);

}  // namespace sluice::stream
