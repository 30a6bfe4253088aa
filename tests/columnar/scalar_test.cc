#include "sluice/columnar/scalar.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::columnar {
namespace {

TEST(ScalarTest, OrderEncodingRoundTrip) {
  Scalars vs = {Scalar(),  Scalar(false), Scalar(true), Scalar(-3), Scalar(2.5), Scalar(__int128{3}),
                Scalar(4), Scalar("a"),   Scalar("b")};
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

TEST(ScalarTest, NumbersCompareAcrossKinds) {
  EXPECT_EQ(Scalar(__int128{5}), Scalar(5));
  EXPECT_LT(Scalar(5), Scalar(__int128{6}));
  EXPECT_LT(Scalar(2.5), Scalar(__int128{3}));
  EXPECT_EQ(Scalar(__int128{-12345678901234567}).ToString(), "-12345678901234567");
  __int128 big = 1;
  for (int i = 0; i < 37; ++i) big *= 10;
  EXPECT_EQ(Scalar(big).ToString(), "1" + std::string(37, '0'));
  EXPECT_TRUE(std::holds_alternative<__int128>(Scalar(big)));
}

}  // namespace
}  // namespace sluice::columnar
