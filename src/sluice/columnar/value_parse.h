#pragma once

// Dates, times, timestamps and decimals from text: the one parser every
// reader of value text uses (CSV and JSON-lines fields, Delta partition values
// and statistics, expression literals). Each returns true iff all of `text`
// is one value and stores it in *out; on false *out is unspecified.
#include <cstdint>
#include <string_view>

#include "sluice/columnar/data_type.h"

namespace sluice::columnar {

// "[+-]YYYY[YY]-MM-DD" (a real calendar day) -> days since 1970-01-01.
bool ParseDate32(std::string_view text, int32_t* out);

// What a reader of other systems' text may relax.
struct TimestampTextOptions {
  // Fraction digits finer than the unit are dropped (Delta partition values
  // may carry nanoseconds for a microsecond column) instead of refused
  // unless zeros.
  bool drop_extra_fraction = false;
  // A zone offset shifts the value to UTC; false keeps the wall time (Delta's
  // timestamp_ntz partition values).
  bool apply_zone = true;
};

// ISO-8601 "DATE[(T|t| )HH:MM[:SS[.fraction]]][Z|z|(+|-)HH[[:]MM]]" (DATE as
// in ParseDate32) -> count of `unit` since the epoch, UTC when a zone is given
// (see options). *has_zone tells whether it was. False on overflow of int64.
bool ParseTimestamp(std::string_view text, TimeUnit unit, int64_t* out, bool* has_zone,
                    TimestampTextOptions options = {});

// "HH:MM[:SS[.fraction]]" -> count of `unit` since midnight.
bool ParseTimeOfDay(std::string_view text, TimeUnit unit, int64_t* out);

// "[+-]digits[.digits][(e|E)[+-]digits]" -> the unscaled value at `scale`;
// false when digits beyond the scale are not zeros or the value needs more
// than `precision` digits.
bool ParseDecimal128(std::string_view text, int32_t precision, int32_t scale, __int128* out);

}  // namespace sluice::columnar
