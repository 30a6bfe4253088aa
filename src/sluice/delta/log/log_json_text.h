#pragma once

// The Delta log's JSON text helpers are the columnar layer's (shared with
// stream metrics); the delta code names them unqualified.
#include "sluice/columnar/json_text.h"

namespace sluice::delta {

using columnar::AppendJsonInt;
using columnar::AppendJsonString;
using columnar::JsonObjectWriter;

}  // namespace sluice::delta
