#include "sluice/parquet/compression/codec.h"

#include <brotli/encode.h>
#include <zlib.h>
#include <zstd.h>

#include <array>
#include <cctype>
#include <string>

#include "sluice/parquet/compression/codec_internal.h"

namespace sluice::parquet::compression {

namespace {

struct CodecNameEntry {
  CodecId id;
  std::string_view name;  // thrift name, upper case
};

// Thrift names of CompressionCodec, indexed by value.
constexpr std::array<CodecNameEntry, 8> kCodecNames = {{
    {CodecId::kUncompressed, "UNCOMPRESSED"},
    {CodecId::kSnappy, "SNAPPY"},
    {CodecId::kGzip, "GZIP"},
    {CodecId::kLzo, "LZO"},
    {CodecId::kBrotli, "BROTLI"},
    {CodecId::kLz4, "LZ4"},
    {CodecId::kZstd, "ZSTD"},
    {CodecId::kLz4Raw, "LZ4_RAW"},
}};

constexpr int kGzipDefaultLevel = 6;    // zlib's Z_DEFAULT_COMPRESSION
constexpr int kZstdDefaultLevel = 1;    // pyarrow's default: fastest, still a good ratio
constexpr int kBrotliDefaultLevel = 8;  // pyarrow's default quality

Status CheckLevel(std::string_view codec, int level, int min, int max) {
  if (level < min || level > max) {
    return Status::Invalid("{} compression level {} is out of range [{}, {}]", codec, level, min, max);
  }
  return Status::OK();
}

}  // namespace

std::string_view CodecName(CodecId id) {
  auto v = static_cast<int32_t>(id);
  if (v < 0 || v >= static_cast<int32_t>(kCodecNames.size())) return "UNKNOWN";
  return kCodecNames[static_cast<size_t>(v)].name;
}

Result<CodecId> ParseCodecName(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "NONE") return CodecId::kUncompressed;
  for (const auto& entry : kCodecNames) {
    if (upper == entry.name) return entry.id;
  }
  return Status::Invalid(
      "unknown compression codec '{}' (expected none, uncompressed, snappy, gzip, lzo, brotli, lz4, lz4_raw or zstd)",
      name);
}

Result<std::unique_ptr<Codec>> MakeCodec(CodecId id, std::optional<int> level) {
  switch (id) {
    case CodecId::kUncompressed:
      return internal::MakeUncompressedCodec();
    case CodecId::kSnappy:
      return internal::MakeSnappyCodec();
    case CodecId::kGzip: {
      int l = level.value_or(kGzipDefaultLevel);
      SLUICE_RETURN_NOT_OK(CheckLevel("GZIP", l, Z_NO_COMPRESSION, Z_BEST_COMPRESSION));
      return internal::MakeGzipCodec(l);
    }
    case CodecId::kBrotli: {
      int l = level.value_or(kBrotliDefaultLevel);
      SLUICE_RETURN_NOT_OK(CheckLevel("BROTLI", l, BROTLI_MIN_QUALITY, BROTLI_MAX_QUALITY));
      return internal::MakeBrotliCodec(l);
    }
    case CodecId::kLz4:
      return internal::MakeLz4HadoopCodec();
    case CodecId::kZstd: {
      int l = level.value_or(kZstdDefaultLevel);
      SLUICE_RETURN_NOT_OK(CheckLevel("ZSTD", l, ZSTD_minCLevel(), ZSTD_maxCLevel()));
      return internal::MakeZstdCodec(l);
    }
    case CodecId::kLz4Raw:
      return internal::MakeLz4RawCodec();
    case CodecId::kLzo:
      return Status::NotSupported("compression codec LZO is not supported");
  }
  return Status::NotSupported("unknown compression codec {}", static_cast<int32_t>(id));
}

namespace internal {

uint8_t* BeginAppend(Buffer* out, int64_t bound) {
  int64_t start = out->size();
  // Sized (not only reserved) so the region counts as written before the
  // library fills it; not zeroed, the codec overwrites what it uses and
  // FinishAppend shrinks the buffer back to that.
  out->ResizeUninitialized(start + bound);
  return out->mutable_data() + start;
}

void FinishAppend(Buffer* out, int64_t start_size, int64_t written) { out->Resize(start_size + written); }

}  // namespace internal

}  // namespace sluice::parquet::compression
