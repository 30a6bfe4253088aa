#pragma once

#include <string>

namespace sluice {

// Returns a random (version 4, RFC 9562) UUID in its canonical lower-case
// text form, e.g. "3f2b8c1e-9d4a-4c6b-8e2f-0a1b2c3d4e5f". Thread-safe.
std::string RandomUuid();

}  // namespace sluice
