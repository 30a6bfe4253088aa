#include "sluice/cli/print_batches.h"

#include <vector>

#include "sluice/columnar/json_format.h"

namespace sluice::cli {
Status WriteText(std::FILE* out, const std::string& text, const std::string& out_name) {
  if (!text.empty() && std::fwrite(text.data(), 1, text.size(), out) != text.size()) {
    return Status::IOError("cannot write to {}", out_name);
  }
  return Status::OK();
}

Status PrintBatches(const NextBatch& next, const std::string& format, int64_t limit, std::FILE* out,
                    const std::string& out_name) {
  if (format != "jsonl" && format != "table") {
    return Status::Invalid("unknown --format '{}' (expected jsonl or table)", format);
  }
  std::vector<columnar::RecordBatch> kept;  // "table": every batch until the end
  int64_t left = limit < 0 ? INT64_MAX : limit;
  while (left > 0) {
    SLUICE_ASSIGN_OR_RETURN(auto batch, next());
    if (!batch) break;
    columnar::RecordBatch b = batch->num_rows > left ? batch->Slice(0, left) : std::move(*batch);
    left -= b.num_rows;
    if (format == "jsonl") {
      SLUICE_RETURN_NOT_OK(WriteText(out, columnar::RecordBatchToJsonLines(b), out_name));
    } else {
      kept.push_back(std::move(b));
    }
  }
  if (format == "table") return WriteText(out, columnar::FormatTable(kept, -1), out_name);
  return Status::OK();
}

}  // namespace sluice::cli
