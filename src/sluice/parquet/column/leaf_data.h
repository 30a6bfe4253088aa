#pragma once

#include <cstdint>
#include <memory>

#include "sluice/common/buffer.h"

namespace sluice::parquet {

// Levels and values of one leaf column for a run of whole records: the
// hand-over between the column chunk reader/writer (pages) and record
// assembly/shredding (nested arrays).
//
//   def_levels/rep_levels  int16 each, num_levels entries; a buffer is empty
//                          (size 0) when its max level is 0 (then every slot
//                          is a present value and num_levels == num_values).
//   values                 the dense non-null values (slots whose def level
//                          == max_def_level), num_values of them, in the
//                          Arrow layout of LeafColumn::type: fixed-width
//                          values, bits for bool, or for string/binary
//                          num_values+1 int32 offsets starting at 0 ...
//   data                   ... and their bytes.
struct LeafData {
  int64_t num_levels = 0;
  int64_t num_values = 0;
  BufferPtr def_levels = std::make_shared<Buffer>();
  BufferPtr rep_levels = std::make_shared<Buffer>();
  BufferPtr values = std::make_shared<Buffer>();
  BufferPtr data = std::make_shared<Buffer>();

  const int16_t* def() const { return def_levels->size() ? def_levels->data_as<int16_t>() : nullptr; }
  const int16_t* rep() const { return rep_levels->size() ? rep_levels->data_as<int16_t>() : nullptr; }
};

}  // namespace sluice::parquet
