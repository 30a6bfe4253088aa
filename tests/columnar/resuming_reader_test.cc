#include "sluice/columnar/resuming_reader.h"

#include <gtest/gtest.h>

#include <vector>

#include "columnar/test_arrays.h"

namespace sluice::columnar {
namespace {

// Batches of 3, 0 and 4 rows holding 0..6.
class Numbers final : public RecordBatchReader {
 public:
  Numbers() : schema_(std::make_shared<Schema>(Schema{{MakeField("n", Int64())}, {}})) {}
  const SchemaPtr& schema() const override { return schema_; }
  Result<std::optional<RecordBatch>> Next() override {
    static const std::vector<std::vector<int64_t>> kBatches = {{0, 1, 2}, {}, {3, 4, 5, 6}};
    if (next_ == kBatches.size()) return std::optional<RecordBatch>();
    const auto& v = kBatches[next_++];
    return std::optional<RecordBatch>(
        RecordBatch{schema_,
                    static_cast<int64_t>(v.size()),
                    {testing::MakeNumeric<int64_t>(Int64(), v, std::vector<bool>(v.size(), true))}});
  }

 private:
  SchemaPtr schema_;
  size_t next_ = 0;
};

std::vector<int64_t> ReadFrom(int64_t start, Status* error = nullptr) {
  ResumingReader r(std::make_unique<Numbers>(), start);
  std::vector<int64_t> out;
  while (true) {
    auto b = r.Next();
    if (!b.ok()) {
      if (error) *error = b.status();
      return out;
    }
    if (!*b) break;
    for (int64_t i = 0; i < (*b)->num_rows; ++i) out.push_back((*b)->columns[0]->values<int64_t>()[i]);
    EXPECT_EQ(r.position(), out.back() + 1);
  }
  EXPECT_EQ(r.position(), 7);
  return out;
}

TEST(ResumingReaderTest, SkipsExactlyTheRowsBeforeStart) {
  for (int64_t start = 0; start <= 7; ++start) {
    std::vector<int64_t> want;
    for (int64_t i = start; i < 7; ++i) want.push_back(i);
    EXPECT_EQ(ReadFrom(start), want) << start;
  }
}

TEST(ResumingReaderTest, FewerRowsThanTheCheckpointIsInvalid) {
  Status st;
  EXPECT_TRUE(ReadFrom(9, &st).empty());
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_NE(st.message().find("the file has 7 rows, but the checkpoint had read 9"), std::string::npos)
      << st.ToString();
}

}  // namespace
}  // namespace sluice::columnar
