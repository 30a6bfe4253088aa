#include <cstring>

#include "sluice/parquet/compression/codec_internal.h"

namespace sluice::parquet::compression::internal {

namespace {

// UNCOMPRESSED: the page bytes are stored as they are.
class UncompressedCodec final : public Codec {
 public:
  CodecId id() const override { return CodecId::kUncompressed; }

  Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) override {
    if (in.size() != out.size()) {
      return Status::Corrupt("UNCOMPRESSED page holds {} bytes but its header says {}", in.size(), out.size());
    }
    if (!in.empty()) std::memcpy(out.data(), in.data(), in.size());
    return Status::OK();
  }

  Status Compress(std::span<const uint8_t> in, Buffer* out) override {
    out->Append(in.data(), static_cast<int64_t>(in.size()));
    return Status::OK();
  }
};

}  // namespace

std::unique_ptr<Codec> MakeUncompressedCodec() { return std::make_unique<UncompressedCodec>(); }

}  // namespace sluice::parquet::compression::internal
