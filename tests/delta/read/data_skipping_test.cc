#include "sluice/delta/read/data_skipping.h"

#include <gtest/gtest.h>

#include "sluice/columnar/builder.h"
#include "sluice/expr/evaluate.h"
#include "sluice/expr/parse.h"

namespace sluice::delta {
namespace {

using namespace sluice::columnar;  // NOLINT
using Op = expr::Op;

SchemaPtr TestSchema() {
  auto s = std::make_shared<Schema>();
  s->fields = {MakeField("id", Int64()),
               MakeField("name", String()),
               MakeField("ts", Timestamp(TimeUnit::kMicro, true)),
               MakeField("d", Date32()),
               MakeField("price", Decimal128(10, 2)),
               MakeField("f", Float64()),
               MakeField("s", Struct({MakeField("x", Int32())})),
               MakeField("part", String())};
  return s;
}

expr::Expr Cmp(Op op, std::string column, Scalar v) {
  return expr::Expr::Make(op, {expr::Col(std::move(column)), expr::Lit(std::move(v))});
}
expr::Expr Unary(Op op, std::string column) { return expr::Expr::Make(op, {expr::Col(std::move(column))}); }
expr::Expr In(std::string column, std::vector<Scalar> values) {
  return expr::In(expr::Col(std::move(column)), std::move(values));
}
// NOT of one child; AND / OR of two or more (left-deep, as the parser builds them).
expr::Expr Node(Op op, std::vector<expr::Expr> children) {
  if (op == Op::kNot) return !children[0];
  expr::Expr e = children[0];
  for (size_t i = 1; i < children.size(); ++i) e = expr::Expr::Make(op, {e, children[i]});
  return e;
}

// The rows of `batch` where `p` holds (bound to the batch's schema).
Result<columnar::RecordBatch> FilterBatch(const columnar::RecordBatch& batch, const expr::Expr& p) {
  SLUICE_ASSIGN_OR_RETURN(auto bound, expr::BindPredicate(p, *batch.schema));
  return expr::FilterBatch(bound, batch);
}

Add File(std::optional<std::string> stats, PartitionValues parts = {{"part", "a"}}) {
  Add add;
  add.path = "f.parquet";
  add.stats = std::move(stats);
  add.partition_values = std::move(parts);
  return add;
}

bool May(const expr::Expr& p, const Add& file, ColumnMappingMode mode = ColumnMappingMode::kNone,
         SchemaPtr schema = TestSchema()) {
  auto s = FileSkipper::Make(schema, {"part"}, mode, p);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? s->MayMatch(file) : true;
}

const char* kIdStats = R"({"numRecords":10,"minValues":{"id":1},"maxValues":{"id":4},"nullCount":{"id":2}})";

TEST(FileSkipper, MissingStatsKeepTheFile) {
  EXPECT_TRUE(May(Cmp(Op::kEq, "id", int64_t{100}), File(std::nullopt)));
  EXPECT_TRUE(May(Cmp(Op::kEq, "id", int64_t{100}), File("")));
  EXPECT_TRUE(May(Cmp(Op::kEq, "id", int64_t{100}), File("not json")));
  EXPECT_TRUE(May(Cmp(Op::kEq, "id", int64_t{100}), File(R"({"numRecords":3})")));
  // Stats for other columns only.
  EXPECT_TRUE(May(Cmp(Op::kEq, "name", std::string("x")), File(kIdStats)));
}

TEST(FileSkipper, Comparisons) {
  const Add f = File(kIdStats);
  EXPECT_FALSE(May(Cmp(Op::kEq, "id", int64_t{5}), f));
  EXPECT_TRUE(May(Cmp(Op::kEq, "id", int64_t{4}), f));
  EXPECT_FALSE(May(Cmp(Op::kEq, "id", int64_t{0}), f));
  EXPECT_FALSE(May(Cmp(Op::kGt, "id", int64_t{4}), f));
  EXPECT_TRUE(May(Cmp(Op::kGe, "id", int64_t{4}), f));
  EXPECT_FALSE(May(Cmp(Op::kLt, "id", int64_t{1}), f));
  EXPECT_TRUE(May(Cmp(Op::kLe, "id", int64_t{1}), f));
  EXPECT_TRUE(May(Cmp(Op::kNe, "id", int64_t{1}), f));
  // A fractional literal against an integer column.
  EXPECT_FALSE(May(Cmp(Op::kGt, "id", 4.5), f));
  EXPECT_TRUE(May(Cmp(Op::kGt, "id", 3.5), f));
  // Comparing with NULL is never true.
  EXPECT_FALSE(May(Cmp(Op::kEq, "id", Scalar{}), f));
}

TEST(FileSkipper, NullCounts) {
  const Add all_null = File(R"({"numRecords":3,"nullCount":{"id":3}})");
  EXPECT_FALSE(May(Cmp(Op::kEq, "id", int64_t{1}), all_null));
  EXPECT_FALSE(May(Unary(Op::kIsNotNull, "id"), all_null));
  EXPECT_TRUE(May(Unary(Op::kIsNull, "id"), all_null));
  const Add no_null = File(R"({"numRecords":3,"minValues":{"id":1},"maxValues":{"id":1},"nullCount":{"id":0}})");
  EXPECT_FALSE(May(Unary(Op::kIsNull, "id"), no_null));
  EXPECT_TRUE(May(Unary(Op::kIsNotNull, "id"), no_null));
  // NOT (id IS NOT NULL) == id IS NULL.
  EXPECT_FALSE(May(Node(Op::kNot, {Unary(Op::kIsNotNull, "id")}), no_null));
  // Unknown null count keeps the file for IS NULL.
  EXPECT_TRUE(May(Unary(Op::kIsNull, "id"), File(R"({"numRecords":3,"minValues":{"id":1}})")));
  // Wide bounds: a null count other than 0 or numRecords means nothing.
  const Add wide = File(R"({"numRecords":3,"nullCount":{"id":1},"tightBounds":false})");
  EXPECT_TRUE(May(Unary(Op::kIsNull, "id"), wide));
  EXPECT_TRUE(May(Unary(Op::kIsNotNull, "id"), wide));
}

TEST(FileSkipper, NotPushesThroughAndOr) {
  const Add f = File(kIdStats);
  EXPECT_FALSE(May(Node(Op::kNot, {Cmp(Op::kLt, "id", int64_t{5})}), f));  // id >= 5
  EXPECT_TRUE(May(Node(Op::kNot, {Cmp(Op::kLt, "id", int64_t{4})}), f));   // id >= 4
  // NOT (id > 0 AND id < 10) == id <= 0 OR id >= 10.
  EXPECT_FALSE(
      May(Node(Op::kNot, {Node(Op::kAnd, {Cmp(Op::kGt, "id", int64_t{0}), Cmp(Op::kLt, "id", int64_t{10})})}), f));
  // NOT NOT.
  EXPECT_FALSE(May(Node(Op::kNot, {Node(Op::kNot, {Cmp(Op::kEq, "id", int64_t{9})})}), f));
  // id != 5 is impossible only when every value is 5.
  const Add fives = File(R"({"numRecords":3,"minValues":{"id":5},"maxValues":{"id":5},"nullCount":{"id":1}})");
  EXPECT_FALSE(May(Node(Op::kNot, {Cmp(Op::kEq, "id", int64_t{5})}), fives));
  EXPECT_TRUE(May(Node(Op::kNot, {Cmp(Op::kEq, "id", int64_t{6})}), fives));
  // ... but not with wide bounds.
  const Add wide = File(R"({"numRecords":3,"minValues":{"id":5},"maxValues":{"id":5},"tightBounds":false})");
  EXPECT_TRUE(May(Cmp(Op::kNe, "id", int64_t{5}), wide));
}

TEST(FileSkipper, AndOr) {
  const Add f = File(kIdStats);
  EXPECT_TRUE(May(Node(Op::kOr, {Cmp(Op::kEq, "id", int64_t{10}), Cmp(Op::kEq, "name", std::string("b"))}), f));
  EXPECT_FALSE(May(Node(Op::kOr, {Cmp(Op::kEq, "id", int64_t{10}), Cmp(Op::kEq, "id", int64_t{0})}), f));
  EXPECT_FALSE(May(Node(Op::kAnd, {Cmp(Op::kEq, "id", int64_t{10}), Cmp(Op::kEq, "name", std::string("b"))}), f));
}

TEST(FileSkipper, InLists) {
  const Add f = File(kIdStats);
  EXPECT_FALSE(May(In("id", {int64_t{10}, int64_t{20}}), f));
  EXPECT_TRUE(May(In("id", {int64_t{3}, int64_t{20}}), f));
  EXPECT_FALSE(May(In("id", {Scalar{}, int64_t{20}}), f));  // NULL in the list matches nothing
  const Add fives = File(R"({"numRecords":3,"minValues":{"id":5},"maxValues":{"id":5},"nullCount":{"id":0}})");
  EXPECT_FALSE(May(Node(Op::kNot, {In("id", {int64_t{5}, int64_t{6}})}), fives));
  EXPECT_TRUE(May(Node(Op::kNot, {In("id", {int64_t{6}})}), fives));
  // x NOT IN (.., NULL) is never true.
  EXPECT_FALSE(May(Node(Op::kNot, {In("id", {int64_t{6}, Scalar{}})}), f));
}

TEST(FileSkipper, StringsAndTruncatedMax) {
  const Add f = File(R"({"numRecords":2,"minValues":{"name":"abc"},"maxValues":{"name":"abd"}})");
  EXPECT_FALSE(May(Cmp(Op::kEq, "name", std::string("zzz")), f));
  EXPECT_FALSE(May(Cmp(Op::kLt, "name", std::string("abc")), f));
  EXPECT_TRUE(May(Cmp(Op::kLe, "name", std::string("abc")), f));
  EXPECT_TRUE(May(Cmp(Op::kEq, "name", std::string("abcz")), f));
  // A 32-character max may have been cut: "aaaa...ab" could exist in the file.
  const std::string cut(32, 'a');
  const Add truncated = File(R"({"numRecords":2,"minValues":{"name":"a"},"maxValues":{"name":")" + cut + R"("}})");
  EXPECT_TRUE(May(Cmp(Op::kEq, "name", cut + "b"), truncated));
  EXPECT_TRUE(May(Cmp(Op::kGt, "name", cut), truncated));
  // Non-ASCII compares by UTF-8 bytes (= code points).
  const Add accents = File(R"({"numRecords":1,"minValues":{"name":"é"},"maxValues":{"name":"é"}})");
  EXPECT_FALSE(May(Cmp(Op::kLt, "name", std::string("z")), accents));
}

TEST(FileSkipper, TimestampsInMilliseconds) {
  const Add f = File(
      R"({"numRecords":2,"minValues":{"ts":"2024-01-01T10:00:00.000Z"},"maxValues":{"ts":"2024-01-01T10:00:00.123Z"}})");
  // The max was truncated to ms: 10:00:00.123500 may be in the file.
  EXPECT_TRUE(May(Cmp(Op::kGt, "ts", std::string("2024-01-01 10:00:00.123500")), f));
  EXPECT_TRUE(May(Cmp(Op::kEq, "ts", std::string("2024-01-01 10:00:00.123999")), f));
  EXPECT_FALSE(May(Cmp(Op::kGt, "ts", std::string("2024-01-01 10:00:01")), f));
  EXPECT_FALSE(May(Cmp(Op::kLt, "ts", std::string("2024-01-01 09:59:59")), f));
  // Offsets in stats are honoured.
  const Add offset = File(R"({"numRecords":1,"minValues":{"ts":"2024-01-01T12:00:00.000+02:00"},
                            "maxValues":{"ts":"2024-01-01T12:00:00.000+02:00"}})");
  EXPECT_TRUE(May(Cmp(Op::kEq, "ts", std::string("2024-01-01 10:00:00")), offset));
  EXPECT_FALSE(May(Cmp(Op::kEq, "ts", std::string("2024-01-01 12:00:00")), offset));
}

TEST(FileSkipper, DatesDecimalsDoubles) {
  const Add f = File(
      R"({"numRecords":2,"minValues":{"d":"2020-01-01","price":1.10,"f":-1.5},"maxValues":{"d":"2020-12-31","price":1.23,"f":2.5}})");
  EXPECT_FALSE(May(Cmp(Op::kGt, "d", std::string("2021-01-01")), f));
  EXPECT_TRUE(May(Cmp(Op::kEq, "d", std::string("2020-06-01")), f));
  EXPECT_FALSE(May(Cmp(Op::kGt, "price", 1.24), f));
  EXPECT_TRUE(May(Cmp(Op::kGe, "price", 1.23), f));
  EXPECT_FALSE(May(Cmp(Op::kLt, "f", -2.0), f));
  EXPECT_TRUE(May(Cmp(Op::kLt, "f", -1.0), f));
  // Non-numeric double stats ("NaN") are no bound.
  EXPECT_TRUE(May(Cmp(Op::kGt, "f", 100.0), File(R"({"numRecords":2,"maxValues":{"f":"NaN"}})")));
}

TEST(FileSkipper, NestedStatsByPath) {
  const Add f = File(R"({"numRecords":2,"minValues":{"s":{"x":1}},"maxValues":{"s":{"x":4}}})");
  EXPECT_FALSE(May(Cmp(Op::kEq, "s.x", int64_t{5}), f));
  EXPECT_TRUE(May(Cmp(Op::kEq, "s.x", int64_t{3}), f));
}

TEST(FileSkipper, PartitionValues) {
  EXPECT_FALSE(May(Cmp(Op::kEq, "part", std::string("x")), File(std::nullopt, {{"part", "y"}})));
  EXPECT_TRUE(May(Cmp(Op::kEq, "part", std::string("y")), File(std::nullopt, {{"part", "y"}})));
  EXPECT_TRUE(May(Unary(Op::kIsNull, "part"), File(std::nullopt, {{"part", std::nullopt}})));
  EXPECT_TRUE(May(Unary(Op::kIsNull, "part"), File(std::nullopt, {{"part", ""}})));
  EXPECT_FALSE(May(Unary(Op::kIsNull, "part"), File(std::nullopt, {{"part", "y"}})));
  EXPECT_FALSE(May(Cmp(Op::kEq, "part", std::string("x")), File(std::nullopt, {{"part", std::nullopt}})));
  EXPECT_FALSE(May(Node(Op::kNot, {Cmp(Op::kEq, "part", std::string("x"))}), File(std::nullopt, {{"part", ""}})));
  // No entry for the column at all: keep the file.
  EXPECT_TRUE(May(Cmp(Op::kEq, "part", std::string("x")), File(std::nullopt, {})));
}

TEST(FileSkipper, ColumnMappingUsesPhysicalNames) {
  auto s = std::make_shared<Schema>();
  s->fields = {MakeField("id", Int64(), true,
                         {{"delta.columnMapping.physicalName", "\"col-1\""}, {"delta.columnMapping.id", "1"}}),
               MakeField("part", String(), true, {{"delta.columnMapping.physicalName", "\"col-2\""}})};
  const Add f = File(R"({"numRecords":2,"minValues":{"col-1":1},"maxValues":{"col-1":4}})", {{"col-2", "z"}});
  EXPECT_FALSE(May(Cmp(Op::kEq, "id", int64_t{5}), f, ColumnMappingMode::kName, s));
  EXPECT_TRUE(May(Cmp(Op::kEq, "id", int64_t{3}), f, ColumnMappingMode::kName, s));
  EXPECT_FALSE(May(Cmp(Op::kEq, "part", std::string("y")), f, ColumnMappingMode::kName, s));
  EXPECT_TRUE(May(Cmp(Op::kEq, "part", std::string("z")), f, ColumnMappingMode::kId, s));
}

TEST(FileSkipper, BindErrors) {
  EXPECT_EQ(
      FileSkipper::Make(TestSchema(), {}, ColumnMappingMode::kNone, Cmp(Op::kEq, "nope", int64_t{1})).status().code(),
      StatusCode::kInvalid);
  EXPECT_FALSE(FileSkipper::Make(TestSchema(), {}, ColumnMappingMode::kNone, Cmp(Op::kEq, "d", int64_t{1})).ok());
}

RecordBatch TestBatch() {
  Int64Builder ids(Int64());
  ids.Append(1);
  ids.AppendNull();
  ids.Append(3);
  ids.Append(4);
  BinaryBuilder names(String());
  EXPECT_TRUE(names.Append("a").ok());
  EXPECT_TRUE(names.Append("b").ok());
  names.AppendNull();
  EXPECT_TRUE(names.Append("d").ok());
  auto schema = std::make_shared<Schema>();
  schema->fields = {MakeField("id", Int64()), MakeField("name", String())};
  return RecordBatch{schema, 4, {*ids.Finish(), *names.Finish()}};
}

std::vector<int64_t> Ids(const expr::Expr& p) {
  auto r = FilterBatch(TestBatch(), p);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  std::vector<int64_t> out;
  if (!r.ok()) return out;
  const Array& a = *r->columns[0];
  for (int64_t i = 0; i < a.length; ++i) out.push_back(a.IsNull(i) ? -1 : a.values<int64_t>()[i]);
  return out;
}

TEST(FilterBatch, ThreeValuedLogic) {
  EXPECT_EQ(Ids(Cmp(Op::kGt, "id", int64_t{1})), (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(Ids(Node(Op::kNot, {Cmp(Op::kEq, "id", int64_t{1})})), (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(Ids(Unary(Op::kIsNull, "id")), (std::vector<int64_t>{-1}));
  EXPECT_EQ(Ids(In("id", {int64_t{1}, Scalar{}})), (std::vector<int64_t>{1}));
  EXPECT_EQ(Ids(Node(Op::kNot, {In("id", {int64_t{1}, Scalar{}})})), (std::vector<int64_t>{}));
  // NULL OR TRUE is TRUE; NULL AND FALSE is FALSE.
  EXPECT_EQ(Ids(Node(Op::kOr, {Cmp(Op::kEq, "id", int64_t{9}), Cmp(Op::kEq, "name", std::string("b"))})),
            (std::vector<int64_t>{-1}));
  EXPECT_EQ(Ids(Node(Op::kNot, {Node(Op::kAnd, {Cmp(Op::kEq, "id", int64_t{3}), Unary(Op::kIsNotNull, "name")})})),
            (std::vector<int64_t>{1, 3, 4}));  // NOT (NULL AND TRUE) is NULL
  EXPECT_EQ(Ids(Cmp(Op::kGe, "name", std::string("b"))), (std::vector<int64_t>{-1, 4}));
  auto r = FilterBatch(TestBatch(), Cmp(Op::kGt, "id", int64_t{1}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->columns[1]->IsNull(0), true);
  EXPECT_EQ(r->columns[1]->StringValue(1), "d");
  EXPECT_FALSE(FilterBatch(TestBatch(), Cmp(Op::kEq, "zz", int64_t{1})).ok());
}

}  // namespace
}  // namespace sluice::delta
