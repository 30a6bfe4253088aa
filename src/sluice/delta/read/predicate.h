#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sluice/columnar/scalar.h"
#include "sluice/common/status.h"

namespace sluice::delta {

// Literals are columnar::Scalar values; strings also carry dates, timestamps
// and decimals in their Delta partition-value form ("2024-01-31",
// "2024-01-31 10:00:00") until they are coerced to the column's type.
using columnar::Scalar;

// A simple predicate over top-level columns, for data skipping and row filters:
// comparisons, AND/OR/NOT, IS NULL, IN.
struct Predicate {
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe, kIsNull, kIsNotNull, kIn, kAnd, kOr, kNot };
  Op op = Op::kEq;
  std::string column;               // comparisons, IS [NOT] NULL, IN
  std::vector<Scalar> literals;     // one for comparisons; many for IN
  std::vector<Predicate> children;  // AND/OR (two or more), NOT (one)
};

// Parses a small SQL-like filter: `a = 1 AND (b > 'x' OR c IS NULL)`,
// `d IN (1, 2)`, `NOT e <= 2.5`. Invalid syntax -> Invalid naming the position.
Result<Predicate> ParsePredicate(std::string_view text);

}  // namespace sluice::delta
