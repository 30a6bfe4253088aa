// FormatTable: the `--format table` rendering of a batch.

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sluice/columnar/json_format.h"

namespace sluice::columnar {
namespace {

constexpr size_t kMaxCellWidth = 48;

// Display width: UTF-8 code points (continuation bytes do not count).
size_t Width(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xc0) != 0x80; }));
}

// Cuts `s` to at most kMaxCellWidth code points, marking the cut with "...".
std::string Truncate(std::string s) {
  if (Width(s) <= kMaxCellWidth) return s;
  size_t points = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((s[i] & 0xc0) != 0x80 && ++points > kMaxCellWidth - 3) break;
  }
  s.resize(i);
  return s + "...";
}

bool IsNumeric(TypeId id) { return id >= TypeId::kInt8 && id <= TypeId::kFloat64; }

// The cell text: JSON, with the quotes of a top-level string dropped.
std::string Cell(const Array& a, int64_t row) {
  std::string text;
  AppendJsonValue(a, row, &text);
  if (a.type->id == TypeId::kString && a.IsValid(row) && text.size() >= 2) text = text.substr(1, text.size() - 2);
  return Truncate(std::move(text));
}

void Pad(std::string_view s, size_t width, bool right, std::string* out) {
  const size_t pad = width - std::min(width, Width(s));
  if (right) out->append(pad, ' ');
  *out += s;
  if (!right) out->append(pad, ' ');
}

}  // namespace

std::string FormatTable(std::span<const RecordBatch> batches, int64_t max_rows) {
  if (batches.empty()) return {};
  const SchemaPtr& schema = batches[0].schema;
  int64_t total = 0;
  for (const RecordBatch& b : batches) total += b.num_rows;
  const int64_t rows = max_rows < 0 ? total : std::min(max_rows, total);
  const size_t ncols = schema->fields.size();
  std::vector<std::vector<std::string>> cells(ncols);
  std::vector<size_t> widths(ncols);
  std::vector<bool> numeric(ncols);
  for (size_t c = 0; c < ncols; ++c) {
    widths[c] = Width(schema->fields[c]->name);
    numeric[c] = IsNumeric(schema->fields[c]->type->id);
    cells[c].reserve(static_cast<size_t>(rows));
  }
  int64_t left = rows;
  for (const RecordBatch& b : batches) {
    const int64_t n = std::min(left, b.num_rows);
    for (size_t c = 0; c < ncols; ++c) {
      for (int64_t r = 0; r < n; ++r) {
        cells[c].push_back(Cell(*b.columns[c], r));
        widths[c] = std::max(widths[c], Width(cells[c].back()));
      }
    }
    left -= n;
    if (left == 0) break;
  }
  std::string out;
  auto separator = [&]() {
    for (size_t c = 0; c < ncols; ++c) {
      if (c == 0) out.push_back('+');
      out.append(widths[c] + 2, '-');
      out += "+";
    }
    out += "\n";
  };
  separator();
  for (size_t c = 0; c < ncols; ++c) {
    if (c == 0) out.push_back('|');
    out.push_back(' ');
    Pad(schema->fields[c]->name, widths[c], false, &out);
    out += " |";
  }
  out += "\n";
  separator();
  for (int64_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < ncols; ++c) {
      if (c == 0) out.push_back('|');
      out.push_back(' ');
      Pad(cells[c][static_cast<size_t>(r)], widths[c], numeric[c], &out);
      out += " |";
    }
    out += "\n";
  }
  separator();
  if (rows < total) out.append(fmt::format("({} of {} rows)\n", rows, total));
  return out;
}

std::string FormatTable(const RecordBatch& batch, int64_t max_rows) {
  return FormatTable(std::span<const RecordBatch>(&batch, 1), max_rows);
}

}  // namespace sluice::columnar
