#include "sluice/parquet/column/value_encoder.h"

#include <limits>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "sluice/common/bit_util.h"
#include "sluice/parquet/encoding/dictionary.h"
#include "sluice/parquet/encoding/plain.h"
#include "sluice/parquet/encoding/rle_hybrid.h"

namespace sluice::parquet {
namespace {

using format::Encoding;

// How one physical type feeds the dictionary and PLAIN encoders.
template <typename T>
struct FixedTraits {
  using Dict = encoding::DictionaryEncoder<T>;
  static constexpr bool kStatsFromDictionary = false;  // min/max of numbers is cheaper than the detour
  static Dict MakeDict(int /*width*/) { return Dict(); }
  static void PutDict(Dict* d, const PhysicalValues& v, int64_t off, int64_t n) {
    d->PutBatch(reinterpret_cast<const T*>(v.fixed) + off, n);
  }
  static void PutPlain(const PhysicalValues& v, int64_t off, int64_t n, Buffer* out) {
    encoding::PlainEncode(reinterpret_cast<const T*>(v.fixed) + off, n, out);
  }
  static int64_t PlainBytes(const PhysicalValues& /*v*/, int64_t /*off*/, int64_t n) {
    return n * static_cast<int64_t>(sizeof(T));
  }
  static void DictToPlain(const Dict& d, std::span<const uint32_t> idx, Buffer* out) {
    const auto n = static_cast<int64_t>(idx.size());
    const int64_t start = out->size();
    out->ResizeUninitialized(start + n * static_cast<int64_t>(sizeof(T)));
    encoding::GatherFixed(d.entries().data(), idx.data(), n, reinterpret_cast<T*>(out->mutable_data() + start));
  }
};

struct ByteArrayTraits {
  using Dict = encoding::ByteArrayDictionaryEncoder;
  static constexpr bool kStatsFromDictionary = true;
  // Adds entries [first, first+n) (consecutive in the dictionary's storage)
  // to `stats`: offsets are built in `scratch`, cut where they would pass
  // 2^31-1.
  static void UpdateStats(const Dict& d, int64_t first, int64_t n, std::vector<int32_t>* scratch,
                          ColumnStatistics* stats) {
    while (n > 0) {
      const char* base = d.entry(first).data();
      scratch->assign(1, 0);
      int64_t k = 0;
      for (; k < n; ++k) {
        const int64_t end = scratch->back() + static_cast<int64_t>(d.entry(first + k).size());
        if (end > std::numeric_limits<int32_t>::max() && k > 0) break;
        scratch->push_back(static_cast<int32_t>(end));
      }
      PhysicalValues pv;
      pv.offsets = scratch->data();
      pv.data = reinterpret_cast<const uint8_t*>(base);
      pv.num_values = k;
      stats->Update(pv, 0, k);
      first += k;
      n -= k;
    }
  }
  static Dict MakeDict(int /*width*/) { return Dict(0); }
  static void PutDict(Dict* d, const PhysicalValues& v, int64_t off, int64_t n) {
    d->PutBatch(v.offsets + off, v.data, n);
  }
  static void PutPlain(const PhysicalValues& v, int64_t off, int64_t n, Buffer* out) {
    encoding::PlainEncodeByteArray(v.offsets + off, v.data, n, out);
  }
  static int64_t PlainBytes(const PhysicalValues& v, int64_t off, int64_t n) {
    return 4 * n + (v.offsets[off + n] - v.offsets[off]);
  }
  static void DictToPlain(const Dict& d, std::span<const uint32_t> idx, Buffer* out) {
    for (const uint32_t i : idx) {
      const std::string_view e = d.entry(i);
      out->AppendValue(static_cast<uint32_t>(e.size()));
      out->Append(e.data(), static_cast<int64_t>(e.size()));
    }
  }
};

struct FixedLenTraits {
  using Dict = encoding::ByteArrayDictionaryEncoder;
  static constexpr bool kStatsFromDictionary = true;
  static void UpdateStats(const Dict& d, int64_t first, int64_t n, std::vector<int32_t>* /*scratch*/,
                          ColumnStatistics* stats) {
    PhysicalValues pv;
    pv.fixed = reinterpret_cast<const uint8_t*>(d.entry(first).data());
    pv.width = static_cast<int>(d.entry(first).size());
    pv.num_values = n;
    stats->Update(pv, 0, n);
  }
  static Dict MakeDict(int width) { return Dict(width); }
  static void PutDict(Dict* d, const PhysicalValues& v, int64_t off, int64_t n) {
    const char* p = reinterpret_cast<const char*>(v.fixed) + off * v.width;
    for (int64_t i = 0; i < n; ++i) d->Put(std::string_view(p + i * v.width, static_cast<size_t>(v.width)));
  }
  static void PutPlain(const PhysicalValues& v, int64_t off, int64_t n, Buffer* out) {
    encoding::PlainEncodeFixedLen(v.fixed + off * v.width, n, v.width, out);
  }
  static int64_t PlainBytes(const PhysicalValues& v, int64_t /*off*/, int64_t n) { return n * v.width; }
  static void DictToPlain(const Dict& d, std::span<const uint32_t> idx, Buffer* out) {
    for (const uint32_t i : idx) {
      const std::string_view e = d.entry(i);
      out->Append(e.data(), static_cast<int64_t>(e.size()));
    }
  }
};

// Dictionary first (when enabled), PLAIN after a fallback or when disabled.
template <typename Traits>
class TypedValueEncoder final : public ValueEncoder {
 public:
  TypedValueEncoder(bool dictionary, int width, int64_t dict_limit)
      : dict_(Traits::MakeDict(width)), dict_active_(dictionary), dict_limit_(dict_limit) {}

  void Put(const PhysicalValues& v, int64_t offset, int64_t n) override {
    if (n <= 0) return;
    if (dict_active_) {
      Traits::PutDict(&dict_, v, offset, n);
      page_plain_bytes_ += Traits::PlainBytes(v, offset, n);
    } else {
      Traits::PutPlain(v, offset, n, &plain_);
    }
  }
  int64_t EstimatedPageSize() const override { return dict_active_ ? dict_.EstimatedIndicesSize() : plain_.size(); }
  Encoding page_encoding() const override { return dict_active_ ? Encoding::RLE_DICTIONARY : Encoding::PLAIN; }
  void FlushPage(Buffer* out) override {
    page_plain_bytes_ = 0;
    if (dict_active_) {
      dict_.WriteIndices(out);
    } else if (out->size() == 0) {
      std::swap(*out, plain_);  // hand the page over without copying
      plain_.Clear();
    } else {
      out->Append(plain_.data(), plain_.size());
      plain_.Clear();
    }
  }
  bool dictionary_active() const override { return dict_active_; }
  bool ShouldFallBack() const override { return dict_active_ && dict_.dict_encoded_size() > dict_limit_; }
  int64_t dictionary_entries() const override { return dict_.num_entries(); }
  int64_t dictionary_size() const override { return dict_.dict_encoded_size(); }
  void WriteDictionary(Buffer* out) const override { dict_.WriteDictPage(out); }
  void FallBackToPlain() override {
    dict_active_ = false;
    dict_.Reset();
  }
  bool DictionaryPays() const override {
    return !dict_active_ || dict_.EstimatedIndicesSize() + dict_.dict_encoded_size() < page_plain_bytes_;
  }
  bool page_stats_from_dictionary() const override { return Traits::kStatsFromDictionary && dict_active_; }
  void AddPageStatistics(ColumnStatistics* stats) override {
    if constexpr (Traits::kStatsFromDictionary) {
      // Mark the entries the page uses; runs of marked entries lie one after
      // another in the dictionary's storage and go to the statistics at once.
      const int64_t entries = dict_.num_entries();
      seen_.assign(static_cast<size_t>(entries), 0);
      for (const uint32_t i : dict_.buffered_indices()) seen_[i] = 1;
      for (int64_t i = 0; i < entries;) {
        if (!seen_[i]) {
          ++i;
          continue;
        }
        int64_t j = i + 1;
        while (j < entries && seen_[j]) ++j;
        Traits::UpdateStats(dict_, i, j - i, &offsets_scratch_, stats);
        i = j;
      }
    } else {
      (void)stats;
    }
  }
  void PageToPlain() override {
    if (!dict_active_) return;
    plain_.Clear();
    Traits::DictToPlain(dict_, dict_.buffered_indices(), &plain_);
    FallBackToPlain();
  }

 private:
  typename Traits::Dict dict_;
  int64_t page_plain_bytes_ = 0;  // PLAIN size of the open page's values (dictionary pages)
  std::vector<uint8_t> seen_;     // scratch of AddPageStatistics: entries the page uses
  std::vector<int32_t> offsets_scratch_;
  bool dict_active_;
  int64_t dict_limit_;
  Buffer plain_;
};

// BOOLEAN in v1 pages: PLAIN bits.
class PlainBoolEncoder final : public ValueEncoder {
 public:
  void Put(const PhysicalValues& v, int64_t offset, int64_t n) override {
    if (n > 0) enc_.PutBitmap(v.bits, offset, n);
  }
  int64_t EstimatedPageSize() const override { return enc_.EstimatedSize(); }
  Encoding page_encoding() const override { return Encoding::PLAIN; }
  void FlushPage(Buffer* out) override { enc_.Flush(out); }

 private:
  encoding::PlainBooleanEncoder enc_;
};

// BOOLEAN in v2 pages: RLE, bit width 1, with a 4-byte length prefix
// (Encodings.md "RLE": the prefix is present for boolean data values).
class RleBoolEncoder final : public ValueEncoder {
 public:
  RleBoolEncoder() : enc_(1) {}
  void Put(const PhysicalValues& v, int64_t offset, int64_t n) override {
    constexpr int64_t kChunk = 1024;
    for (int64_t done = 0; done < n; done += kChunk) {
      const int64_t m = std::min(kChunk, n - done);
      for (int64_t i = 0; i < m; ++i) scratch_[i] = bit_util::GetBit(v.bits, offset + done + i);
      enc_.PutBatch(scratch_, m);
    }
  }
  int64_t EstimatedPageSize() const override { return 4 + enc_.EstimatedSize(); }
  Encoding page_encoding() const override { return Encoding::RLE; }
  void FlushPage(Buffer* out) override {
    const int64_t start = out->size();
    out->AppendValue<uint32_t>(0);
    enc_.Flush(out);
    bit_util::StoreLE<uint32_t>(out->mutable_data() + start, static_cast<uint32_t>(out->size() - start - 4));
  }

 private:
  encoding::RleBitPackedEncoder enc_;
  uint32_t scratch_[1024];
};

}  // namespace

Result<std::unique_ptr<ValueEncoder>> ValueEncoder::Make(const LeafColumn& leaf, const WriterOptions& options) {
  const bool dict = options.dictionary;
  const int64_t limit = options.dictionary_page_bytes;
  switch (leaf.physical_type) {
    case format::Type::BOOLEAN:
      if (options.data_page_version == 2) return std::unique_ptr<ValueEncoder>(new RleBoolEncoder());
      return std::unique_ptr<ValueEncoder>(new PlainBoolEncoder());
    case format::Type::INT32:
      return std::unique_ptr<ValueEncoder>(new TypedValueEncoder<FixedTraits<int32_t>>(dict, 0, limit));
    case format::Type::INT64:
      return std::unique_ptr<ValueEncoder>(new TypedValueEncoder<FixedTraits<int64_t>>(dict, 0, limit));
    case format::Type::FLOAT:
      return std::unique_ptr<ValueEncoder>(new TypedValueEncoder<FixedTraits<float>>(dict, 0, limit));
    case format::Type::DOUBLE:
      return std::unique_ptr<ValueEncoder>(new TypedValueEncoder<FixedTraits<double>>(dict, 0, limit));
    case format::Type::BYTE_ARRAY:
      return std::unique_ptr<ValueEncoder>(new TypedValueEncoder<ByteArrayTraits>(dict, 0, limit));
    case format::Type::FIXED_LEN_BYTE_ARRAY:
      if (leaf.type_length <= 0) return Status::Invalid("FIXED_LEN_BYTE_ARRAY column with width {}", leaf.type_length);
      return std::unique_ptr<ValueEncoder>(new TypedValueEncoder<FixedLenTraits>(dict, leaf.type_length, limit));
    default:
      return Status::NotSupported("writing physical type {} is not supported", static_cast<int>(leaf.physical_type));
  }
}

}  // namespace sluice::parquet
