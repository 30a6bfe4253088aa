#pragma once

#include <string_view>

#include "sluice/common/status.h"
#include "sluice/expr/expr.h"

namespace sluice::expr {

// Parses a SQL scalar expression (a WHERE clause, a replaceWhere, a SET
// value): `a = 1 AND (b > 'x' OR c IS NULL)`, `d IN (1, 2)`, `NOT e <= 2.5`,
// `price * 2 + 1 > 10`, `day BETWEEN '2024-01-01' AND '2024-01-31'`,
// `ts >= TIMESTAMP '2024-01-01 10:00:00'`, `DATE '2024-01-31'`.
// Precedence from loose to tight: OR, AND, NOT, comparison / IS / IN /
// BETWEEN, + -, * / %, unary -. Keywords are case-insensitive; columns are
// identifiers (letters, digits, _ and . for nested fields) or `quoted`;
// strings are 'quoted' ('' for a quote). Invalid naming the byte position and
// what was expected there; nesting deeper than 200 levels is refused.
Result<Expr> ParseExpr(std::string_view text);

}  // namespace sluice::expr
