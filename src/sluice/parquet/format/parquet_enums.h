#pragma once

#include <cstdint>

// Enums of parquet.thrift (apache/parquet-format), with the thrift values.
// All have a fixed int32_t underlying type: a value read from a file that is
// not a listed enumerator is stored as-is (no UB) and validated where used.
namespace sluice::parquet::format {

enum class Type : int32_t {
  BOOLEAN = 0,
  INT32 = 1,
  INT64 = 2,
  INT96 = 3,
  FLOAT = 4,
  DOUBLE = 5,
  BYTE_ARRAY = 6,
  FIXED_LEN_BYTE_ARRAY = 7,
};

enum class ConvertedType : int32_t {
  UTF8 = 0,
  MAP = 1,
  MAP_KEY_VALUE = 2,
  LIST = 3,
  ENUM = 4,
  DECIMAL = 5,
  DATE = 6,
  TIME_MILLIS = 7,
  TIME_MICROS = 8,
  TIMESTAMP_MILLIS = 9,
  TIMESTAMP_MICROS = 10,
  UINT_8 = 11,
  UINT_16 = 12,
  UINT_32 = 13,
  UINT_64 = 14,
  INT_8 = 15,
  INT_16 = 16,
  INT_32 = 17,
  INT_64 = 18,
  JSON = 19,
  BSON = 20,
  INTERVAL = 21,
};

enum class FieldRepetitionType : int32_t {
  REQUIRED = 0,
  OPTIONAL = 1,
  REPEATED = 2,
  VECTOR = 3,
};

enum class Encoding : int32_t {
  PLAIN = 0,
  // 1 was GROUP_VAR_INT, never used.
  PLAIN_DICTIONARY = 2,
  RLE = 3,
  BIT_PACKED = 4,
  DELTA_BINARY_PACKED = 5,
  DELTA_LENGTH_BYTE_ARRAY = 6,
  DELTA_BYTE_ARRAY = 7,
  RLE_DICTIONARY = 8,
  BYTE_STREAM_SPLIT = 9,
};

enum class CompressionCodec : int32_t {
  UNCOMPRESSED = 0,
  SNAPPY = 1,
  GZIP = 2,
  LZO = 3,
  BROTLI = 4,
  LZ4 = 5,
  ZSTD = 6,
  LZ4_RAW = 7,
};

enum class PageType : int32_t {
  DATA_PAGE = 0,
  INDEX_PAGE = 1,
  DICTIONARY_PAGE = 2,
  DATA_PAGE_V2 = 3,
};

enum class BoundaryOrder : int32_t {
  UNORDERED = 0,
  ASCENDING = 1,
  DESCENDING = 2,
};

enum class EdgeInterpolationAlgorithm : int32_t {
  SPHERICAL = 0,
  VINCENTY = 1,
  THOMAS = 2,
  ANDOYER = 3,
  KARNEY = 4,
};

// The thrift union TimeUnit, as the id of its set member (MILLIS=1, MICROS=2,
// NANOS=3). Another id read from a file is kept as-is: validate before use.
enum class TimeUnit : int16_t {
  MILLIS = 1,
  MICROS = 2,
  NANOS = 3,
};

// Returns true iff `t` is one of the listed Type enumerators.
constexpr bool IsKnown(Type t) { return static_cast<int32_t>(t) >= 0 && static_cast<int32_t>(t) <= 7; }
// Returns true iff `c` is one of the listed CompressionCodec enumerators.
constexpr bool IsKnown(CompressionCodec c) { return static_cast<int32_t>(c) >= 0 && static_cast<int32_t>(c) <= 7; }
// Returns true iff `u` is one of the listed TimeUnit members.
constexpr bool IsKnown(TimeUnit u) { return static_cast<int16_t>(u) >= 1 && static_cast<int16_t>(u) <= 3; }

}  // namespace sluice::parquet::format
