// ResolveValueLayout: the table from (physical type, Arrow type) to the
// conversion applied while decoding.
#include "sluice/parquet/column/value_decoder.h"

namespace sluice::parquet {

namespace {

using columnar::TypeId;

Status Unsupported(const LeafColumn& leaf) {
  std::string path;
  for (const auto& p : leaf.path) path += (path.empty() ? "" : ".") + p;
  return Status::NotSupported("column '{}': physical type {} cannot be read as {}", path,
                              static_cast<int>(leaf.physical_type), leaf.type ? leaf.type->ToString() : "<none>");
}

ValueLayout Make(OutputKind kind, format::Type physical, int physical_width, int out_width) {
  ValueLayout l;
  l.kind = kind;
  l.physical = physical;
  l.physical_width = physical_width;
  l.out_width = out_width;
  return l;
}

}  // namespace

Result<ValueLayout> ResolveValueLayout(const LeafColumn& leaf) {
  if (!leaf.type) return Unsupported(leaf);
  const TypeId id = leaf.type->id;
  const format::Type phys = leaf.physical_type;
  if (id == TypeId::kNull) return Make(OutputKind::kNull, phys, 0, 0);
  switch (phys) {
    case format::Type::BOOLEAN:
      if (id == TypeId::kBool) return Make(OutputKind::kBool, phys, 0, 0);
      break;
    case format::Type::INT32:
      switch (id) {
        case TypeId::kInt32:
        case TypeId::kUInt32:
        case TypeId::kDate32:
        case TypeId::kTime32:
          return Make(OutputKind::kDirect, phys, 4, 4);
        case TypeId::kInt8:
        case TypeId::kUInt8:
          return Make(OutputKind::kNarrow8, phys, 4, 1);
        case TypeId::kInt16:
        case TypeId::kUInt16:
          return Make(OutputKind::kNarrow16, phys, 4, 2);
        case TypeId::kDecimal128:
          return Make(OutputKind::kInt32Decimal, phys, 4, 16);
        default:
          break;
      }
      break;
    case format::Type::INT64:
      switch (id) {
        case TypeId::kInt64:
        case TypeId::kUInt64:
        case TypeId::kTimestamp:
        case TypeId::kTime64:
          return Make(OutputKind::kDirect, phys, 8, 8);
        case TypeId::kDecimal128:
          return Make(OutputKind::kInt64Decimal, phys, 8, 16);
        default:
          break;
      }
      break;
    case format::Type::INT96:
      if (id == TypeId::kTimestamp) {
        ValueLayout l = Make(OutputKind::kInt96, phys, 12, 8);
        switch (leaf.type->unit) {
          case columnar::TimeUnit::kSecond:
            l.units_per_day = 86400ULL, l.nanos_per_unit = 1000000000ULL;
            break;
          case columnar::TimeUnit::kMilli:
            l.units_per_day = 86400000ULL, l.nanos_per_unit = 1000000ULL;
            break;
          case columnar::TimeUnit::kMicro:
            l.units_per_day = 86400000000ULL, l.nanos_per_unit = 1000ULL;
            break;
          case columnar::TimeUnit::kNano:
            l.units_per_day = 86400000000000ULL, l.nanos_per_unit = 1ULL;
            break;
        }
        return l;
      }
      break;
    case format::Type::FLOAT:
      if (id == TypeId::kFloat32) return Make(OutputKind::kDirect, phys, 4, 4);
      break;
    case format::Type::DOUBLE:
      if (id == TypeId::kFloat64) return Make(OutputKind::kDirect, phys, 8, 8);
      break;
    case format::Type::BYTE_ARRAY:
      if (id == TypeId::kString || id == TypeId::kBinary) return Make(OutputKind::kBinary, phys, 0, 0);
      if (id == TypeId::kDecimal128) return Make(OutputKind::kBinaryDecimal, phys, 0, 16);
      break;
    case format::Type::FIXED_LEN_BYTE_ARRAY: {
      const int w = leaf.type_length;
      if (w <= 0) {
        return Status::Corrupt("column '{}': FIXED_LEN_BYTE_ARRAY with type_length {}",
                               leaf.path.empty() ? "" : leaf.path.back(), w);
      }
      if ((id == TypeId::kFixedSizeBinary && leaf.type->byte_width == w) || (id == TypeId::kFloat16 && w == 2)) {
        return Make(OutputKind::kDirect, phys, w, w);
      }
      if (id == TypeId::kDecimal128) {
        if (w > 16) {
          return Status::NotSupported("column '{}': decimal stored in {} bytes (at most 16 are supported)",
                                      leaf.path.empty() ? "" : leaf.path.back(), w);
        }
        return Make(OutputKind::kFixedDecimal, phys, w, 16);
      }
      break;
    }
    default:
      break;
  }
  return Unsupported(leaf);
}

}  // namespace sluice::parquet
