#include "sluice/parquet/encoding/dictionary.h"

#define XXH_INLINE_ALL  // inline XXH3 for short keys on the per-value path
#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstring>
#include <limits>

#include "sluice/common/bit_util.h"
#include "sluice/parquet/encoding/byte_compare.h"

namespace sluice::parquet::encoding {
namespace {

constexpr int64_t kMaxOffset = std::numeric_limits<int32_t>::max();
constexpr size_t kInitialSlots = 1024;

int IndexBitWidth(int64_t dict_size) {
  return bit_util::BitWidth(static_cast<uint64_t>(dict_size > 0 ? dict_size - 1 : 0));
}

int64_t EstimateIndices(int64_t n, int64_t dict_size) {
  // Bit width byte, bit-packed groups, and a run header per 512 values.
  return 1 + 16 + bit_util::BytesForBits(n * IndexBitWidth(dict_size)) + n / 256;
}

void WriteIndicesWith(RleBitPackedEncoder* rle, const uint32_t* indices, int64_t n, int64_t dict_size, Buffer* out) {
  const int bw = IndexBitWidth(dict_size);
  out->AppendValue(static_cast<uint8_t>(bw));
  rle->Reset(bw);
  rle->PutBatch(indices, n);
  rle->Flush(out);
}

}  // namespace

Status DictIndexDecoder::Init(const uint8_t* data, int64_t size, int64_t dict_size) {
  dict_size_ = static_cast<uint32_t>(std::clamp<int64_t>(dict_size, 0, std::numeric_limits<uint32_t>::max()));
  empty_ = size <= 0;
  if (empty_) return Status::OK();
  const int bw = data[0];
  if (bw > 32) return Status::Corrupt("dictionary index bit width {} exceeds 32", bw);
  rle_.Init(data + 1, size - 1, bw);
  return Status::OK();
}

Result<int64_t> DictIndexDecoder::Decode(uint32_t* out, int64_t n) {
  if (empty_) return 0;
  auto r = rle_.DecodeBounded(out, n, dict_size_);
  if (!r.ok()) return r.status().WithContext("dictionary indices");
  return r;
}

Result<int64_t> DictIndexDecoder::Skip(int64_t n) {
  if (empty_) return 0;
  return rle_.Skip(n);
}

void GatherFixedLen(const uint8_t* dict, int width, const uint32_t* indices, int64_t n, uint8_t* out) {
  for (int64_t i = 0; i < n; ++i) {
    std::memcpy(out + i * width, dict + static_cast<int64_t>(indices[i]) * width, static_cast<size_t>(width));
  }
}

Status GatherByteArray(const std::string_view* dict, const uint32_t* indices, int64_t n, Buffer* offsets, Buffer* data,
                       const char* readable_end) {
  const int64_t offsets_start = offsets->size();
  assert(offsets_start >= 4 && "caller appends the start offset first");
  const int64_t base = bit_util::LoadLE<int32_t>(offsets->data() + offsets_start - 4);
  offsets->ResizeUninitialized(offsets_start + 4 * n);
  int32_t* out_offsets = reinterpret_cast<int32_t*>(offsets->mutable_data() + offsets_start);
  int64_t offset = base;
  for (int64_t i = 0; i < n; ++i) {
    offset += static_cast<int64_t>(dict[indices[i]].size());
    if (offset > kMaxOffset) {
      offsets->Resize(offsets_start);
      return Status::OutOfRange("BYTE_ARRAY data exceeds 2^31-1 bytes in one batch");
    }
    out_offsets[i] = static_cast<int32_t>(offset);
  }
  const int64_t data_start = data->size();
  data->ResizeUninitialized(data_start + (offset - base));
  uint8_t* d = data->mutable_data() + data_start;
  uint8_t* const end = d + (offset - base);
  // Short values: one fixed 32-byte copy when both the source (up to
  // `readable_end`) and the output have room for it; memcpy otherwise.
  for (int64_t i = 0; i < n; ++i) {
    const std::string_view v = dict[indices[i]];
    if (v.size() <= 32 && readable_end != nullptr && v.data() + 32 <= readable_end && end - d >= 32) {
      std::memcpy(d, v.data(), 32);
    } else {
      std::memcpy(d, v.data(), v.size());
    }
    d += v.size();
  }
  return Status::OK();
}

void WriteDictIndices(const uint32_t* indices, int64_t n, int64_t dict_size, Buffer* out) {
  RleBitPackedEncoder rle(0);
  WriteIndicesWith(&rle, indices, n, dict_size, out);
}

// ---- DictionaryEncoder<T> ----

namespace {

// Slot hash of a fixed-width key's bit pattern: a multiply-xorshift for keys
// up to 8 bytes (one multiply instead of XXH3's setup), XXH3 otherwise.
template <typename T>
uint64_t HashKey(const T& v) {
  if constexpr (sizeof(T) <= 8) {
    uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof(T));
    uint64_t h = bits * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29) ^ (h >> 47);
  } else {
    return XXH3_64bits(&v, sizeof(T));
  }
}

}  // namespace

template <typename T>
DictionaryEncoder<T>::DictionaryEncoder() {
  Reset();
}

template <typename T>
void DictionaryEncoder<T>::Reset() {
  dict_.clear();
  indices_.clear();
  direct_.clear();
  direct_base_ = T{};
  direct_builds_ = 0;
  slots_.assign(kInitialSlots, Slot{T{}, -1});
  mask_ = kInitialSlots - 1;
}

template <typename T>
void DictionaryEncoder<T>::Grow() {
  const size_t n = slots_.size() * 2;
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(n, Slot{T{}, -1});
  mask_ = n - 1;
  for (const Slot& s : old) {
    if (s.index == -1) continue;
    uint64_t i = HashKey(s.value) & mask_;
    while (slots_[i].index != -1) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

template <typename T>
[[gnu::always_inline]] inline uint32_t DictionaryEncoder<T>::IndexOf(const T& v) {
  uint64_t i = HashKey(v) & mask_;
  while (true) {
    const Slot& s = slots_[i];
    if (s.index == -1) return Insert(v, i);
    if (std::memcmp(&s.value, &v, sizeof(T)) == 0) return static_cast<uint32_t>(s.index);  // NaNs, -0.0: by bits
    i = (i + 1) & mask_;
  }
}

template <typename T>
uint32_t DictionaryEncoder<T>::Insert(const T& v, uint64_t slot) {
  const auto e = static_cast<int32_t>(dict_.size());
  dict_.push_back(v);
  slots_[slot] = Slot{v, e};
  if (dict_.size() * 2 > slots_.size()) Grow();
  return static_cast<uint32_t>(e);
}

template <typename T>
void DictionaryEncoder<T>::Put(const T& v) {
  indices_.push_back(IndexOf(v));
}

namespace {

// The direct window spans at most this many values (256 KiB of indices), at
// least 4x the range it is built for so that neighbours fit too.
constexpr uint64_t kMaxDirect = 1 << 16;
constexpr uint64_t kMinDirect = 1 << 10;
constexpr int kMaxDirectBuilds = 8;

}  // namespace

template <typename T>
void DictionaryEncoder<T>::BuildDirect(T lo, T hi) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    ++direct_builds_;  // attempts, bounded: a wide or drifting column stops trying
    const uint64_t range = static_cast<uint64_t>(static_cast<U>(static_cast<U>(hi) - static_cast<U>(lo))) + 1;
    if (range == 0 || range > kMaxDirect / 4) return;
    const uint64_t size = std::max(kMinDirect, std::bit_ceil(range * 4));
    // Centre the range in the window, without wrapping below the type's minimum.
    const uint64_t pad = (size - range) / 2;
    const U below = static_cast<U>(static_cast<U>(lo) - static_cast<U>(std::numeric_limits<T>::min()));
    direct_base_ = static_cast<T>(static_cast<U>(lo) - static_cast<U>(std::min<uint64_t>(pad, below)));
    // ... nor past its maximum.
    const U room = static_cast<U>(static_cast<U>(std::numeric_limits<T>::max()) - static_cast<U>(direct_base_));
    direct_.assign(static_cast<size_t>(std::min<uint64_t>(size, static_cast<uint64_t>(room) + 1)), -1);
    for (size_t e = 0; e < dict_.size(); ++e) {
      const uint64_t off = static_cast<U>(static_cast<U>(dict_[e]) - static_cast<U>(direct_base_));
      if (off < direct_.size()) direct_[off] = static_cast<int32_t>(e);
    }
  } else {
    (void)lo;
    (void)hi;
  }
}

template <typename T>
void DictionaryEncoder<T>::PutBatch(const T* v, int64_t n) {
  const size_t start = indices_.size();
  indices_.resize(start + static_cast<size_t>(n));
  uint32_t* out = indices_.data() + start;
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    if (direct_.empty() && n > 0 && direct_builds_ < kMaxDirectBuilds) {
      const auto [lo, hi] = std::minmax_element(v, v + n);
      BuildDirect(*lo, *hi);
    }
    const uint64_t size = direct_.size();
    int32_t* direct = direct_.data();
    int64_t outside = 0;
    for (int64_t i = 0; i < n; ++i) {
      const uint64_t off = static_cast<U>(static_cast<U>(v[i]) - static_cast<U>(direct_base_));
      if (off < size) {
        if (direct[off] < 0) direct[off] = static_cast<int32_t>(IndexOf(v[i]));
        out[i] = static_cast<uint32_t>(direct[off]);
      } else {
        out[i] = IndexOf(v[i]);
        ++outside;
      }
    }
    if (outside > 0 && size > 0 && direct_builds_ < kMaxDirectBuilds) {
      // Values left the window: widen it over them for the next batches.
      const auto [lo, hi] = std::minmax_element(v, v + n);
      BuildDirect(std::min(*lo, direct_base_),
                  std::max(*hi, static_cast<T>(static_cast<U>(direct_base_) + static_cast<U>(size - 1))));
    }
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = IndexOf(v[i]);
  }
}

template <typename T>
int64_t DictionaryEncoder<T>::EstimatedIndicesSize() const {
  return EstimateIndices(num_buffered_indices(), num_entries());
}

template <typename T>
void DictionaryEncoder<T>::WriteDictPage(Buffer* out) const {
  PlainEncode(dict_.data(), num_entries(), out);
}

template <typename T>
void DictionaryEncoder<T>::WriteIndices(Buffer* out) {
  WriteIndicesWith(&rle_, indices_.data(), num_buffered_indices(), num_entries(), out);
  indices_.clear();
}

template class DictionaryEncoder<int32_t>;
template class DictionaryEncoder<int64_t>;
template class DictionaryEncoder<float>;
template class DictionaryEncoder<double>;
template class DictionaryEncoder<Int96>;

// ---- ByteArrayDictionaryEncoder ----

ByteArrayDictionaryEncoder::ByteArrayDictionaryEncoder(int fixed_width) : fixed_width_(fixed_width) { Reset(); }

void ByteArrayDictionaryEncoder::Reset() {
  bytes_.Clear();
  ends_.clear();
  indices_.clear();
  slots_.assign(kInitialSlots, Slot{0, -1, 0});
  mask_ = kInitialSlots - 1;
}

std::string_view ByteArrayDictionaryEncoder::entry(int64_t i) const {
  const uint32_t start = i == 0 ? 0 : ends_[i - 1];
  return std::string_view(reinterpret_cast<const char*>(bytes_.data()) + start, ends_[i] - start);
}

namespace {

constexpr size_t kMaxPackedLength = 8;

// Packs a value of up to 8 bytes into 64 bits; with the length known this is
// one-to-one: 4..8 bytes are the first four and the last four (overlapping),
// 1..3 bytes the first, middle and last byte.
inline uint64_t PackShort(const char* p, size_t n) {
  if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    return lo | (static_cast<uint64_t>(hi) << 32);
  }
  if (n == 0) return 0;
  return static_cast<uint64_t>(static_cast<uint8_t>(p[0])) |
         (static_cast<uint64_t>(static_cast<uint8_t>(p[n >> 1])) << 8) |
         (static_cast<uint64_t>(static_cast<uint8_t>(p[n - 1])) << 16);
}

inline uint64_t KeyOf(std::string_view v) {
  return v.size() <= kMaxPackedLength ? PackShort(v.data(), v.size()) : XXH3_64bits(v.data(), v.size());
}

// Slot position of a key: the two halves of a 128-bit product folded, so
// that every key bit reaches the low bits the mask keeps.
inline uint64_t SlotHash(uint64_t key, uint32_t length) {
  const unsigned __int128 p =
      static_cast<unsigned __int128>(key ^ (length * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull;
  return static_cast<uint64_t>(p) ^ static_cast<uint64_t>(p >> 64);
}

}  // namespace

void ByteArrayDictionaryEncoder::Grow() {
  const size_t n = slots_.size() * 2;
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(n, Slot{0, -1, 0});
  mask_ = n - 1;
  for (const Slot& s : old) {
    if (s.index == -1) continue;
    uint64_t i = SlotHash(s.key, s.length) & mask_;
    while (slots_[i].index != -1) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

[[gnu::always_inline]] inline uint32_t ByteArrayDictionaryEncoder::IndexOf(std::string_view v) {
  assert(fixed_width_ == 0 || static_cast<int>(v.size()) == fixed_width_);
  const uint64_t key = KeyOf(v);
  const auto length = static_cast<uint32_t>(v.size());
  uint64_t i = SlotHash(key, length) & mask_;
  while (true) {
    const Slot& s = slots_[i];
    if (s.index == -1) return Insert(v, key, i);
    if (s.key == key && s.length == length && (length <= kMaxPackedLength || BytesEqual(entry(s.index), v))) {
      return static_cast<uint32_t>(s.index);
    }
    i = (i + 1) & mask_;
  }
}

uint32_t ByteArrayDictionaryEncoder::Insert(std::string_view v, uint64_t key, uint64_t slot) {
  const auto e = static_cast<int32_t>(ends_.size());
  bytes_.Append(v.data(), static_cast<int64_t>(v.size()));
  ends_.push_back(static_cast<uint32_t>(bytes_.size()));
  slots_[slot] = Slot{key, e, static_cast<uint32_t>(v.size())};
  if (ends_.size() * 2 > slots_.size()) Grow();
  return static_cast<uint32_t>(e);
}

void ByteArrayDictionaryEncoder::Put(std::string_view v) { indices_.push_back(IndexOf(v)); }

void ByteArrayDictionaryEncoder::PutBatch(std::span<const std::string_view> values) {
  for (auto v : values) Put(v);
}

void ByteArrayDictionaryEncoder::PutBatch(const int32_t* offsets, const uint8_t* data, int64_t n) {
  const size_t start = indices_.size();
  indices_.resize(start + static_cast<size_t>(n));
  uint32_t* out = indices_.data() + start;
  const char* d = reinterpret_cast<const char*>(data);
  for (int64_t i = 0; i < n; ++i) {
    out[i] = IndexOf(std::string_view(d + offsets[i], static_cast<size_t>(offsets[i + 1] - offsets[i])));
  }
}

int64_t ByteArrayDictionaryEncoder::dict_encoded_size() const {
  return bytes_.size() + (fixed_width_ == 0 ? 4 * num_entries() : 0);
}

int64_t ByteArrayDictionaryEncoder::EstimatedIndicesSize() const {
  return EstimateIndices(num_buffered_indices(), num_entries());
}

void ByteArrayDictionaryEncoder::WriteDictPage(Buffer* out) const {
  if (fixed_width_ != 0) {
    out->Append(bytes_.data(), bytes_.size());
    return;
  }
  out->Reserve(out->size() + dict_encoded_size());
  for (int64_t i = 0; i < num_entries(); ++i) {
    const std::string_view v = entry(i);
    out->AppendValue(static_cast<uint32_t>(v.size()));
    out->Append(v.data(), static_cast<int64_t>(v.size()));
  }
}

void ByteArrayDictionaryEncoder::WriteIndices(Buffer* out) {
  WriteIndicesWith(&rle_, indices_.data(), num_buffered_indices(), num_entries(), out);
  indices_.clear();
}

}  // namespace sluice::parquet::encoding
