#pragma once

// Factories and helpers shared by the codec files; not part of the public API.

#include <cstdint>
#include <limits>
#include <memory>
#include <span>

#include "sluice/parquet/compression/codec.h"

namespace sluice::parquet::compression::internal {

std::unique_ptr<Codec> MakeUncompressedCodec();
std::unique_ptr<Codec> MakeSnappyCodec();
// `level` has been validated by the caller (see MakeCodec).
std::unique_ptr<Codec> MakeGzipCodec(int level);
std::unique_ptr<Codec> MakeBrotliCodec(int quality);
std::unique_ptr<Codec> MakeLz4HadoopCodec();
std::unique_ptr<Codec> MakeZstdCodec(int level);
std::unique_ptr<Codec> MakeLz4RawCodec();

// Decodes one raw LZ4 block `in` into exactly `out.size()` bytes; Corrupt
// (naming `what`) when the block is damaged or decodes to another size.
Status DecompressLz4Block(std::span<const uint8_t> in, std::span<uint8_t> out, const char* what);

// Reserves `bound` bytes at the end of `out` and returns where they start;
// the caller writes at most `bound` bytes there and then calls FinishAppend.
uint8_t* BeginAppend(Buffer* out, int64_t bound);
// Trims the region reserved by BeginAppend to the `written` bytes used.
void FinishAppend(Buffer* out, int64_t start_size, int64_t written);

// A writable pointer for `out` even when it is empty: some libraries reject a
// null destination even with zero capacity.
inline uint8_t* NonNullData(std::span<uint8_t> out) {
  static uint8_t dummy;
  return out.data() != nullptr ? out.data() : &dummy;
}

// True when `n` fits the 32-bit length fields that zlib/lz4 take.
inline bool FitsInt32(size_t n) { return n <= static_cast<size_t>(std::numeric_limits<int32_t>::max()); }

}  // namespace sluice::parquet::compression::internal
