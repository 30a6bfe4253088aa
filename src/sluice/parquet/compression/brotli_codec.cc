#include <brotli/decode.h>
#include <brotli/encode.h>

#include "sluice/parquet/compression/codec_internal.h"

namespace sluice::parquet::compression::internal {

namespace {

// BROTLI: one brotli stream. The brotli decoder has no reset call, so each
// page gets a fresh decoder instance; brotli pages are rare and slow anyway.
class BrotliCodec final : public Codec {
 public:
  explicit BrotliCodec(int quality) : quality_(quality) {}

  CodecId id() const override { return CodecId::kBrotli; }

  Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) override {
    if (in.empty() && out.empty()) return Status::OK();
    BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    if (state == nullptr) return Status::Invalid("BROTLI: cannot create a decoder");
    size_t avail_in = in.size();
    const uint8_t* next_in = in.data();
    size_t avail_out = out.size();
    uint8_t* next_out = NonNullData(out);
    BrotliDecoderResult r =
        BrotliDecoderDecompressStream(state, &avail_in, &next_in, &avail_out, &next_out, /*total_out=*/nullptr);
    BrotliDecoderErrorCode error = BrotliDecoderGetErrorCode(state);
    BrotliDecoderDestroyInstance(state);
    switch (r) {
      case BROTLI_DECODER_RESULT_SUCCESS:
        break;
      case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
        return Status::Corrupt("BROTLI: stream of {} bytes is truncated", in.size());
      case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
        return Status::Corrupt("BROTLI: stream decodes to more than the expected {} bytes", out.size());
      default:
        return Status::Corrupt("BROTLI: corrupt stream at input offset {}: {}", in.size() - avail_in,
                               BrotliDecoderErrorString(error));
    }
    if (avail_in != 0) {
      return Status::Corrupt("BROTLI: {} bytes trail the stream at input offset {}", avail_in, in.size() - avail_in);
    }
    if (avail_out != 0) {
      return Status::Corrupt("BROTLI: stream decodes to {} bytes but {} were expected", out.size() - avail_out,
                             out.size());
    }
    return Status::OK();
  }

  Status Compress(std::span<const uint8_t> in, Buffer* out) override {
    size_t bound = BrotliEncoderMaxCompressedSize(in.size());
    if (bound == 0) return Status::Invalid("BROTLI: input of {} bytes is too large", in.size());
    int64_t start = out->size();
    uint8_t* dst = BeginAppend(out, static_cast<int64_t>(bound));
    size_t written = bound;
    static const uint8_t kEmpty = 0;
    const uint8_t* src = in.empty() ? &kEmpty : in.data();
    if (!BrotliEncoderCompress(quality_, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, in.size(), src, &written, dst)) {
      FinishAppend(out, start, 0);
      return Status::Invalid("BROTLI: compression of {} bytes failed", in.size());
    }
    FinishAppend(out, start, static_cast<int64_t>(written));
    return Status::OK();
  }

 private:
  int quality_;
};

}  // namespace

std::unique_ptr<Codec> MakeBrotliCodec(int quality) { return std::make_unique<BrotliCodec>(quality); }

}  // namespace sluice::parquet::compression::internal
