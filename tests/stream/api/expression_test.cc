#include "sluice/stream/api/expression.h"

#include "sluice/columnar/take.h"
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

std::vector<Scalar> Column(const Expr& e) {
  auto a = Evaluate(e, Input());
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
  EXPECT_EQ((*ResultType(Col("a") + Col("b"), schema))->id, columnar::TypeId::kInt64);
  EXPECT_EQ((*ResultType(Col("a") + Col("x"), schema))->id, columnar::TypeId::kFloat64);
  EXPECT_EQ((*ResultType(Col("a") < Col("x"), schema))->id, columnar::TypeId::kBool);
  EXPECT_EQ((*ResultType(Col("s"), schema))->id, columnar::TypeId::kString);
  EXPECT_EQ(ResultType(Col("zz"), schema).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(ResultType(Col("s") + Lit(1), schema).ok());
  EXPECT_FALSE(Evaluate(Col("s") + Lit(1), Input()).ok());
  EXPECT_FALSE(Evaluate(Col("s") < Lit(1), Input()).ok());
  EXPECT_FALSE(Evaluate(Col("a") && Lit(true), Input()).ok());
  EXPECT_EQ((Col("a") + Lit(1) > Lit("z")).ToString(), "((a + 1) > 'z')");
}

TEST(KernelsTest, FilterAndTakeKeepNullsAndStrings) {
  RecordBatch in = Input();
  auto mask = Evaluate(Col("b") >= Lit(0), in);
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

TEST(ValueTest, OrderEncodingRoundTrip) {
  Scalars vs = {Scalar(), Scalar(false), Scalar(true), Scalar(-3), Scalar(2.5), Scalar(3), Scalar("a"), Scalar("b")};
  for (size_t i = 0; i + 1 < vs.size(); ++i) EXPECT_LT(vs[i], vs[i + 1]) << i;
  EXPECT_EQ(Scalar(2), Scalar(2.0));
  std::string enc;
  EncodeScalars(vs, &enc);
  Scalars back;
  size_t pos = 0;
  ASSERT_TRUE(DecodeScalars(enc, &pos, &back));
  EXPECT_EQ(back, vs);
  EXPECT_EQ(pos, enc.size());
  for (size_t cut = 0; cut < enc.size(); ++cut) {
    pos = 0;
    EXPECT_FALSE(DecodeScalars(std::string_view(enc).substr(0, cut), &pos, &back)) << cut;
  }
}

}  // namespace
}  // namespace sluice::stream
