// Decodes the value sections of real parquet-mr files from parquet-testing
// and compares them with the expected CSVs. There is no page reader at this
// layer, so the tests locate each page's encoded values by their header bytes
// (uncompressed files, required/no-null data: the value section follows the
// page header directly).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "sluice/parquet/encoding/delta_binary_packed.h"
#include "sluice/parquet/encoding/delta_byte_array.h"

namespace sluice::parquet::encoding {
namespace {

const std::string kDir = std::string(SLUICE_TESTDATA_DIR) + "/parquet-testing/data/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Rows of a CSV whose quoted fields may hold commas (no embedded quotes or
// newlines); a null (empty unquoted field) is returned as std::nullopt.
std::vector<std::vector<std::optional<std::string>>> ReadCsv(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::optional<std::string>> row;
    size_t i = 0;
    while (true) {
      if (i < line.size() && line[i] == '"') {
        const size_t close = line.find('"', i + 1);
        row.push_back(line.substr(i + 1, close - i - 1));
        i = close + 1;
      } else {
        const size_t comma = std::min(line.find(',', i), line.size());
        if (comma == i) {
          row.push_back(std::nullopt);
        } else {
          row.push_back(line.substr(i, comma - i));
        }
        i = comma;
      }
      if (i >= line.size()) break;
      ++i;  // the comma
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<size_t> FindAll(const std::string& hay, const std::string& needle, size_t from = 0,
                            size_t to = std::string::npos) {
  std::vector<size_t> out;
  for (size_t p = hay.find(needle, from); p != std::string::npos && p < to; p = hay.find(needle, p + 1)) {
    out.push_back(p);
  }
  return out;
}

TEST(ParquetTestingFiles, DeltaBinaryPacked) {
  const std::string file = ReadFile(kDir + "delta_binary_packed.parquet");
  if (file.empty()) GTEST_SKIP() << "parquet-testing not available";
  auto rows = ReadCsv(kDir + "delta_binary_packed_expect.csv");
  ASSERT_EQ(rows.size(), 200u);
  // Block 128, 4 miniblocks, 200 values: one page per column, in column order.
  auto pages = FindAll(file, std::string("\x80\x01\x04\xC8\x01", 5));
  ASSERT_EQ(pages.size(), 66u);
  const auto* base = reinterpret_cast<const uint8_t*>(file.data());
  for (size_t col = 0; col < 66; ++col) {
    const uint8_t* data = base + pages[col];
    const int64_t size = static_cast<int64_t>(file.size() - pages[col]);
    std::vector<int64_t> values(200);
    if (col < 65) {
      DeltaBinaryPackedDecoder<int64_t> dec;
      ASSERT_TRUE(dec.Init(data, size).ok());
      ASSERT_EQ(*dec.Decode(values.data(), 200), 200) << col;
    } else {  // int_value is INT32
      DeltaBinaryPackedDecoder<int32_t> dec;
      ASSERT_TRUE(dec.Init(data, size).ok());
      std::vector<int32_t> v32(200);
      ASSERT_EQ(*dec.Decode(v32.data(), 200), 200);
      values.assign(v32.begin(), v32.end());
    }
    for (size_t r = 0; r < 200; ++r) {
      ASSERT_EQ(values[r], std::stoll(*rows[r][col])) << "column " << col << " row " << r;
    }
  }
}

TEST(ParquetTestingFiles, DeltaByteArray) {
  const std::string file = ReadFile(kDir + "delta_byte_array.parquet");
  if (file.empty()) GTEST_SKIP() << "parquet-testing not available";
  auto rows = ReadCsv(kDir + "delta_byte_array_expect.csv");
  ASSERT_EQ(rows.size(), 1000u);
  // Column chunk ranges from delta_byte_array.md (FPO, SZ); c_login (all null) skipped.
  struct Chunk {
    size_t col, offset, size;
  };
  const Chunk chunks[] = {{0, 4, 8248},     {1, 8252, 3362},  {2, 11614, 6595},  {3, 18209, 6955},
                          {4, 25164, 1220}, {5, 26384, 9599}, {7, 36025, 27763}, {8, 63788, 3511}};
  const auto* base = reinterpret_cast<const uint8_t*>(file.data());
  for (const Chunk& c : chunks) {
    std::vector<std::string> expected;
    for (auto& row : rows) {
      if (row[c.col]) expected.push_back(*row[c.col]);
    }
    // Prefix-length header: block 128, 4 miniblocks, non-null count, first prefix 0.
    std::string sig("\x80\x01\x04", 3);
    for (uint64_t n = expected.size();; n >>= 7) {
      if (n < 0x80) {
        sig.push_back(static_cast<char>(n));
        break;
      }
      sig.push_back(static_cast<char>((n & 0x7f) | 0x80));
    }
    sig.push_back('\0');
    auto at = FindAll(file, sig, c.offset, c.offset + c.size);
    ASSERT_FALSE(at.empty()) << "column " << c.col;
    DeltaByteArrayDecoder dec;
    Status st = dec.Init(base + at[0], static_cast<int64_t>(c.offset + c.size - at[0]));
    ASSERT_TRUE(st.ok()) << st.ToString();
    Buffer offsets, data;
    offsets.AppendValue<int32_t>(0);
    auto got = dec.Decode(&offsets, &data, 100000);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_EQ(*got, static_cast<int64_t>(expected.size())) << "column " << c.col;
    const int32_t* o = offsets.data_as<int32_t>();
    for (size_t i = 0; i < expected.size(); ++i) {
      ASSERT_EQ(data.view().substr(o[i], o[i + 1] - o[i]), expected[i]) << "column " << c.col << " value " << i;
    }
  }
}

}  // namespace
}  // namespace sluice::parquet::encoding
