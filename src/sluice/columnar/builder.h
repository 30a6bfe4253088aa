#pragma once

// All array builders. MakeBuilder(type) returns, by type id:
//   kNull                                 NullBuilder
//   kBool                                 BoolBuilder
//   kInt8..kUInt64, kFloat32, kFloat64    NumericBuilder<int8_t .. double>
//   kFloat16                              NumericBuilder<uint16_t>
//   kDate32, kTime32                      NumericBuilder<int32_t>
//   kTime64, kTimestamp                   NumericBuilder<int64_t>
//   kString, kBinary                      BinaryBuilder
//   kFixedSizeBinary, kDecimal128         FixedSizeBinaryBuilder
//   kList / kMap / kStruct                ListBuilder / MapBuilder / StructBuilder

#include "sluice/columnar/array_builder.h"
#include "sluice/columnar/binary_builder.h"
#include "sluice/columnar/nested_builder.h"
#include "sluice/columnar/primitive_builder.h"
#include "sluice/columnar/validity_builder.h"
