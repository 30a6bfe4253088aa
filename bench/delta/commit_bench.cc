// Small-commit rate of sluice's Delta writer: N appends of a few rows each
// into one table (a fresh snapshot load, a data file and a commit per append,
// checkpoints every 10 commits as the table property says), in one process.
// Usage: commit_bench TABLE_DIR COMMITS ROWS_PER_COMMIT
// Prints {"commits":N,"seconds":S,"commits_per_s":R} as JSON.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sluice/columnar/builder.h"
#include "sluice/delta/write/table_writer.h"

namespace {

using namespace sluice;

class OneBatch final : public columnar::RecordBatchReader {
 public:
  explicit OneBatch(columnar::RecordBatch b) : batch_(std::move(b)) {}
  const columnar::SchemaPtr& schema() const override { return batch_.schema; }
  Result<std::optional<columnar::RecordBatch>> Next() override {
    if (done_) return std::optional<columnar::RecordBatch>();
    done_ = true;
    return std::optional<columnar::RecordBatch>(batch_);
  }

 private:
  columnar::RecordBatch batch_;
  bool done_ = false;
};

columnar::RecordBatch MakeBatch(int64_t first, int64_t rows) {
  columnar::Int64Builder ids(columnar::Int64());
  columnar::BinaryBuilder names(columnar::String());
  for (int64_t i = 0; i < rows; ++i) {
    ids.Append(first + i);
    (void)names.Append("name-" + std::to_string(first + i));
  }
  columnar::RecordBatch b;
  b.schema = std::make_shared<columnar::Schema>(columnar::Schema{
      {columnar::MakeField("id", columnar::Int64()), columnar::MakeField("name", columnar::String())}, {}});
  b.num_rows = rows;
  b.columns = {*ids.Finish(), *names.Finish()};
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: commit_bench TABLE_DIR COMMITS ROWS_PER_COMMIT\n");
    return 2;
  }
  const std::string root = argv[1];
  const int64_t commits = std::atoll(argv[2]);
  const int64_t rows = std::atoll(argv[3]);
  auto fs = io::LocalFileSystem();
  const auto start = std::chrono::steady_clock::now();
  for (int64_t c = 0; c < commits; ++c) {
    OneBatch input(MakeBatch(c * rows, rows));
    auto r = delta::WriteTable(fs, root, input);
    if (!r.ok()) {
      std::fprintf(stderr, "commit_bench: %s\n", r.status().ToString().c_str());
      return 1;
    }
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"commits\":%lld,\"seconds\":%.4f,\"commits_per_s\":%.1f}\n", static_cast<long long>(commits), s,
              commits / s);
  return 0;
}
