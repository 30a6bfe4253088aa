#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"
#include "sluice/parquet/column/leaf_data.h"
#include "sluice/parquet/encoding/byte_stream_split.h"
#include "sluice/parquet/encoding/delta_binary_packed.h"
#include "sluice/parquet/encoding/delta_byte_array.h"
#include "sluice/parquet/encoding/delta_length_byte_array.h"
#include "sluice/parquet/encoding/dictionary.h"
#include "sluice/parquet/encoding/plain.h"
#include "sluice/parquet/encoding/rle_hybrid.h"
#include "sluice/parquet/format/parquet_types.h"
#include "sluice/parquet/schema/schema_descriptor.h"

namespace sluice::parquet {

// How physical values become values of the leaf's Arrow type.
enum class OutputKind {
  kNull,           // null type: no values
  kBool,           // bitmap
  kDirect,         // same bytes (int32->int32/date32/..., FLBA->fixed_size_binary/float16)
  kNarrow8,        // INT32 -> int8/uint8 (low bits)
  kNarrow16,       // INT32 -> int16/uint16 (low bits)
  kInt96,          // INT96 -> timestamp
  kInt32Decimal,   // INT32 -> decimal128
  kInt64Decimal,   // INT64 -> decimal128
  kFixedDecimal,   // FLBA big endian -> decimal128
  kBinaryDecimal,  // BYTE_ARRAY big endian -> decimal128
  kBinary,         // BYTE_ARRAY -> offsets + data
};

// The conversion of one leaf, decided once per column.
struct ValueLayout {
  OutputKind kind = OutputKind::kDirect;
  format::Type physical = format::Type::INT32;
  int physical_width = 0;       // bytes per physical value (0 for BOOLEAN, BYTE_ARRAY)
  int out_width = 0;            // bytes per output value (0 for bool, binary, null)
  uint64_t units_per_day = 0;   // kInt96
  uint64_t nanos_per_unit = 1;  // kInt96
};

// Returns the layout converting `leaf`'s physical type into leaf.type;
// NotSupported for pairs sluice does not read.
Result<ValueLayout> ResolveValueLayout(const LeafColumn& leaf);

// Decodes the values of the pages of one column chunk into LeafData buffers,
// converting while decoding. Dispatches on encoding once per page and on the
// output kind once per batch.
class ValueDecoder {
 public:
  // Prepares for `leaf`; `what` names file and column in errors.
  Status Init(const LeafColumn& leaf, std::string what);
  // Decodes a PLAIN dictionary page of `num_entries` entries and keeps it (converted) for the chunk.
  Status SetDictionary(const uint8_t* data, int64_t size, int64_t num_entries, int64_t page_offset);
  // Starts the values section [data, data+size) of a data page with `encoding`.
  // NotSupported for an encoding sluice does not implement; Corrupt for a
  // dictionary encoding without a dictionary page.
  // `max_values` bounds how many values the page may hold (its level count).
  Status StartPage(format::Encoding encoding, const uint8_t* data, int64_t size, int64_t page_offset,
                   int64_t max_values = INT32_MAX);
  // Puts the leading 0 offset into an empty binary output.
  void PrepareOutput(LeafData* out) const;
  // Appends the next n values of the page to out->values / out->data; `index`
  // is the value index of the first one (out->num_values; the caller advances
  // num_values). Corrupt if the page holds fewer than n values.
  Status Decode(int64_t n, int64_t index, LeafData* out);

  const ValueLayout& layout() const { return layout_; }

 private:
  Status DecodeBatch(int64_t n, int64_t index, LeafData* out);
  Status DecodeFixedPhysical(uint8_t* dst, int64_t n);
  Status DecodeBinaryArrow(Buffer* offsets, Buffer* data, int64_t n);
  Status DecodeBinaryViews(std::string_view* dst, int64_t n);
  Status DecodeBool(uint8_t* bits, int64_t offset, int64_t n);
  Status GatherDict(int64_t n, int64_t index, LeafData* out);
  Status Context(const Status& st) const;
  Status Short(int64_t got, int64_t want) const;
  uint8_t* Scratch(int64_t bytes);

  std::string what_;
  ValueLayout layout_;
  int64_t page_offset_ = 0;
  format::Encoding encoding_ = format::Encoding::PLAIN;
  bool dict_page_ = false;  // the current page is dictionary-encoded

  encoding::PlainFixedLenDecoder plain_fixed_;
  const uint8_t* plain_data_ = nullptr;  // PLAIN fixed-width values not yet read
  int64_t plain_left_ = 0;
  encoding::PlainBooleanDecoder plain_bool_;
  encoding::PlainByteArrayDecoder plain_binary_;
  encoding::RleBitPackedDecoder rle_bool_;
  encoding::ByteStreamSplitDecoder bss_;
  encoding::DeltaBinaryPackedDecoder<int32_t> delta32_;
  encoding::DeltaBinaryPackedDecoder<int64_t> delta64_;
  encoding::DeltaLengthByteArrayDecoder delta_length_;
  encoding::DeltaByteArrayDecoder delta_bytes_;
  encoding::DictIndexDecoder dict_indices_;

  // The dictionary in output form: fixed-width values, or views into dict_data_.
  bool has_dict_ = false;
  int64_t dict_size_ = 0;
  LeafData dict_;
  std::vector<std::string_view> dict_views_;

  Buffer scratch_;          // physical values before conversion
  Buffer scratch_offsets_;  // DELTA_BYTE_ARRAY into views
  Buffer scratch_data_;
  Buffer indices_;
  std::vector<std::string_view> views_;
};

}  // namespace sluice::parquet
