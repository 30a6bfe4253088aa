#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"
#include "sluice/parquet/compression/crc32.h"  // page CRC lives beside the codecs

namespace sluice::parquet::compression {

// Page compression codecs; values equal Parquet's thrift CompressionCodec.
enum class CodecId : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,  // deprecated: Hadoop-framed (parquet-mr), raw block (old parquet-cpp) or LZ4 frame
  kZstd = 6,
  kLz4Raw = 7,
};

// Returns the thrift name of `id` ("UNCOMPRESSED", "SNAPPY", ..., "LZ4_RAW"),
// or "UNKNOWN" for a value outside the enum.
std::string_view CodecName(CodecId id);

// Parses a codec name, case-insensitively: none|uncompressed|snappy|gzip|lzo|
// brotli|lz4|lz4_raw|zstd. Anything else -> Invalid.
Result<CodecId> ParseCodecName(std::string_view name);

// One page compressor/decompressor. Not thread-safe: it holds reusable library
// contexts (ZSTD_CCtx/DCtx, z_stream, ...), so keep one per column reader or
// writer and call it once per page.
class Codec {
 public:
  virtual ~Codec() = default;
  Codec() = default;
  Codec(const Codec&) = delete;
  Codec& operator=(const Codec&) = delete;

  // Returns which codec this is.
  virtual CodecId id() const = 0;

  // Decompresses `in` into exactly `out.size()` bytes (the page header's
  // uncompressed size). Corrupt when the stream is damaged or truncated, when
  // it decodes to a different size, or when bytes trail it (where detectable).
  // Empty `in` with empty `out` succeeds without calling the library.
  virtual Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) = 0;

  // Appends the compressed form of `in` to `out`.
  virtual Status Compress(std::span<const uint8_t> in, Buffer* out) = 0;
};

// Creates a codec. `level` is used by GZIP (0..9, default 6), ZSTD
// (ZSTD_minCLevel()..ZSTD_maxCLevel(), default 1 like pyarrow) and BROTLI
// (quality 0..11, default 8 like pyarrow) and ignored by the others; an
// out-of-range level -> Invalid. LZO or an unknown id -> NotSupported.
Result<std::unique_ptr<Codec>> MakeCodec(CodecId id, std::optional<int> level = std::nullopt);

}  // namespace sluice::parquet::compression
