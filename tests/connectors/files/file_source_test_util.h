#pragma once

// Files of known rows for the file source tests: (id int64, name string,
// score double), written as CSV, JSON lines or Parquet.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sluice/columnar/data_type.h"
#include "sluice/connectors/files/file_source.h"
#include "sluice/parquet/file_writer.h"
#include "sluice/stream/api/source.h"
#include "stream/stream_test_util.h"

namespace sluice::stream::testing {

// The row with id `id`: names need CSV quoting (a comma, a doubled quote).
inline Scalars FileRow(int64_t id) {
  std::string name = "n," + std::to_string(id);
  if (id % 7 == 0) name += "\"q\"";
  return {Scalar(id), Scalar(name), Scalar(static_cast<double>(id) + 0.25)};
}

inline std::vector<Scalars> FileRows(int64_t first, int64_t count) {
  std::vector<Scalars> rows;
  for (int64_t i = first; i < first + count; ++i) rows.push_back(FileRow(i));
  return rows;
}

inline SchemaPtr FileRowSchema() {
  return MakeSchema({{"id", columnar::Int64()}, {"name", columnar::String()}, {"score", columnar::Float64()}});
}

inline std::string CsvText(const std::vector<Scalars>& rows) {
  std::string out = "id,name,score\n";
  for (const auto& r : rows) {
    std::string name;
    for (char c : r[1].string_value()) name += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += r[0].ToString() + ",\"" + name + "\"," + r[2].ToString() + "\n";
  }
  return out;
}

inline std::string JsonLinesText(const std::vector<Scalars>& rows) {
  std::string out;
  for (const auto& r : rows) {
    std::string name;
    for (char c : r[1].string_value()) name += c == '"' ? std::string("\\\"") : std::string(1, c);
    out += "{\"id\":" + r[0].ToString() + ",\"name\":\"" + name + "\",\"score\":" + r[2].ToString() + "}\n";
  }
  return out;
}

inline std::vector<Scalars> Sorted(std::vector<Scalars> rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

// A fresh temporary directory per test, removed afterwards.
class FileSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("sluice_files_" + std::to_string(::getpid()) + "_" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // Writes `content` to `name` (parents created); returns its path.
  std::string WriteText(const std::string& name, const std::string& content) {
    const std::filesystem::path p = dir_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << content;
    return p.string();
  }

  // Writes `rows` as `format` ("csv", "jsonl" or "parquet") into `name`.
  std::string WriteRows(const std::string& name, const std::string& format, const std::vector<Scalars>& rows) {
    if (format == "csv") return WriteText(name, CsvText(rows));
    if (format == "jsonl") return WriteText(name, JsonLinesText(rows));
    const std::filesystem::path p = dir_ / name;
    std::filesystem::create_directories(p.parent_path());
    auto writer = parquet::FileWriter::Open(p.string(), FileRowSchema());
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    // Several batches: several row groups.
    for (size_t i = 0; i < rows.size(); i += 50) {
      std::vector<Scalars> part(rows.begin() + i, rows.begin() + std::min(rows.size(), i + 50));
      EXPECT_TRUE((*writer)->Write(MakeBatch(FileRowSchema(), part)).ok());
    }
    EXPECT_TRUE((*writer)->Close().ok());
    return p.string();
  }

  // Writes to a hidden temporary name, then renames into place (atomic).
  std::string WriteRowsByRename(const std::string& dir, const std::string& name, const std::string& format,
                                const std::vector<Scalars>& rows) {
    const std::string tmp = WriteRows(dir + "/." + name + ".tmp", format, rows);
    const std::string final_path = Path(dir + "/" + name);
    std::filesystem::rename(tmp, final_path);
    return final_path;
  }

  std::filesystem::path dir_;
};

// Reads everything `reader` gives until kEnd (or `max_batches`), checking
// every batch has `schema`.
inline Result<std::vector<Scalars>> Drain(SourceReader* reader, const SchemaPtr& schema, int64_t max_batches = -1) {
  std::vector<RecordBatch> batches;
  for (int64_t n = 0; max_batches < 0 || n < max_batches; ++n) {
    SLUICE_ASSIGN_OR_RETURN(ReadResult r, reader->Read(1 << 20));
    if (r.kind == ReadResult::Kind::kEnd) break;
    if (r.kind == ReadResult::Kind::kNothingYet) continue;
    SLUICE_RETURN_NOT_OK(r.batch.Validate());
    if (r.batch.schema != schema) return Status::Invalid("batch schema is not the source's");
    batches.push_back(std::move(r.batch));
  }
  return RowsOf(batches);
}

}  // namespace sluice::stream::testing
