#include "sluice/parquet/column/value_decoder.h"

#include <algorithm>

#include "sluice/common/bit_util.h"
#include "sluice/parquet/column/physical_convert.h"

namespace sluice::parquet {

namespace {

using format::Encoding;
using format::Type;

// Values decoded per step: bounds scratch and output growth when a tiny
// page claims a huge count.
constexpr int64_t kMaxBatch = 1 << 16;

std::string_view EncodingName(Encoding e) {
  switch (e) {
    case Encoding::PLAIN:
      return "PLAIN";
    case Encoding::PLAIN_DICTIONARY:
      return "PLAIN_DICTIONARY";
    case Encoding::RLE:
      return "RLE";
    case Encoding::BIT_PACKED:
      return "BIT_PACKED";
    case Encoding::DELTA_BINARY_PACKED:
      return "DELTA_BINARY_PACKED";
    case Encoding::DELTA_LENGTH_BYTE_ARRAY:
      return "DELTA_LENGTH_BYTE_ARRAY";
    case Encoding::DELTA_BYTE_ARRAY:
      return "DELTA_BYTE_ARRAY";
    case Encoding::RLE_DICTIONARY:
      return "RLE_DICTIONARY";
    case Encoding::BYTE_STREAM_SPLIT:
      return "BYTE_STREAM_SPLIT";
  }
  return "UNKNOWN";
}

struct U128 {
  uint64_t lo, hi;
};

// Grows `b` by `bytes` and returns where they start.
uint8_t* Grow(Buffer* b, int64_t bytes) {
  const int64_t old = b->size();
  b->ResizeUninitialized(old + bytes);
  return b->mutable_data() + old;
}

}  // namespace

Status ValueDecoder::Init(const LeafColumn& leaf, std::string what) {
  what_ = std::move(what);
  SLUICE_ASSIGN_OR_RETURN(layout_, ResolveValueLayout(leaf));
  return Status::OK();
}

Status ValueDecoder::Context(const Status& st) const {
  if (st.ok()) return st;
  return st.WithContext(fmt::format("{}: page at offset {}", what_, page_offset_));
}

Status ValueDecoder::Short(int64_t got, int64_t want) const {
  return Status::Corrupt("{}: page at offset {} holds fewer values than its levels need ({} of {}, {})", what_,
                         page_offset_, got, want, EncodingName(encoding_));
}

uint8_t* ValueDecoder::Scratch(int64_t bytes) {
  if (scratch_.size() < bytes) scratch_.ResizeUninitialized(bytes);
  return scratch_.mutable_data();
}

void ValueDecoder::PrepareOutput(LeafData* out) const {
  if (layout_.kind == OutputKind::kBinary && out->values->size() == 0) out->values->AppendValue<int32_t>(0);
}

Status ValueDecoder::StartPage(Encoding encoding, const uint8_t* data, int64_t size, int64_t page_offset,
                               int64_t max_values) {
  page_offset_ = page_offset;
  encoding_ = encoding;
  dict_page_ = false;
  if (layout_.kind == OutputKind::kNull) return Status::OK();
  const Type p = layout_.physical;
  switch (encoding) {
    case Encoding::PLAIN_DICTIONARY:
    case Encoding::RLE_DICTIONARY:
      if (!has_dict_) {
        return Status::Corrupt("{}: data page at offset {} is dictionary-encoded but the chunk has no dictionary page",
                               what_, page_offset);
      }
      dict_page_ = true;
      return Context(dict_indices_.Init(data, size, dict_size_));
    case Encoding::PLAIN:
      if (p == Type::BOOLEAN) {
        plain_bool_.Init(data, size);
      } else if (p == Type::BYTE_ARRAY) {
        plain_binary_.Init(data, size);
      } else {
        plain_fixed_.Init(data, size, layout_.physical_width);
        plain_data_ = data;
        plain_left_ = size / layout_.physical_width;
      }
      return Status::OK();
    case Encoding::RLE:
      if (p == Type::BOOLEAN) {
        // RLE booleans: 4-byte LE length, then the hybrid with bit width 1
        // (Encodings.md "Run Length Encoding"; rle_boolean_encoding.parquet).
        if (size < 4) return Status::Corrupt("{}: RLE boolean page at offset {} lacks its length", what_, page_offset);
        const int64_t len = bit_util::LoadLE<uint32_t>(data);
        if (len > size - 4) {
          return Status::Corrupt("{}: RLE boolean page at offset {} claims {} bytes, holds {}", what_, page_offset, len,
                                 size - 4);
        }
        rle_bool_.Init(data + 4, len, 1);
        return Status::OK();
      }
      break;
    case Encoding::DELTA_BINARY_PACKED:
      if (p == Type::INT32) return Context(delta32_.Init(data, size));
      if (p == Type::INT64) return Context(delta64_.Init(data, size));
      break;
    case Encoding::DELTA_LENGTH_BYTE_ARRAY:
      if (p == Type::BYTE_ARRAY) return Context(delta_length_.Init(data, size, max_values));
      break;
    case Encoding::DELTA_BYTE_ARRAY:
      if (p == Type::BYTE_ARRAY || p == Type::FIXED_LEN_BYTE_ARRAY)
        return Context(delta_bytes_.Init(data, size, max_values));
      break;
    case Encoding::BYTE_STREAM_SPLIT:
      if (p == Type::INT32 || p == Type::INT64 || p == Type::FLOAT || p == Type::DOUBLE ||
          p == Type::FIXED_LEN_BYTE_ARRAY) {
        return Context(bss_.Init(data, size, layout_.physical_width));
      }
      break;
    default:
      break;
  }
  return Status::NotSupported(
      "{}: data page at offset {} uses encoding {} ({}), which sluice does not read for "
      "physical type {}",
      what_, page_offset, EncodingName(encoding), static_cast<int>(encoding), static_cast<int>(p));
}

Status ValueDecoder::SetDictionary(const uint8_t* data, int64_t size, int64_t num_entries, int64_t page_offset) {
  has_dict_ = false;
  if (layout_.kind != OutputKind::kNull) {
    // Check the count against the bytes before allocating for it (ARROW-RS-GH-6229-DICTHEADER.parquet).
    const int64_t min_bits = layout_.physical == Type::BOOLEAN      ? 1
                             : layout_.physical == Type::BYTE_ARRAY ? 32
                                                                    : 8 * int64_t{layout_.physical_width};
    if (num_entries < 0 || num_entries > size * 8 / min_bits) {
      return Status::Corrupt("{}: dictionary page at offset {} claims {} entries in {} bytes", what_, page_offset,
                             num_entries, size);
    }
    dict_.values->Clear();
    dict_.data->Clear();
    SLUICE_RETURN_NOT_OK(StartPage(Encoding::PLAIN, data, size, page_offset, num_entries));
    PrepareOutput(&dict_);
    SLUICE_RETURN_NOT_OK(Decode(num_entries, 0, &dict_));
    if (layout_.kind == OutputKind::kBinary) {
      dict_views_.resize(static_cast<size_t>(num_entries));
      const int32_t* off = dict_.values->data_as<int32_t>();
      const char* bytes = reinterpret_cast<const char*>(dict_.data->data());
      for (int64_t i = 0; i < num_entries; ++i) {
        dict_views_[i] = std::string_view(bytes + off[i], static_cast<size_t>(off[i + 1] - off[i]));
      }
    }
  }
  has_dict_ = true;
  dict_size_ = num_entries;
  return Status::OK();
}

Status ValueDecoder::Decode(int64_t n, int64_t index, LeafData* out) {
  while (n > 0) {
    const int64_t b = std::min(n, kMaxBatch);
    SLUICE_RETURN_NOT_OK(DecodeBatch(b, index, out));
    n -= b;
    index += b;
  }
  return Status::OK();
}

Status ValueDecoder::DecodeBatch(int64_t n, int64_t index, LeafData* out) {
  if (layout_.kind == OutputKind::kNull) return Status::OK();
  if (dict_page_) return GatherDict(n, index, out);
  switch (layout_.kind) {
    case OutputKind::kBool:
      out->values->Resize(bit_util::BytesForBits(index + n));
      return DecodeBool(out->values->mutable_data(), index, n);
    case OutputKind::kDirect:
      if (encoding_ == Encoding::PLAIN) {
        // The hot path: PLAIN values are already in the output layout; one
        // copy (Append does not zero-fill first).
        if (plain_left_ < n) return Short(plain_left_, n);
        const int64_t bytes = n * layout_.out_width;
        out->values->Append(plain_data_, bytes);
        plain_data_ += bytes;
        plain_left_ -= n;
        return Status::OK();
      }
      return DecodeFixedPhysical(Grow(out->values.get(), n * layout_.out_width), n);
    case OutputKind::kNarrow8:
    case OutputKind::kNarrow16:
    case OutputKind::kInt96:
    case OutputKind::kInt32Decimal:
    case OutputKind::kInt64Decimal:
    case OutputKind::kFixedDecimal: {
      uint8_t* tmp = Scratch(n * layout_.physical_width);
      SLUICE_RETURN_NOT_OK(DecodeFixedPhysical(tmp, n));
      uint8_t* dst = Grow(out->values.get(), n * layout_.out_width);
      switch (layout_.kind) {
        case OutputKind::kNarrow8:
          NarrowInt32(reinterpret_cast<const int32_t*>(tmp), n, reinterpret_cast<int8_t*>(dst));
          break;
        case OutputKind::kNarrow16:
          NarrowInt32(reinterpret_cast<const int32_t*>(tmp), n, reinterpret_cast<int16_t*>(dst));
          break;
        case OutputKind::kInt96:
          Int96ToTimestamp(reinterpret_cast<const encoding::Int96*>(tmp), n, layout_.units_per_day,
                           layout_.nanos_per_unit, reinterpret_cast<int64_t*>(dst));
          break;
        case OutputKind::kInt32Decimal:
          SignExtendToDecimal128(reinterpret_cast<const int32_t*>(tmp), n, dst);
          break;
        case OutputKind::kInt64Decimal:
          SignExtendToDecimal128(reinterpret_cast<const int64_t*>(tmp), n, dst);
          break;
        default:
          return Context(FixedBigEndianToDecimal128(tmp, layout_.physical_width, n, dst));
      }
      return Status::OK();
    }
    case OutputKind::kBinaryDecimal: {
      views_.resize(static_cast<size_t>(n));
      SLUICE_RETURN_NOT_OK(DecodeBinaryViews(views_.data(), n));
      return Context(BinaryBigEndianToDecimal128(views_.data(), n, Grow(out->values.get(), n * 16)));
    }
    case OutputKind::kBinary:
      return DecodeBinaryArrow(out->values.get(), out->data.get(), n);
    case OutputKind::kNull:
      break;
  }
  return Status::OK();
}

Status ValueDecoder::DecodeFixedPhysical(uint8_t* dst, int64_t n) {
  Result<int64_t> got = int64_t{0};
  switch (encoding_) {
    case Encoding::PLAIN:
      got = plain_fixed_.Decode(dst, n);
      break;
    case Encoding::BYTE_STREAM_SPLIT:
      got = bss_.Decode(dst, n);
      break;
    case Encoding::DELTA_BINARY_PACKED:
      got = layout_.physical == Type::INT32 ? delta32_.Decode(reinterpret_cast<int32_t*>(dst), n)
                                            : delta64_.Decode(reinterpret_cast<int64_t*>(dst), n);
      break;
    case Encoding::DELTA_BYTE_ARRAY: {  // FIXED_LEN_BYTE_ARRAY
      scratch_offsets_.Clear();
      scratch_data_.Clear();
      scratch_offsets_.AppendValue<int32_t>(0);
      got = delta_bytes_.Decode(&scratch_offsets_, &scratch_data_, n);
      if (!got.ok()) break;
      const int w = layout_.physical_width;
      if (scratch_data_.size() != *got * w) {
        return Status::Corrupt(
            "{}: page at offset {}: DELTA_BYTE_ARRAY value of a FIXED_LEN_BYTE_ARRAY({}) column "
            "has another length",
            what_, page_offset_, w);
      }
      if (*got > 0) std::memcpy(dst, scratch_data_.data(), static_cast<size_t>(*got * w));
      break;
    }
    default:
      return Status::NotSupported("{}: encoding {} for fixed-width values", what_, EncodingName(encoding_));
  }
  if (!got.ok()) return Context(got.status());
  if (*got < n) return Short(*got, n);
  return Status::OK();
}

Status ValueDecoder::DecodeBinaryArrow(Buffer* offsets, Buffer* data, int64_t n) {
  Result<int64_t> got = int64_t{0};
  switch (encoding_) {
    case Encoding::PLAIN:
      got = plain_binary_.Decode(offsets, data, n);
      break;
    case Encoding::DELTA_LENGTH_BYTE_ARRAY:
      got = delta_length_.Decode(offsets, data, n);
      break;
    case Encoding::DELTA_BYTE_ARRAY:
      got = delta_bytes_.Decode(offsets, data, n);
      break;
    default:
      return Status::NotSupported("{}: encoding {} for BYTE_ARRAY", what_, EncodingName(encoding_));
  }
  if (!got.ok()) return Context(got.status());
  if (*got < n) return Short(*got, n);
  return Status::OK();
}

Status ValueDecoder::DecodeBinaryViews(std::string_view* dst, int64_t n) {
  Result<int64_t> got = int64_t{0};
  switch (encoding_) {
    case Encoding::PLAIN:
      got = plain_binary_.Decode(dst, n);
      break;
    case Encoding::DELTA_LENGTH_BYTE_ARRAY:
      got = delta_length_.Decode(dst, n);
      break;
    case Encoding::DELTA_BYTE_ARRAY: {
      scratch_offsets_.Clear();
      scratch_data_.Clear();
      scratch_offsets_.AppendValue<int32_t>(0);
      got = delta_bytes_.Decode(&scratch_offsets_, &scratch_data_, n);
      if (!got.ok()) break;
      const int32_t* off = scratch_offsets_.data_as<int32_t>();
      const char* bytes = reinterpret_cast<const char*>(scratch_data_.data());
      for (int64_t i = 0; i < *got; ++i) dst[i] = std::string_view(bytes + off[i], off[i + 1] - off[i]);
      break;
    }
    default:
      return Status::NotSupported("{}: encoding {} for BYTE_ARRAY", what_, EncodingName(encoding_));
  }
  if (!got.ok()) return Context(got.status());
  if (*got < n) return Short(*got, n);
  return Status::OK();
}

Status ValueDecoder::DecodeBool(uint8_t* bits, int64_t offset, int64_t n) {
  Result<int64_t> got = int64_t{0};
  if (encoding_ == Encoding::PLAIN) {
    got = plain_bool_.DecodeBitmap(bits, offset, n);
  } else if (encoding_ == Encoding::RLE) {
    indices_.ResizeUninitialized(n * 4);
    uint32_t* v = indices_.mutable_data_as<uint32_t>();
    got = rle_bool_.Decode(v, n);
    if (got.ok()) {
      for (int64_t i = 0; i < *got; ++i) bit_util::SetBitTo(bits, offset + i, v[i] != 0);
    }
  } else {
    return Status::NotSupported("{}: encoding {} for BOOLEAN", what_, EncodingName(encoding_));
  }
  if (!got.ok()) return Context(got.status());
  if (*got < n) return Short(*got, n);
  return Status::OK();
}

Status ValueDecoder::GatherDict(int64_t n, int64_t index, LeafData* out) {
  indices_.ResizeUninitialized(n * 4);
  uint32_t* idx = indices_.mutable_data_as<uint32_t>();
  auto got = dict_indices_.Decode(idx, n);
  if (!got.ok()) return Context(got.status());
  if (*got < n) return Short(*got, n);
  switch (layout_.kind) {
    case OutputKind::kBool: {
      out->values->Resize(bit_util::BytesForBits(index + n));
      uint8_t* bits = out->values->mutable_data();
      const uint8_t* dict_bits = dict_.values->data();
      for (int64_t i = 0; i < n; ++i) bit_util::SetBitTo(bits, index + i, bit_util::GetBit(dict_bits, idx[i]));
      return Status::OK();
    }
    case OutputKind::kBinary: {
      // The dictionary's bytes are an owned Buffer: readable up to its padding.
      const Buffer& bytes = *dict_.data;
      const char* readable_end = bytes.capacity() > 0
                                     ? reinterpret_cast<const char*>(bytes.data()) + bytes.capacity() + Buffer::kPadding
                                     : nullptr;
      return Context(
          encoding::GatherByteArray(dict_views_.data(), idx, n, out->values.get(), out->data.get(), readable_end));
    }
    default:
      break;
  }
  const int w = layout_.out_width;
  uint8_t* dst = Grow(out->values.get(), n * w);
  const uint8_t* dict = dict_.values->data();
  switch (w) {
    case 1:
      encoding::GatherFixed(dict, idx, n, dst);
      break;
    case 2:
      encoding::GatherFixed(reinterpret_cast<const uint16_t*>(dict), idx, n, reinterpret_cast<uint16_t*>(dst));
      break;
    case 4:
      encoding::GatherFixed(reinterpret_cast<const uint32_t*>(dict), idx, n, reinterpret_cast<uint32_t*>(dst));
      break;
    case 8:
      encoding::GatherFixed(reinterpret_cast<const uint64_t*>(dict), idx, n, reinterpret_cast<uint64_t*>(dst));
      break;
    case 16:
      encoding::GatherFixed(reinterpret_cast<const U128*>(dict), idx, n, reinterpret_cast<U128*>(dst));
      break;
    default:
      encoding::GatherFixedLen(dict, w, idx, n, dst);
      break;
  }
  return Status::OK();
}

}  // namespace sluice::parquet
