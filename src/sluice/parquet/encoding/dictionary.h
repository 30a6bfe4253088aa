#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"
#include "sluice/parquet/encoding/plain.h"
#include "sluice/parquet/encoding/rle_hybrid.h"

// Dictionary encoding (RLE_DICTIONARY, and the deprecated PLAIN_DICTIONARY
// which has the same data page form): the dictionary page is PLAIN-encoded;
// data pages hold one byte of bit width followed by the RLE/bit-packed hybrid
// of indices into the dictionary.
namespace sluice::parquet::encoding {

// Decodes the indices of a dictionary-encoded data page.
class DictIndexDecoder {
 public:
  // Starts decoding [data, data+size) against a dictionary of `dict_size`
  // entries. Corrupt if the bit width byte is > 32. Empty input decodes no values.
  Status Init(const uint8_t* data, int64_t size, int64_t dict_size);
  // Decodes up to n indices; returns how many (< n only at end of input).
  // Corrupt if an index is >= dict_size.
  Result<int64_t> Decode(uint32_t* out, int64_t n);
  Result<int64_t> Skip(int64_t n);

 private:
  RleBitPackedDecoder rle_;
  uint32_t dict_size_ = 0;
  bool empty_ = true;
};

// out[i] = dict[indices[i]] for i < n; indices were bounds-checked on decode.
template <typename T>
void GatherFixed(const T* dict, const uint32_t* indices, int64_t n, T* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = dict[indices[i]];
}
// As GatherFixed for FIXED_LEN_BYTE_ARRAY entries of `width` bytes.
void GatherFixedLen(const uint8_t* dict, int width, const uint32_t* indices, int64_t n, uint8_t* out);
// Appends dict[indices[i]] in Arrow layout (end offsets to `offsets`, bytes
// to `data`). OutOfRange if offsets would pass 2^31-1. When the entries'
// bytes may be read up to `readable_end` (e.g. a Buffer's padding), short
// entries are copied with one fixed-size move.
Status GatherByteArray(const std::string_view* dict, const uint32_t* indices, int64_t n, Buffer* offsets, Buffer* data,
                       const char* readable_end = nullptr);

// Appends one byte of bit width and the RLE hybrid of `indices` (the data
// page form) for a dictionary of `dict_size` entries.
void WriteDictIndices(const uint32_t* indices, int64_t n, int64_t dict_size, Buffer* out);

// Builds a dictionary of fixed-width values (int32_t, int64_t, float, double,
// Int96) and the indices of one page. Values are compared by bit pattern.
template <typename T>
class DictionaryEncoder {
 public:
  DictionaryEncoder();
  // Adds one value.
  void Put(const T& v);
  // Adds n values.
  void PutBatch(const T* v, int64_t n);
  int64_t num_entries() const { return static_cast<int64_t>(dict_.size()); }
  // Bytes of the PLAIN-encoded dictionary page.
  int64_t dict_encoded_size() const { return num_entries() * static_cast<int64_t>(sizeof(T)); }
  int64_t num_buffered_indices() const { return static_cast<int64_t>(indices_.size()); }
  // The indices added since the last WriteIndices.
  std::span<const uint32_t> buffered_indices() const { return indices_; }
  // Estimated bytes WriteIndices would append now.
  int64_t EstimatedIndicesSize() const;
  // Appends the PLAIN-encoded dictionary.
  void WriteDictPage(Buffer* out) const;
  // Appends the indices added since the last call (bit width byte + RLE) and
  // clears them; the dictionary is kept for the next page.
  void WriteIndices(Buffer* out);
  // Forgets dictionary and indices (new column chunk).
  void Reset();
  const std::vector<T>& entries() const { return dict_; }

 private:
  // The index of v, added to the dictionary when new.
  uint32_t IndexOf(const T& v);
  // Adds v as a new entry at the empty slot `slot`; returns its index.
  uint32_t Insert(const T& v, uint64_t slot);
  void Grow();
  // Integers: places the direct window over [lo, hi] (and the entries
  // already in it) when that range is small enough; else leaves it.
  void BuildDirect(T lo, T hi);

  std::vector<T> dict_;
  // Integer keys: indices of the values in [direct_base_, direct_base_ +
  // direct_.size()) in a flat table (-1: not seen yet), looked up without
  // hashing; the hash table still holds every entry.
  std::vector<int32_t> direct_;
  T direct_base_{};
  int direct_builds_ = 0;
  std::vector<uint32_t> indices_;
  // Open addressing with linear probing; keys live in the slots so a probe
  // touches one cache line.
  struct Slot {
    T value;
    int32_t index;  // -1 when empty
  };
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  RleBitPackedEncoder rle_{0};
};

extern template class DictionaryEncoder<int32_t>;
extern template class DictionaryEncoder<int64_t>;
extern template class DictionaryEncoder<float>;
extern template class DictionaryEncoder<double>;
extern template class DictionaryEncoder<Int96>;

// Builds a dictionary of BYTE_ARRAY values (fixed_width == 0) or
// FIXED_LEN_BYTE_ARRAY values of `fixed_width` bytes, and one page's indices.
class ByteArrayDictionaryEncoder {
 public:
  explicit ByteArrayDictionaryEncoder(int fixed_width = 0);
  // Adds one value (for FLBA exactly fixed_width bytes).
  void Put(std::string_view v);
  void PutBatch(std::span<const std::string_view> values);
  // Adds n values in Arrow layout (n+1 offsets).
  void PutBatch(const int32_t* offsets, const uint8_t* data, int64_t n);
  int64_t num_entries() const { return static_cast<int64_t>(ends_.size()); }
  // Bytes of the PLAIN-encoded dictionary page.
  int64_t dict_encoded_size() const;
  int64_t num_buffered_indices() const { return static_cast<int64_t>(indices_.size()); }
  // The indices added since the last WriteIndices.
  std::span<const uint32_t> buffered_indices() const { return indices_; }
  int64_t EstimatedIndicesSize() const;
  // Entry i as a view into the encoder's storage (valid until the next Put).
  std::string_view entry(int64_t i) const;
  void WriteDictPage(Buffer* out) const;
  void WriteIndices(Buffer* out);
  void Reset();

 private:
  uint32_t IndexOf(std::string_view v);
  uint32_t Insert(std::string_view v, uint64_t key, uint64_t slot);
  void Grow();

  int fixed_width_;
  Buffer bytes_;                // concatenated entries
  std::vector<uint32_t> ends_;  // end offset of each entry in bytes_
  std::vector<uint32_t> indices_;
  // Values of up to 8 bytes are keyed by their bytes packed into 64 bits
  // (with the length, an exact key: no byte comparison on a hit); longer
  // ones by their XXH3 hash, confirmed by comparing the bytes.
  struct Slot {
    uint64_t key;
    int32_t index;  // -1 when empty
    uint32_t length;
  };
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  RleBitPackedEncoder rle_{0};
};

}  // namespace sluice::parquet::encoding
