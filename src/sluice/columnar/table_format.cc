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

std::string FormatTable(const RecordBatch& batch, int64_t max_rows) {
  const int64_t rows = max_rows < 0 ? batch.num_rows : std::min(max_rows, batch.num_rows);
  const size_t ncols = batch.columns.size();
  std::vector<std::vector<std::string>> cells(ncols);
  std::vector<size_t> widths(ncols);
  for (size_t c = 0; c < ncols; ++c) {
    const std::string& name = batch.schema->fields[c]->name;
    widths[c] = Width(name);
    cells[c].reserve(static_cast<size_t>(rows));
    for (int64_t r = 0; r < rows; ++r) {
      cells[c].push_back(Cell(*batch.columns[c], r));
      widths[c] = std::max(widths[c], Width(cells[c].back()));
    }
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
    Pad(batch.schema->fields[c]->name, widths[c], false, &out);
    out += " |";
  }
  out += "\n";
  separator();
  for (int64_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < ncols; ++c) {
      if (c == 0) out.push_back('|');
      out.push_back(' ');
      Pad(cells[c][static_cast<size_t>(r)], widths[c], IsNumeric(batch.columns[c]->type->id), &out);
      out += " |";
    }
    out += "\n";
  }
  separator();
  if (rows < batch.num_rows) out.append(fmt::format("({} of {} rows)\n", rows, batch.num_rows));
  return out;
}

}  // namespace sluice::columnar
