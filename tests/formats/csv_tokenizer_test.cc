#include "sluice/formats/csv_tokenizer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace sluice::formats {
namespace {

// Everything ReadRows returned, as comparable text.
std::string Dump(CsvTokenizer* t, int columns, std::mt19937_64* rng) {
  std::string out;
  CsvRows rows;
  for (;;) {
    Status st = t->ReadRows(columns, 1 + static_cast<int64_t>((*rng)() % 7), &rows);
    if (!st.ok()) return out + "error: " + st.message();
    if (rows.num_rows == 0) return out;
    for (int64_t r = 0; r < rows.num_rows; ++r) {
      out += "line " + std::to_string(rows.lines[r]) + ":";
      for (int c = 0; c < columns; ++c) {
        const CsvField& f = rows.column(c)[r];
        out += (f.quoted ? " q[" : " [") + std::string(f.view()) + "]";
      }
      out += "\n";
    }
  }
}

// The fast (bit mask) path must read exactly what the scalar state machine
// reads, on text full of quotes in odd places, CR/LF mixes, empty lines,
// wrong field counts and unclosed quotes, at every alignment.
TEST(CsvTokenizerTest, FastPathMatchesScalarPath) {
  std::mt19937_64 rng(5);
  const std::vector<std::string> pieces = {"a",  "bc", ",", "\"",    "\"\"",  "\n", "\r\n",
                                           "\r", "x ", "é", "\",\"", "\"a\"", ";",  std::string(40, 'z')};
  CsvOptions options;
  int differences = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 120);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    const int columns = 1 + static_cast<int>(rng() % 3);
    const uint64_t seed = rng();
    std::mt19937_64 rng_fast(seed), rng_scalar(seed);
    CsvTokenizer fast(text, options, "f.csv");
    CsvTokenizer scalar(text, options, "f.csv", /*scalar_only=*/true);
    const std::string a = Dump(&fast, columns, &rng_fast);
    const std::string b = Dump(&scalar, columns, &rng_scalar);
    if (a != b && ++differences <= 3) {
      ADD_FAILURE() << "text: '" << text << "' columns " << columns << "\nfast:\n" << a << "\nscalar:\n" << b;
    }
  }
  EXPECT_EQ(differences, 0);
}

TEST(CsvTokenizerTest, ReadRowHandlesAnyWidth) {
  const std::string text = "\n\n\"a,1\",b,,\"c\"\"\"\r\nd\n";
  CsvTokenizer t(text, CsvOptions{}, "f.csv");
  std::vector<CsvField> fields;
  int64_t line = 0;
  auto r = t.ReadRow(&fields, &line);
  ASSERT_TRUE(r.ok() && *r);
  EXPECT_EQ(line, 3);
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[0].view(), "a,1");
  EXPECT_EQ(fields[2].view(), "");
  EXPECT_EQ(fields[3].view(), "c\"");
  r = t.ReadRow(&fields, &line);
  ASSERT_TRUE(r.ok() && *r);
  EXPECT_EQ(line, 4);
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(fields[0].view(), "d");
  r = t.ReadRow(&fields, &line);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(*r);
}

}  // namespace
}  // namespace sluice::formats
