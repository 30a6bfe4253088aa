#pragma once

#include <cstdint>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"
#include "sluice/parquet/column/leaf_data.h"
#include "sluice/parquet/schema/schema_descriptor.h"

// The writer's view of a leaf's dense values in the physical form Parquet
// stores, and the WRITE mapping from columnar types onto it.
namespace sluice::parquet {

// Dense non-null values in physical form. Exactly one representation is set:
//   BOOLEAN                        bits (LSB-first; value i is bit i)
//   INT32/INT64/FLOAT/DOUBLE       fixed: T[num_values] little endian
//   FIXED_LEN_BYTE_ARRAY           fixed: num_values * width bytes
//   BYTE_ARRAY                     offsets (num_values+1) into data
struct PhysicalValues {
  const uint8_t* fixed = nullptr;
  const int32_t* offsets = nullptr;
  const uint8_t* data = nullptr;
  const uint8_t* bits = nullptr;
  int width = 0;  // FLBA width
  int64_t num_values = 0;
};

// How columnar values become physical ones (chosen once per column).
enum class ValueConversion : uint8_t {
  kNone,          // the Arrow buffer already is the physical layout
  kInt8ToInt32,   // sign-extend
  kUInt8ToInt32,  // zero-extend
  kInt16ToInt32,
  kUInt16ToInt32,
  kSecondsToMillis32,  // time32[s] -> TIME(MILLIS)
  kSecondsToMillis64,  // timestamp[s] -> TIMESTAMP(MILLIS)
  kDecimalToFlba,      // 16-byte LE two's complement -> big-endian type_length bytes
  kDecimalToInt32,     // decimal stored in INT32 (leaf came from a file schema)
  kDecimalToInt64,
  kNullType,  // null type: no values at all
};

// Returns the conversion writing `leaf` needs, or NotSupported naming the
// column when its columnar type cannot be stored in its physical type.
Result<ValueConversion> ChooseValueConversion(const LeafColumn& leaf);

// Returns `in`'s values in physical form; converted values are written to
// `scratch` (reused), unconverted ones are borrowed from `in`. Invalid when
// the buffers are smaller than num_values requires.
Result<PhysicalValues> ToPhysicalValues(const LeafColumn& leaf, ValueConversion conversion, const LeafData& in,
                                        Buffer* scratch);

}  // namespace sluice::parquet
