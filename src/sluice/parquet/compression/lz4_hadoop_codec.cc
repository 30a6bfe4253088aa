#include <lz4.h>
#include <lz4frame.h>

#include <algorithm>

#include "sluice/parquet/compression/codec_internal.h"

namespace sluice::parquet::compression::internal {

namespace {

constexpr uint32_t kLz4FrameMagic = 0x184D2204;  // little-endian, first 4 bytes of an LZ4 frame
// Uncompressed bytes per Hadoop block we write: Hadoop's Lz4Codec reads with a
// 256 KiB buffer, so a block and its worst-case compressed form stay below it.
constexpr size_t kHadoopBlockSize = 128 * 1024;

uint32_t LoadBigEndian32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

void StoreBigEndian32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

// Returns true iff `in` is a Hadoop BlockCompressorStream whose lengths add up
// exactly and whose chunks decode into exactly `out`. Layout, repeated: 4-byte
// BE block length, then 4-byte BE chunk length + raw LZ4 chunk until the
// chunks fill the block (parquet-mr writes one chunk per block).
bool TryDecompressHadoop(std::span<const uint8_t> in, std::span<uint8_t> out) {
  size_t in_pos = 0;
  size_t out_pos = 0;
  while (in_pos < in.size()) {
    if (in.size() - in_pos < 4) return false;
    size_t block_len = LoadBigEndian32(in.data() + in_pos);
    in_pos += 4;
    if (block_len > out.size() - out_pos) return false;
    size_t block_end = out_pos + block_len;
    do {  // at least one chunk, even for an empty block
      if (in.size() - in_pos < 4) return false;
      size_t chunk_len = LoadBigEndian32(in.data() + in_pos);
      in_pos += 4;
      if (chunk_len > in.size() - in_pos || !FitsInt32(chunk_len)) return false;
      int n = LZ4_decompress_safe(reinterpret_cast<const char*>(in.data() + in_pos),
                                  reinterpret_cast<char*>(NonNullData(out)) + out_pos, static_cast<int>(chunk_len),
                                  static_cast<int>(block_end - out_pos));
      if (n < 0) return false;
      in_pos += chunk_len;
      out_pos += static_cast<size_t>(n);
    } while (out_pos < block_end);
  }
  return out_pos == out.size();
}

// LZ4 (deprecated codec). Reads the three forms writers have produced; writes
// Hadoop framing, the only one parquet-mr can read (Parquet Compression.md).
class Lz4HadoopCodec final : public Codec {
 public:
  ~Lz4HadoopCodec() override {
    if (dctx_ != nullptr) LZ4F_freeDecompressionContext(dctx_);
  }

  CodecId id() const override { return CodecId::kLz4; }

  Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) override {
    if (in.empty() && out.empty()) return Status::OK();
    if (!FitsInt32(out.size())) return Status::Corrupt("LZ4: uncompressed size {} is too large", out.size());
    // hadoop_lz4_compressed.parquet, hadoop_lz4_compressed_larger.parquet.
    if (TryDecompressHadoop(in, out)) return Status::OK();
    // Some writers used the LZ4 frame format; its magic cannot start a valid
    // Hadoop stream that also decoded above.
    if (in.size() >= 4 &&
        (uint32_t{in[0]} | uint32_t{in[1]} << 8 | uint32_t{in[2]} << 16 | uint32_t{in[3]} << 24) == kLz4FrameMagic) {
      return DecompressFrame(in, out);
    }
    // non_hadoop_lz4_compressed.parquet: old parquet-cpp wrote a bare block.
    Status st = DecompressLz4Block(in, out, "LZ4");
    if (!st.ok()) {
      return Status::Corrupt("LZ4: {} bytes are neither Hadoop-framed, an LZ4 frame nor a raw LZ4 block of {} bytes",
                             in.size(), out.size());
    }
    return st;
  }

  Status Compress(std::span<const uint8_t> in, Buffer* out) override {
    if (in.size() > static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) {
      return Status::Invalid("LZ4: input of {} bytes is too large", in.size());
    }
    size_t blocks = std::max<size_t>(1, (in.size() + kHadoopBlockSize - 1) / kHadoopBlockSize);
    int64_t bound = static_cast<int64_t>(blocks) * (8 + LZ4_compressBound(static_cast<int>(kHadoopBlockSize)));
    int64_t start = out->size();
    uint8_t* dst = BeginAppend(out, bound);
    int64_t written = 0;
    static const char kEmpty = 0;
    size_t pos = 0;
    do {  // an empty input still gets one (empty) block
      size_t len = std::min(kHadoopBlockSize, in.size() - pos);
      const char* src = len == 0 ? &kEmpty : reinterpret_cast<const char*>(in.data() + pos);
      int cap = LZ4_compressBound(static_cast<int>(len));
      int n = LZ4_compress_fast_extState(&state_, src, reinterpret_cast<char*>(dst + written + 8),
                                         static_cast<int>(len), cap, /*acceleration=*/1);
      if (n <= 0) {
        FinishAppend(out, start, 0);
        return Status::Invalid("LZ4: compression of {} bytes failed", len);
      }
      StoreBigEndian32(dst + written, static_cast<uint32_t>(len));
      StoreBigEndian32(dst + written + 4, static_cast<uint32_t>(n));
      written += 8 + n;
      pos += len;
    } while (pos < in.size());
    FinishAppend(out, start, written);
    return Status::OK();
  }

 private:
  // Decodes one or more concatenated LZ4 frames into exactly `out`.
  Status DecompressFrame(std::span<const uint8_t> in, std::span<uint8_t> out) {
    if (dctx_ == nullptr) {
      size_t r = LZ4F_createDecompressionContext(&dctx_, LZ4F_VERSION);
      if (LZ4F_isError(r)) {
        dctx_ = nullptr;
        return Status::Invalid("LZ4: cannot create a frame decoder: {}", LZ4F_getErrorName(r));
      }
    }
    uint8_t* dst = NonNullData(out);
    size_t in_pos = 0;
    size_t out_pos = 0;
    bool frame_done = false;
    while (in_pos < in.size()) {
      size_t src_size = in.size() - in_pos;
      size_t dst_size = out.size() - out_pos;
      size_t r = LZ4F_decompress(dctx_, dst + out_pos, &dst_size, in.data() + in_pos, &src_size, nullptr);
      if (LZ4F_isError(r)) {
        LZ4F_resetDecompressionContext(dctx_);
        return Status::Corrupt("LZ4: corrupt frame at input offset {}: {}", in_pos, LZ4F_getErrorName(r));
      }
      in_pos += src_size;
      out_pos += dst_size;
      frame_done = r == 0;  // the context is ready for a following frame
      if (!frame_done && src_size == 0 && dst_size == 0) {
        LZ4F_resetDecompressionContext(dctx_);
        return Status::Corrupt("LZ4: frame decodes to more than the expected {} bytes", out.size());
      }
    }
    if (!frame_done) {
      LZ4F_resetDecompressionContext(dctx_);
      return Status::Corrupt("LZ4: frame truncated after {} bytes", in.size());
    }
    if (out_pos != out.size()) {
      return Status::Corrupt("LZ4: frame decodes to {} bytes but {} were expected", out_pos, out.size());
    }
    return Status::OK();
  }

  LZ4_stream_t state_;         // compression hash table, reused across pages
  LZ4F_dctx* dctx_ = nullptr;  // frame decoder, created on first use
};

}  // namespace

std::unique_ptr<Codec> MakeLz4HadoopCodec() { return std::make_unique<Lz4HadoopCodec>(); }

}  // namespace sluice::parquet::compression::internal
