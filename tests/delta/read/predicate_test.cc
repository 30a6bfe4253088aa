#include "sluice/delta/read/predicate.h"

#include <gtest/gtest.h>

namespace sluice::delta {
namespace {

using Op = Predicate::Op;

// A compact text form of a predicate for assertions.
std::string Show(const Predicate& p);
std::string ShowLiteral(const Scalar& l) {
  switch (l.index()) {
    case 0:
      return "null";
    case 1:
      return std::get<bool>(l) ? std::string("true") : std::string("false");
    case 2:
      return fmt::format("i{}", std::get<int64_t>(l));
    case 3:
      return fmt::format("d{}", std::get<double>(l));
    default:
      return fmt::format("'{}'", std::get<std::string>(l));
  }
}
std::string Show(const Predicate& p) {
  static const char* kNames[] = {"=", "!=", "<", "<=", ">", ">=", "isnull", "notnull", "in", "and", "or", "not"};
  std::string out = fmt::format("({}", kNames[static_cast<int>(p.op)]);
  if (!p.column.empty()) out += fmt::format(" {}", p.column);
  for (const auto& l : p.literals) out += fmt::format(" {}", ShowLiteral(l));
  for (const auto& c : p.children) out += fmt::format(" {}", Show(c));
  out.push_back(')');
  return out;
}

std::string Parse(std::string_view text) {
  auto r = ParsePredicate(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? Show(*r) : std::string();
}

TEST(PredicateTest, Comparisons) {
  EXPECT_EQ(Parse("a = 1"), "(= a i1)");
  EXPECT_EQ(Parse("a==-7"), "(= a i-7)");
  EXPECT_EQ(Parse("a != 'x'"), "(!= a 'x')");
  EXPECT_EQ(Parse("a <> 2.5"), "(!= a d2.5)");
  EXPECT_EQ(Parse("a < 1e3"), "(< a d1000)");
  EXPECT_EQ(Parse("a <= TRUE"), "(<= a true)");
  EXPECT_EQ(Parse("a > false"), "(> a false)");
  EXPECT_EQ(Parse("a >= 'it''s'"), "(>= a 'it's')");
  EXPECT_EQ(Parse("date = '2024-01-31'"), "(= date '2024-01-31')");
  EXPECT_EQ(Parse("s.x = 1"), "(= s.x i1)");
  EXPECT_EQ(Parse("`a b` = 1"), "(= a b i1)");
  EXPECT_EQ(Parse("\"weird\"\"name\" = 1"), "(= weird\"name i1)");
  EXPECT_EQ(Parse("1 < a"), "(> a i1)");
  EXPECT_EQ(Parse("'x' = a"), "(= a 'x')");
  EXPECT_EQ(Parse("a = 9223372036854775807"), "(= a i9223372036854775807)");
  EXPECT_EQ(Parse("a = 9223372036854775808"), "(= a d9.223372036854776e+18)");
}

TEST(PredicateTest, NullAndIn) {
  EXPECT_EQ(Parse("c IS NULL"), "(isnull c)");
  EXPECT_EQ(Parse("c is not null"), "(notnull c)");
  EXPECT_EQ(Parse("d IN (1, 2)"), "(in d i1 i2)");
  EXPECT_EQ(Parse("d in ('a')"), "(in d 'a')");
  EXPECT_EQ(Parse("d NOT IN (1,NULL)"), "(not (in d i1 null))");
}

TEST(PredicateTest, BooleanStructure) {
  EXPECT_EQ(Parse("a = 1 AND (b > 'x' OR c IS NULL)"), "(and (= a i1) (or (> b 'x') (isnull c)))");
  EXPECT_EQ(Parse("NOT e <= 2.5"), "(not (<= e d2.5))");
  EXPECT_EQ(Parse("a=1 and b=2 and c=3"), "(and (= a i1) (= b i2) (= c i3))");
  EXPECT_EQ(Parse("a=1 or b=2 and c=3"), "(or (= a i1) (and (= b i2) (= c i3)))");
  EXPECT_EQ(Parse("not not a=1"), "(not (not (= a i1)))");
  EXPECT_EQ(Parse("((a=1))"), "(= a i1)");
  EXPECT_EQ(Parse("android = 1 OR order_id = 2"), "(or (= android i1) (= order_id i2))");
}

TEST(PredicateTest, ErrorsNamePosition) {
  for (const char* bad : {"", "a", "a =", "a = 'x", "a = 1 AND", "(a = 1", "a = 1)", "a IS 1", "a IN 1", "a IN (1,",
                          "a NOT 1", "= 1", "a = 1 b = 2", "a = --1", "a = 1.2.3", "`a = 1", "a ~ 1", "1 = 2"}) {
    auto r = ParsePredicate(bad);
    ASSERT_FALSE(r.ok()) << bad << " -> " << Show(*r);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid) << bad;
    EXPECT_NE(r.status().message().find("position"), std::string::npos) << r.status().message();
  }
  auto r = ParsePredicate("a = 1 AND b ? 2");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("position 12"), std::string::npos) << r.status().message();
  std::string deep(10000, '(');
  EXPECT_FALSE(ParsePredicate(deep + "a=1").ok());
  std::string nots;
  for (int i = 0; i < 10000; ++i) nots += "NOT ";
  EXPECT_FALSE(ParsePredicate(nots + "a=1").ok());
}

}  // namespace
}  // namespace sluice::delta
