#pragma once

#include <memory>
#include <string>

#include "sluice/common/status.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/state/keyed_state_backend.h"

namespace sluice::stream {

// Creates a RocksDB-backed keyed state backend for key groups `range`, with
// its own database under options.dir (or a temporary directory) named after
// `instance`; the database is deleted when the backend is destroyed (state
// survives restarts through checkpoints, not through the working directory).
// Keys: key group (2 bytes big-endian) + state id (1 byte) + key length
// (4 bytes) + key + namespace [+ map key]; values: Scalar encodings.
Result<std::unique_ptr<KeyedStateBackend>> MakeRocksDbStateBackend(KeyGroupRange range, const RocksDbOptions& options,
                                                                   const std::string& instance);

}  // namespace sluice::stream
