#include <lz4.h>

#include "sluice/parquet/compression/codec_internal.h"

namespace sluice::parquet::compression::internal {

Status DecompressLz4Block(std::span<const uint8_t> in, std::span<uint8_t> out, const char* what) {
  if (!FitsInt32(in.size()) || !FitsInt32(out.size())) {
    return Status::Corrupt("{}: block of {} bytes -> {} bytes exceeds the LZ4 size limit", what, in.size(), out.size());
  }
  // LZ4_decompress_safe never reads or writes out of bounds and fails unless
  // the block's last literals end exactly at the end of `in`.
  int n = LZ4_decompress_safe(reinterpret_cast<const char*>(in.data()), reinterpret_cast<char*>(NonNullData(out)),
                              static_cast<int>(in.size()), static_cast<int>(out.size()));
  if (n < 0) {
    return Status::Corrupt("{}: corrupt or truncated block of {} bytes (expected {} bytes out)", what, in.size(),
                           out.size());
  }
  if (static_cast<size_t>(n) != out.size()) {
    return Status::Corrupt("{}: block decodes to {} bytes but {} were expected", what, n, out.size());
  }
  return Status::OK();
}

namespace {

// LZ4_RAW: one raw LZ4 block, no framing (Parquet spec, Compression.md).
class Lz4RawCodec final : public Codec {
 public:
  CodecId id() const override { return CodecId::kLz4Raw; }

  Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) override {
    if (in.empty() && out.empty()) return Status::OK();
    return DecompressLz4Block(in, out, "LZ4_RAW");
  }

  Status Compress(std::span<const uint8_t> in, Buffer* out) override {
    if (in.size() > static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) {
      return Status::Invalid("LZ4_RAW: input of {} bytes is too large", in.size());
    }
    int src_size = static_cast<int>(in.size());
    int bound = LZ4_compressBound(src_size);
    int64_t start = out->size();
    uint8_t* dst = BeginAppend(out, bound);
    // The extState variant reuses our state instead of a 16 KiB stack table.
    static const char kEmpty = 0;
    const char* src = in.empty() ? &kEmpty : reinterpret_cast<const char*>(in.data());
    int n = LZ4_compress_fast_extState(&state_, src, reinterpret_cast<char*>(dst), src_size, bound, /*acceleration=*/1);
    if (n <= 0) {
      FinishAppend(out, start, 0);
      return Status::Invalid("LZ4_RAW: compression of {} bytes failed", in.size());
    }
    FinishAppend(out, start, n);
    return Status::OK();
  }

 private:
  LZ4_stream_t state_;  // LZ4 hash table, reused across pages
};

}  // namespace

std::unique_ptr<Codec> MakeLz4RawCodec() { return std::make_unique<Lz4RawCodec>(); }

}  // namespace sluice::parquet::compression::internal
