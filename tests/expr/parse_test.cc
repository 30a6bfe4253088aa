#include "sluice/expr/parse.h"

#include <gtest/gtest.h>

#include "sluice/expr/binder.h"

namespace sluice::expr {
namespace {

// The parsed tree in its SQL text form (fully parenthesised).
std::string Parse(std::string_view text) {
  auto r = ParseExpr(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? r->ToString() : std::string();
}

TEST(ParseTest, Comparisons) {
  EXPECT_EQ(Parse("a = 1"), "(a = 1)");
  EXPECT_EQ(Parse("a==-7"), "(a = -7)");
  EXPECT_EQ(Parse("a != 'x'"), "(a != 'x')");
  EXPECT_EQ(Parse("a <> 2.5"), "(a != 2.5)");
  EXPECT_EQ(Parse("a < 1e3"), "(a < 1000.0)");
  EXPECT_EQ(Parse("a <= TRUE"), "(a <= TRUE)");
  EXPECT_EQ(Parse("a > false"), "(a > FALSE)");
  EXPECT_EQ(Parse("a >= 'it''s'"), "(a >= 'it''s')");
  EXPECT_EQ(Parse("date = '2024-01-31'"), "(date = '2024-01-31')");
  EXPECT_EQ(Parse("s.x = 1"), "(s.x = 1)");
  EXPECT_EQ(Parse("`a b` = 1"), "(`a b` = 1)");
  EXPECT_EQ(Parse("\"weird\"\"name\" = 1"), "(`weird\"name` = 1)");
  EXPECT_EQ(Parse("`OR` = 1"), "(`OR` = 1)");  // fuzz find: a reserved word as a column prints quoted
  EXPECT_EQ(Parse("1 < a"), "(1 < a)");
  EXPECT_EQ(Parse("a = 9223372036854775807"), "(a = 9223372036854775807)");
  EXPECT_EQ(Parse("a = -9223372036854775808"), "(a = -9223372036854775808)");
  EXPECT_EQ(Parse("a = 9223372036854775808"), "(a = 9223372036854775808.0)");
}

TEST(ParseTest, NullInBetween) {
  EXPECT_EQ(Parse("c IS NULL"), "(c IS NULL)");
  EXPECT_EQ(Parse("c is not null"), "(c IS NOT NULL)");
  EXPECT_EQ(Parse("d IN (1, 2)"), "(d IN (1, 2))");
  EXPECT_EQ(Parse("d in ('a')"), "(d IN ('a'))");
  EXPECT_EQ(Parse("d NOT IN (1,NULL)"), "(NOT (d IN (1, NULL)))");
  EXPECT_EQ(Parse("d BETWEEN 1 AND 3"), "((d >= 1) AND (d <= 3))");
  EXPECT_EQ(Parse("d NOT BETWEEN 1 AND 3"), "(NOT ((d >= 1) AND (d <= 3)))");
}

TEST(ParseTest, ArithmeticPrecedence) {
  EXPECT_EQ(Parse("a + b * 2 > 10"), "((a + (b * 2)) > 10)");
  EXPECT_EQ(Parse("(a + b) * 2"), "((a + b) * 2)");
  EXPECT_EQ(Parse("a - b - c"), "((a - b) - c)");
  EXPECT_EQ(Parse("a % 3 = 0"), "((a % 3) = 0)");
  EXPECT_EQ(Parse("-a < 2"), "((- a) < 2)");
  EXPECT_EQ(Parse("a % - 12"), "(a % (- 12))");  // fuzz find: minus of 12, not the literal -12
  EXPECT_EQ(Parse(Parse("a % - 12")), "(a % (- 12))");
}

TEST(ParseTest, TypedLiterals) {
  EXPECT_EQ(Parse("d >= DATE '2024-01-31'"), "(d >= DATE '2024-01-31')");
  EXPECT_EQ(Parse("ts < timestamp '2024-01-31 10:00:00'"), "(ts < TIMESTAMP '2024-01-31 10:00:00.000000')");
  auto r = ParseExpr("d = DATE '2024-01-31'");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->args()[1].literal().int_value(), 19753);  // days since 1970-01-01
  // A column named like the type is still a column.
  EXPECT_EQ(Parse("date = 1"), "(date = 1)");
  EXPECT_FALSE(ParseExpr("d = DATE '2024-02-30'").ok());
}

TEST(ParseTest, BooleanStructure) {
  EXPECT_EQ(Parse("a = 1 AND (b > 'x' OR c IS NULL)"), "((a = 1) AND ((b > 'x') OR (c IS NULL)))");
  EXPECT_EQ(Parse("NOT e <= 2.5"), "(NOT (e <= 2.5))");
  EXPECT_EQ(Parse("a=1 and b=2 and c=3"), "(((a = 1) AND (b = 2)) AND (c = 3))");
  EXPECT_EQ(Parse("a=1 or b=2 and c=3"), "((a = 1) OR ((b = 2) AND (c = 3)))");
  EXPECT_EQ(Parse("not not a=1"), "(NOT (NOT (a = 1)))");
  EXPECT_EQ(Parse("((a=1))"), "(a = 1)");
  EXPECT_EQ(Parse("android = 1 OR order_id = 2"), "((android = 1) OR (order_id = 2))");
}

TEST(ParseTest, TextRoundTrips) {
  for (const char* text : {"((a + (b * 2)) > 10)", "(NOT (d IN (1, NULL)))", "(`a b` = 'it''s')",
                           "(d >= DATE '2024-01-31')", "((c IS NULL) OR (x != -3))"}) {
    EXPECT_EQ(Parse(Parse(text)), Parse(text)) << text;
  }
}

TEST(ParseTest, ErrorsNamePosition) {
  for (const char* bad : {"", "a =", "a = 'x", "a = 1 AND", "(a = 1", "a = 1)", "a IS 1", "a IN 1", "a IN (1,",
                          "a NOT 1", "= 1", "a = 1 b = 2", "a = 1.2.3", "`a = 1", "a ~ 1", "a = AND", "a IN (b)"}) {
    auto r = ParseExpr(bad);
    ASSERT_FALSE(r.ok()) << bad << " -> " << r->ToString();
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid) << bad;
    EXPECT_NE(r.status().message().find("position"), std::string::npos) << r.status().message();
  }
  auto r = ParseExpr("a = 1 AND b ? 2");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("position 12"), std::string::npos) << r.status().message();
  std::string deep(10000, '(');
  EXPECT_FALSE(ParseExpr(deep + "a=1").ok());
  std::string nots;
  for (int i = 0; i < 10000; ++i) nots += "NOT ";
  EXPECT_FALSE(ParseExpr(nots + "a=1").ok());
  std::string minus(10000, '-');
  EXPECT_FALSE(ParseExpr(minus + "a").ok());
}

TEST(ParseTest, AFilterMustBeACondition) {
  columnar::Schema schema{{columnar::MakeField("a", columnar::Int64())}, {}};
  auto e = ParseExpr("a + 1");
  ASSERT_TRUE(e.ok());
  auto b = BindPredicate(*e, schema);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("not a condition"), std::string::npos) << b.status().ToString();
}

}  // namespace
}  // namespace sluice::expr
