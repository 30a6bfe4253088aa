#pragma once

// Temporary files and whole-file reads shared by the text reader tests.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/columnar/json_format.h"
#include "sluice/columnar/record_batch_reader.h"
#include "sluice/formats/text_readers.h"

namespace sluice::formats::testing {

using ReaderResult = Result<std::unique_ptr<columnar::RecordBatchReader>>;

inline columnar::SchemaPtr MakeSchema(std::vector<columnar::FieldPtr> fields) {
  auto s = std::make_shared<columnar::Schema>();
  s->fields = std::move(fields);
  return s;
}

class TextFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sluice_formats_test_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes `content` to a new file `name` in the test directory; returns its path.
  std::string Write(const std::string& name, std::string_view content) {
    std::string path = dir_ + "/" + name;
    std::ofstream out(path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    return path;
  }

  // Reads every batch, checking each; the first error is returned.
  static Result<std::vector<columnar::RecordBatch>> ReadAll(columnar::RecordBatchReader* reader) {
    std::vector<columnar::RecordBatch> out;
    for (;;) {
      SLUICE_ASSIGN_OR_RETURN(auto batch, reader->Next());
      if (!batch) break;
      SLUICE_RETURN_NOT_OK(batch->Validate());
      if (!batch->schema->Equals(*reader->schema())) return Status::Invalid("batch schema differs from reader's");
      out.push_back(std::move(*batch));
    }
    return out;
  }

  // All rows of all batches as JSON lines.
  static std::string Json(const std::vector<columnar::RecordBatch>& batches) {
    std::string out;
    for (const auto& b : batches) out += columnar::RecordBatchToJsonLines(b);
    return out;
  }

  // Reads all of an opened reader, failing the test on error; keeps its schema in schema_.
  std::vector<columnar::RecordBatch> ReadOrFail(ReaderResult r) {
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return {};
    schema_ = (*r)->schema();
    auto batches = ReadAll(r->get());
    EXPECT_TRUE(batches.ok()) << batches.status().ToString();
    return batches.ok() ? *batches : std::vector<columnar::RecordBatch>{};
  }
  // The error opening or reading; fails the test when there is none.
  static Status ErrorOf(ReaderResult r) {
    if (!r.ok()) return r.status();
    auto batches = ReadAll(r->get());
    if (!batches.ok()) return batches.status();
    ADD_FAILURE() << "expected an error";
    return Status::OK();
  }

  std::string dir_;
  columnar::SchemaPtr schema_;
};

}  // namespace sluice::formats::testing
