#include "sluice/expr/evaluate.h"

#include "sluice/columnar/builder.h"
#include "sluice/columnar/take.h"
#include "sluice/expr/parse.h"
#include "sluice/stream/api/data_stream.h"
#include "stream/stream_test_util.h"

namespace sluice::stream {
namespace {

using columnar::Float64;
using columnar::Int32;
using columnar::Int64;
using columnar::String;
using testing::MakeBatch;
using testing::MakeSchema;
using testing::RowsOf;

RecordBatch Input() {
  return MakeBatch(MakeSchema({{"a", Int32()}, {"b", Int64()}, {"x", Float64()}, {"s", String()}}),
                   {{1, 10, 0.5, "p"}, {-7, 0, 2.0, "q"}, {Scalar(), 3, -1.0, Scalar()}, {4, -2, 1.5, "p"}});
}

// Binds `e` to the input's schema (folding constants) and evaluates it.
Result<columnar::ArrayPtr> Eval(const Expr& e, const RecordBatch& in) {
  SLUICE_ASSIGN_OR_RETURN(auto b, expr::Bind(e, *in.schema));
  return expr::Evaluate(expr::Fold(std::move(b)), in);
}

std::vector<Scalar> Column(const Expr& e) {
  auto a = Eval(e, Input());
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  std::vector<Scalar> out;
  for (int64_t i = 0; i < (*a)->length; ++i) out.push_back(ArrayValue(**a, i));
  return out;
}

TEST(ExpressionTest, IntegerArithmeticWidensAndNullsPropagate) {
  EXPECT_EQ(Column(Col("a") + Col("b") * Lit(2)), (std::vector<Scalar>{21, -7, Scalar(), 0}));
  EXPECT_EQ(Column(Col("b") / Col("a")), (std::vector<Scalar>{10, 0, Scalar(), 0}));
  // Integer division and modulo by zero give null.
  EXPECT_EQ(Column(Col("a") / Col("b")), (std::vector<Scalar>{0, Scalar(), Scalar(), -2}));
  EXPECT_EQ(Column(Col("b") % Lit(3)), (std::vector<Scalar>{1, 0, 0, -2}));
  EXPECT_EQ(Column(-Col("a")), (std::vector<Scalar>{-1, 7, Scalar(), -4}));
}

TEST(ExpressionTest, MixedArithmeticIsDouble) {
  EXPECT_EQ(Column(Col("a") * Col("x")), (std::vector<Scalar>{0.5, -14.0, Scalar(), 6.0}));
  EXPECT_EQ(Column(Col("x") / Lit(0)), (std::vector<Scalar>{INFINITY, INFINITY, -INFINITY, INFINITY}));
}

TEST(ExpressionTest, ComparisonsAndLogic) {
  EXPECT_EQ(Column(Col("a") > Lit(0)), (std::vector<Scalar>{true, false, Scalar(), true}));
  EXPECT_EQ(Column(Col("s") == Lit("p")), (std::vector<Scalar>{true, false, Scalar(), true}));
  EXPECT_EQ(Column(Col("s") < Lit("q")), (std::vector<Scalar>{true, false, Scalar(), true}));
  EXPECT_EQ(Column((Col("b") >= Lit(0)) && !(Col("x") < Lit(1.0))), (std::vector<Scalar>{false, true, false, false}));
  EXPECT_EQ(Column((Col("b") < Lit(0)) || (Col("x") == Lit(0.5))), (std::vector<Scalar>{true, false, false, true}));
}

TEST(ExpressionTest, TypesAndErrors) {
  auto schema = *Input().schema;
  auto type_of = [&](const Expr& e) { return expr::Bind(e, schema).value().type->id; };
  EXPECT_EQ(type_of(Col("a") + Col("b")), columnar::TypeId::kInt64);
  EXPECT_EQ(type_of(Col("a") + Col("x")), columnar::TypeId::kFloat64);
  EXPECT_EQ(type_of(Col("a") < Col("x")), columnar::TypeId::kBool);
  EXPECT_EQ(type_of(Col("s")), columnar::TypeId::kString);
  EXPECT_EQ(type_of(Col("A")), columnar::TypeId::kInt32);  // case-insensitive, as Spark
  auto unknown = expr::Bind(Col("zz") > Lit(1), schema);
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalid);
  EXPECT_NE(unknown.status().message().find("unknown column 'zz' (columns: a, b, x, s)"), std::string::npos)
      << unknown.status().ToString();
  EXPECT_NE(unknown.status().message().find("expression '(zz > 1)'"), std::string::npos);
  EXPECT_FALSE(expr::Bind(Col("s") + Lit(1), schema).ok());
  EXPECT_FALSE(expr::Bind(Col("s") < Lit(1), schema).ok());
  EXPECT_FALSE(expr::Bind(Col("a") && Lit(true), schema).ok());
  EXPECT_FALSE(expr::BindPredicate(Col("a") + Lit(1), schema).ok());
  EXPECT_EQ((Col("a") + Lit(1) > Lit("z")).ToString(), "((a + 1) > 'z')");
}

TEST(ExpressionTest, ThreeValuedLogicAndNullTests) {
  // Row 2 has a = null: NULL AND FALSE is FALSE, NULL OR TRUE is TRUE.
  EXPECT_EQ(Column((Col("a") > Lit(0)) && (Col("b") > Lit(5))), (std::vector<Scalar>{true, false, false, false}));
  EXPECT_EQ(Column((Col("a") > Lit(0)) || (Col("b") == Lit(3))), (std::vector<Scalar>{true, false, true, true}));
  EXPECT_EQ(Column((Col("a") > Lit(0)) || (Col("b") > Lit(5))), (std::vector<Scalar>{true, false, Scalar(), true}));
  EXPECT_EQ(Column(!(Col("a") > Lit(0))), (std::vector<Scalar>{false, true, Scalar(), false}));
  EXPECT_EQ(Column(expr::IsNull(Col("s"))), (std::vector<Scalar>{false, false, true, false}));
  EXPECT_EQ(Column(expr::IsNotNull(Col("a"))), (std::vector<Scalar>{true, true, false, true}));
  EXPECT_EQ(Column(expr::In(Col("a"), {1, 4})), (std::vector<Scalar>{true, false, Scalar(), true}));
  // x IN (.., NULL) is never false: null where it does not match.
  EXPECT_EQ(Column(expr::In(Col("a"), {1, Scalar()})), (std::vector<Scalar>{true, Scalar(), Scalar(), Scalar()}));
}

TEST(ExpressionTest, LiteralsTakeTheColumnType) {
  auto schema = MakeSchema({{"d", columnar::Date32()},
                            {"ts", columnar::Timestamp(columnar::TimeUnit::kMilli, true)},
                            {"p", columnar::Decimal128(10, 2)}});
  columnar::NumericBuilder<int32_t> d(columnar::Date32());
  for (int32_t v : {19753, 19754}) d.Append(v);  // 2024-01-31, 2024-02-01
  columnar::NumericBuilder<int64_t> ts(schema->fields[1]->type);
  for (int64_t v : {1706695200000, 1706695200001}) ts.Append(v);  // 2024-01-31 10:00:00.000 / .001 UTC
  columnar::FixedSizeBinaryBuilder p(schema->fields[2]->type);
  for (__int128 v : {1250, 999}) p.AppendDecimal(v);  // 12.50, 9.99
  RecordBatch in{schema, 2, {*d.Finish(), *ts.Finish(), *p.Finish()}};
  auto rows = [&](std::string_view text) {
    auto e = expr::ParseExpr(text);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    auto a = Eval(*e, in);
    EXPECT_TRUE(a.ok()) << text << ": " << a.status().ToString();
    std::vector<Scalar> out;
    if (a.ok()) {
      for (int64_t i = 0; i < (*a)->length; ++i) out.push_back(ArrayValue(**a, i));
    }
    return out;
  };
  EXPECT_EQ(rows("d = '2024-01-31'"), (std::vector<Scalar>{true, false}));
  EXPECT_EQ(rows("d >= DATE '2024-02-01'"), (std::vector<Scalar>{false, true}));
  EXPECT_EQ(rows("ts > '2024-01-31 10:00:00'"), (std::vector<Scalar>{false, true}));
  EXPECT_EQ(rows("p > 10"), (std::vector<Scalar>{true, false}));
  EXPECT_EQ(rows("p = '9.99'"), (std::vector<Scalar>{false, true}));
  EXPECT_EQ(rows("p BETWEEN 9.5 AND 12.5"), (std::vector<Scalar>{true, true}));
  auto bad = expr::Bind(*expr::ParseExpr("d = 'soon'"), *schema);
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("cannot compare d (date32) with 'soon'"), std::string::npos)
      << bad.status().ToString();
}

TEST(ExpressionTest, FoldingLeavesColumnsAlone) {
  auto schema = *Input().schema;
  auto fold = [&](const Expr& e) { return expr::Fold(expr::Bind(e, schema).value()).ToString(); };
  EXPECT_EQ(fold(Lit(1) + Lit(2) * Lit(3)), "7");
  EXPECT_EQ(fold(Col("a") > Lit(1) + Lit(1)), "(a > 2)");
  EXPECT_EQ(fold((Col("a") > Lit(1)) && (Lit(1) < Lit(2))), "(a > 1)");
  EXPECT_EQ(fold((Col("a") > Lit(1)) && (Lit(1) > Lit(2))), "FALSE");
  EXPECT_EQ(fold((Col("a") > Lit(1)) || !(Lit(1) > Lit(2))), "TRUE");
  EXPECT_EQ(fold(Lit(1) / Lit(0)), "NULL");
}

TEST(KernelsTest, FilterAndTakeKeepNullsAndStrings) {
  RecordBatch in = Input();
  auto mask = Eval(Col("b") >= Lit(0), in);
  ASSERT_TRUE(mask.ok());
  auto out = columnar::FilterRows(in, **mask);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE(out->Validate().ok());
  EXPECT_EQ(RowsOf({*out}),
            (std::vector<Scalars>{{1, 10, 0.5, "p"}, {-7, 0, 2.0, "q"}, {Scalar(), 3, -1.0, Scalar()}}));
  std::vector<int32_t> idx = {3, 3, 2};
  auto taken = columnar::TakeRows(in.Slice(0, 4), idx);
  ASSERT_TRUE(taken.ok());
  ASSERT_TRUE(taken->Validate().ok());
  EXPECT_EQ(RowsOf({*taken}),
            (std::vector<Scalars>{{4, -2, 1.5, "p"}, {4, -2, 1.5, "p"}, {Scalar(), 3, -1.0, Scalar()}}));
  // A sliced input: offsets are honoured.
  auto sliced = columnar::TakeRows(in.Slice(1, 2), std::vector<int32_t>{1, 0});
  ASSERT_TRUE(sliced.ok());
  EXPECT_EQ(RowsOf({*sliced}), (std::vector<Scalars>{{Scalar(), 3, -1.0, Scalar()}, {-7, 0, 2.0, "q"}}));
}

}  // namespace
}  // namespace sluice::stream
