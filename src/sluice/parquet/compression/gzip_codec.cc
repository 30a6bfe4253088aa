#include <zlib.h>

#include <cstring>

#include "sluice/parquet/compression/codec_internal.h"

namespace sluice::parquet::compression::internal {

namespace {

constexpr int kWindowBits = 15;
constexpr int kAutoDetectHeader = 32;  // inflate: accept a gzip or a zlib header
constexpr int kGzipHeader = 16;        // deflate: write a gzip header and trailer

// GZIP: gzip members (RFC 1952) read back to back; raw zlib streams (RFC 1950)
// are accepted too. Both z_streams are set up on first use and reset per page.
class GzipCodec final : public Codec {
 public:
  explicit GzipCodec(int level) : level_(level) {
    std::memset(&inflater_, 0, sizeof(inflater_));
    std::memset(&deflater_, 0, sizeof(deflater_));
  }
  ~GzipCodec() override {
    if (inflater_ready_) inflateEnd(&inflater_);
    if (deflater_ready_) deflateEnd(&deflater_);
  }

  CodecId id() const override { return CodecId::kGzip; }

  Status Decompress(std::span<const uint8_t> in, std::span<uint8_t> out) override {
    if (in.empty() && out.empty()) return Status::OK();
    if (in.empty()) return Status::Corrupt("GZIP: empty stream but {} bytes were expected", out.size());
    if (!FitsInt32(in.size()) || !FitsInt32(out.size())) {
      return Status::Corrupt("GZIP: {} bytes -> {} bytes exceeds zlib's 32-bit sizes", in.size(), out.size());
    }
    if (!inflater_ready_) {
      if (inflateInit2(&inflater_, kWindowBits + kAutoDetectHeader) != Z_OK) {
        return Status::Invalid("GZIP: cannot create an inflater");
      }
      inflater_ready_ = true;
    } else if (inflateReset(&inflater_) != Z_OK) {
      return Status::Invalid("GZIP: cannot reset the inflater");
    }
    inflater_.next_in = const_cast<Bytef*>(in.data());
    inflater_.avail_in = static_cast<uInt>(in.size());
    inflater_.next_out = NonNullData(out);
    inflater_.avail_out = static_cast<uInt>(out.size());
    // concatenated_gzip_members.parquet: one page holds several gzip members,
    // so after each member ends, start the next one until input runs out.
    // inflate() returns Z_BUF_ERROR whenever it can make no progress, so the
    // loop always ends.
    while (true) {
      int ret = inflate(&inflater_, Z_NO_FLUSH);
      if (ret == Z_STREAM_END) {
        if (inflater_.avail_in == 0) break;
        if (inflateReset(&inflater_) != Z_OK) return Status::Invalid("GZIP: cannot reset the inflater");
        continue;
      }
      if (ret == Z_OK) continue;
      size_t in_offset = in.size() - inflater_.avail_in;
      if (ret == Z_BUF_ERROR) {
        if (inflater_.avail_out == 0) {
          return Status::Corrupt("GZIP: stream decodes to more than the expected {} bytes (input offset {})",
                                 out.size(), in_offset);
        }
        return Status::Corrupt("GZIP: stream of {} bytes is truncated ({} of {} bytes decoded)", in.size(),
                               out.size() - inflater_.avail_out, out.size());
      }
      return Status::Corrupt("GZIP: corrupt stream at input offset {}: {}", in_offset,
                             inflater_.msg != nullptr ? inflater_.msg : zError(ret));
    }
    if (inflater_.avail_out != 0) {
      return Status::Corrupt("GZIP: stream decodes to {} bytes but {} were expected", out.size() - inflater_.avail_out,
                             out.size());
    }
    return Status::OK();
  }

  Status Compress(std::span<const uint8_t> in, Buffer* out) override {
    if (!FitsInt32(in.size())) return Status::Invalid("GZIP: input of {} bytes is too large", in.size());
    if (!deflater_ready_) {
      if (deflateInit2(&deflater_, level_, Z_DEFLATED, kWindowBits + kGzipHeader, /*memLevel=*/8, Z_DEFAULT_STRATEGY) !=
          Z_OK) {
        return Status::Invalid("GZIP: cannot create a deflater at level {}", level_);
      }
      deflater_ready_ = true;
    } else if (deflateReset(&deflater_) != Z_OK) {
      return Status::Invalid("GZIP: cannot reset the deflater");
    }
    uLong bound = deflateBound(&deflater_, static_cast<uLong>(in.size()));
    int64_t start = out->size();
    uint8_t* dst = BeginAppend(out, static_cast<int64_t>(bound));
    static const Bytef kEmpty = 0;
    deflater_.next_in = in.empty() ? const_cast<Bytef*>(&kEmpty) : const_cast<Bytef*>(in.data());
    deflater_.avail_in = static_cast<uInt>(in.size());
    deflater_.next_out = dst;
    deflater_.avail_out = static_cast<uInt>(bound);
    // deflateBound guarantees a single Z_FINISH call completes the stream.
    int ret = deflate(&deflater_, Z_FINISH);
    if (ret != Z_STREAM_END) {
      FinishAppend(out, start, 0);
      return Status::Invalid("GZIP: compression of {} bytes failed: {}", in.size(), zError(ret));
    }
    FinishAppend(out, start, static_cast<int64_t>(bound - deflater_.avail_out));
    return Status::OK();
  }

 private:
  int level_;
  z_stream inflater_;
  z_stream deflater_;
  bool inflater_ready_ = false;
  bool deflater_ready_ = false;
};

}  // namespace

std::unique_ptr<Codec> MakeGzipCodec(int level) { return std::make_unique<GzipCodec>(level); }

}  // namespace sluice::parquet::compression::internal
