#include <snappy-c.h>

#include "sluice/parquet/compression/codec_internal.h"

namespace sluice::parquet::compression::internal {

namespace {

// SNAPPY: a raw snappy stream (varint uncompressed length, then elements), no
// framing. Snappy keeps no state between calls, so there is nothing to reuse.
class SnappyCodec final : public Codec {
 public:
  CodecId id() const override { return CodecId::kSnappy; }

  Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) override {
    // datapage_v2_empty_datapage.snappy.parquet: 0 data bytes, no stream at all.
    if (in.empty() && out.empty()) return Status::OK();
    const auto* src = reinterpret_cast<const char*>(in.data());
    size_t stated = 0;
    if (snappy_uncompressed_length(src, in.size(), &stated) != SNAPPY_OK) {
      return Status::Corrupt("SNAPPY: stream of {} bytes has no valid length prefix", in.size());
    }
    if (stated != out.size()) {
      return Status::Corrupt("SNAPPY: stream decodes to {} bytes but the page header says {}", stated, out.size());
    }
    size_t written = out.size();
    // snappy_uncompress validates every element against both ends and fails
    // unless the input is consumed exactly, so trailing bytes are caught too.
    if (snappy_uncompress(src, in.size(), reinterpret_cast<char*>(NonNullData(out)), &written) != SNAPPY_OK ||
        written != out.size()) {
      return Status::Corrupt("SNAPPY: corrupt or truncated stream of {} bytes (expected {} bytes out)", in.size(),
                             out.size());
    }
    return Status::OK();
  }

  Status Compress(std::span<const uint8_t> in, Buffer* out) override {
    if (!FitsInt32(in.size())) return Status::Invalid("SNAPPY: input of {} bytes is too large", in.size());
    size_t bound = snappy_max_compressed_length(in.size());
    int64_t start = out->size();
    uint8_t* dst = BeginAppend(out, static_cast<int64_t>(bound));
    size_t written = bound;
    static const char kEmpty = 0;
    const char* src = in.empty() ? &kEmpty : reinterpret_cast<const char*>(in.data());
    if (snappy_compress(src, in.size(), reinterpret_cast<char*>(dst), &written) != SNAPPY_OK) {
      FinishAppend(out, start, 0);
      return Status::Invalid("SNAPPY: compression of {} bytes failed", in.size());
    }
    FinishAppend(out, start, static_cast<int64_t>(written));
    return Status::OK();
  }
};

}  // namespace

std::unique_ptr<Codec> MakeSnappyCodec() { return std::make_unique<SnappyCodec>(); }

}  // namespace sluice::parquet::compression::internal
