#include <zstd.h>

#include "sluice/parquet/compression/codec_internal.h"

namespace sluice::parquet::compression::internal {

namespace {

// ZSTD: one or more zstd frames (skippable frames allowed). Contexts are
// created on first use and reused for every later page.
class ZstdCodec final : public Codec {
 public:
  explicit ZstdCodec(int level) : level_(level) {}
  ~ZstdCodec() override {
    ZSTD_freeDCtx(dctx_);  // both accept nullptr
    ZSTD_freeCCtx(cctx_);
  }

  CodecId id() const override { return CodecId::kZstd; }

  Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) override {
    if (in.empty() && out.empty()) return Status::OK();
    if (dctx_ == nullptr) {
      dctx_ = ZSTD_createDCtx();
      if (dctx_ == nullptr) return Status::Invalid("ZSTD: cannot create a decompression context");
    }
    // Handles frames without a content size and frames that decode to 0
    // bytes (page_v2_empty_compressed.parquet); fails on trailing garbage and
    // when the output would exceed `out`.
    size_t n = ZSTD_decompressDCtx(dctx_, NonNullData(out), out.size(), in.data(), in.size());
    if (ZSTD_isError(n)) {
      return Status::Corrupt("ZSTD: cannot decode {} bytes into {} bytes: {}", in.size(), out.size(),
                             ZSTD_getErrorName(n));
    }
    if (n != out.size()) {
      return Status::Corrupt("ZSTD: stream decodes to {} bytes but {} were expected", n, out.size());
    }
    return Status::OK();
  }

  Status Compress(std::span<const uint8_t> in, Buffer* out) override {
    if (cctx_ == nullptr) {
      cctx_ = ZSTD_createCCtx();
      if (cctx_ == nullptr) return Status::Invalid("ZSTD: cannot create a compression context");
      size_t r = ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, level_);
      if (ZSTD_isError(r)) return Status::Invalid("ZSTD: level {}: {}", level_, ZSTD_getErrorName(r));
    }
    size_t bound = ZSTD_compressBound(in.size());
    int64_t start = out->size();
    uint8_t* dst = BeginAppend(out, static_cast<int64_t>(bound));
    // ZSTD_compress2 records the content size in the frame header.
    size_t n = ZSTD_compress2(cctx_, dst, bound, in.data(), in.size());
    if (ZSTD_isError(n)) {
      FinishAppend(out, start, 0);
      return Status::Invalid("ZSTD: compression of {} bytes failed: {}", in.size(), ZSTD_getErrorName(n));
    }
    FinishAppend(out, start, static_cast<int64_t>(n));
    return Status::OK();
  }

 private:
  int level_;
  ZSTD_DCtx* dctx_ = nullptr;
  ZSTD_CCtx* cctx_ = nullptr;
};

}  // namespace

std::unique_ptr<Codec> MakeZstdCodec(int level) { return std::make_unique<ZstdCodec>(level); }

}  // namespace sluice::parquet::compression::internal
