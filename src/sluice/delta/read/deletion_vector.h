#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"
#include "sluice/io/filesystem.h"

namespace sluice::delta {

// Deletion vectors (PROTOCOL.md "Deletion Vectors", "Deletion Vector Format").

// Decodes Z85 text (length a multiple of 5) into bytes; Corrupt naming the
// offending character position otherwise.
Result<std::vector<uint8_t>> Z85Decode(std::string_view text);

// Returns the file-system path of an on-disk DV: storage type 'u' gives
// <table_root>/<random prefix>/deletion_vector_<uuid>.bin (uuid from the last
// 20 Z85 characters), 'p' the resolved absolute path. Invalid for 'i' or an
// unknown storage type.
Result<std::string> DeletionVectorPath(const std::string& table_root, const DeletionVectorDescriptor& dv);

// Parses a serialized RoaringBitmapArray (magic 1681511377, 64-bit portable
// roaring) into the sorted deleted row positions. Corrupt when the bytes are
// malformed, the bitmap holds more than `max_rows` values, or a position is
// >= `max_rows`.
Result<std::vector<uint64_t>> ParseRoaringBitmapArray(std::span<const uint8_t> bytes, uint64_t max_rows);

// Loads the DV of a data file with `max_rows` rows (inline, or from its DV
// file: version byte 1; at `offset` a big-endian size, the bitmap and its
// big-endian CRC-32, which is verified) and returns the sorted deleted row
// positions. Errors name the DV and what is wrong; the cardinality is checked.
Result<std::vector<uint64_t>> LoadDeletionVector(const io::FileSystem& fs, const std::string& table_root,
                                                 const DeletionVectorDescriptor& dv, uint64_t max_rows);

}  // namespace sluice::delta
