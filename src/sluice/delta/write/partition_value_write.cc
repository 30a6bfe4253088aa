// SerializePartitionValue: PROTOCOL.md "Partition Value Serialization".
#include <charconv>

#include "sluice/columnar/value_text.h"
#include "sluice/delta/write/data_writer.h"

namespace sluice::delta {

using columnar::TypeId;

namespace {

template <typename T>
void AppendInteger(T v, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, end);
}

int64_t UnitsPerSecond(columnar::TimeUnit unit) {
  constexpr int64_t kPerSecond[] = {1, 1000, 1000000, 1000000000};
  return kPerSecond[static_cast<int>(unit)];
}

}  // namespace

Result<std::optional<std::string>> SerializePartitionValue(const columnar::Array& array, int64_t row) {
  if (row < 0 || row >= array.length) {
    return Status::Invalid("partition value row {} outside an array of {}", row, array.length);
  }
  const columnar::DataType& type = *array.type;
  if (type.IsNested()) return Status::NotSupported("partition columns of type {} are not supported", type.ToString());
  if (array.IsNull(row)) return std::optional<std::string>();
  std::string out;
  switch (type.id) {
    case TypeId::kBool:
      out = array.BoolValue(row) ? "true" : "false";
      break;
    case TypeId::kInt8:
      AppendInteger(array.values<int8_t>()[row], &out);
      break;
    case TypeId::kInt16:
      AppendInteger(array.values<int16_t>()[row], &out);
      break;
    case TypeId::kInt32:
      AppendInteger(array.values<int32_t>()[row], &out);
      break;
    case TypeId::kInt64:
      AppendInteger(array.values<int64_t>()[row], &out);
      break;
    case TypeId::kUInt8:
      AppendInteger(array.values<uint8_t>()[row], &out);
      break;
    case TypeId::kUInt16:
      AppendInteger(array.values<uint16_t>()[row], &out);
      break;
    case TypeId::kUInt32:
      AppendInteger(array.values<uint32_t>()[row], &out);
      break;
    case TypeId::kUInt64:
      AppendInteger(array.values<uint64_t>()[row], &out);
      break;
    case TypeId::kFloat32:
      columnar::AppendFloatText(array.values<float>()[row], &out);
      break;
    case TypeId::kFloat64:
      columnar::AppendFloatText(array.values<double>()[row], &out);
      break;
    case TypeId::kDate32:
      columnar::AppendDateText(array.values<int32_t>()[row], &out);
      break;
    case TypeId::kTimestamp: {
      // "YYYY-MM-DD HH:MM:SS.ffffff": microseconds (nanoseconds keep 9
      // digits, which readers accept); UTC for timestamp, wall time for ntz.
      const int64_t v = array.values<int64_t>()[row];
      switch (type.unit) {
        case columnar::TimeUnit::kSecond:
        case columnar::TimeUnit::kMilli: {
          const int64_t scale = 1000000 / UnitsPerSecond(type.unit);
          if (v > INT64_MAX / scale || v < INT64_MIN / scale) {
            return Status::Invalid("timestamp {} {} is out of range for a partition value", v, type.ToString());
          }
          columnar::AppendDateTimeText(v * scale, 1000000, ' ', &out);
          break;
        }
        default:
          columnar::AppendDateTimeText(v, UnitsPerSecond(type.unit), ' ', &out);
      }
      break;
    }
    case TypeId::kDecimal128:
      columnar::AppendDecimalText(bit_util::LoadLE<__int128>(array.FixedValue(row).data()), type.scale, &out);
      break;
    case TypeId::kString:
    case TypeId::kBinary:
      out = array.StringValue(row);
      break;
    case TypeId::kFixedSizeBinary:
      out = array.FixedValue(row);
      break;
    default:
      return Status::NotSupported("partition columns of type {} are not supported", type.ToString());
  }
  return std::optional<std::string>(std::move(out));
}

}  // namespace sluice::delta
