#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/formats/text_readers.h"

namespace sluice::formats {

// One field of a CSV row: a view of the file or, for quoted text that needed
// unescaping, of the tokenizer's scratch memory (valid until its next read).
struct CsvField {
  const char* data;
  uint32_t size;
  bool quoted;
  std::string_view view() const { return {data, size}; }
};

// Rows split into fields, column-major so that columns convert in one pass.
struct CsvRows {
  int64_t num_rows = 0;
  int64_t capacity = 0;          // rows per column
  std::vector<CsvField> fields;  // column c, row r at fields[c * capacity + r]
  std::vector<int64_t> lines;    // 1-based line on which each row starts

  std::span<const CsvField> column(int c) const {
    return {fields.data() + static_cast<size_t>(c) * capacity, static_cast<size_t>(num_rows)};
  }
};

// Splits CSV text (RFC 4180: fields in `quote` may hold delimiters, newlines
// and doubled quotes) into rows of fields, without copying unquoted fields.
// Rows end at LF, CRLF or CR; empty lines are skipped; a leading UTF-8 BOM is
// skipped. Like Python's csv module, a quote inside an unquoted field is
// literal and text after a closing quote is appended to the field.
class CsvTokenizer {
 public:
  // `data` must outlive the tokenizer; `path` names the file in errors.
  CsvTokenizer(std::string_view data, const CsvOptions& options, std::string path);

  // Reads the next row into `fields` (resized to its field count) and the
  // line it starts on; false at the end of the data.
  Result<bool> ReadRow(std::vector<CsvField>* fields, int64_t* line);
  // Reads up to `max_rows` rows into `out` (0 rows at the end of the data);
  // Invalid "<file>:<line>: expected N fields, found M" for a row that does
  // not have exactly `num_columns` fields.
  Status ReadRows(int num_columns, int64_t max_rows, CsvRows* out);

  struct Position {
    size_t offset;
    int64_t line;
  };
  Position position() const { return {static_cast<size_t>(pos_ - begin_), line_}; }
  void Seek(Position p) {
    pos_ = begin_ + p.offset;
    line_ = p.line;
  }
  const std::string& path() const { return path_; }

 private:
  // Scratch memory for unescaped fields: blocks that never move, reused
  // after Reset().
  class Scratch {
   public:
    char* Allocate(size_t n);
    void Reset() { block_ = used_ = 0; }

   private:
    std::vector<std::pair<std::unique_ptr<char[]>, size_t>> blocks_;
    size_t block_ = 0;
    size_t used_ = 0;
  };

  // Skips empty lines; false when no row is left.
  bool SkipEmptyLines();
  // Parses one row at pos_, storing field i (i < cap) at base[i * stride];
  // *count receives the number of fields.
  Status ParseRow(CsvField* base, size_t stride, int cap, int* count);
  // Parses a quoted field whose opening quote is at pos_; false (with
  // error_ set) when it is not closed or too large.
  bool ParseQuoted(CsvField* out);
  Status TooLarge() const;
  // Returns the first delimiter, CR or LF at or after p, or end_. Inline
  // when the current window has the answer (the common case), else Slow.
  const char* FindSpecial(const char* p) {
    if (p >= window_ && p < window_end_) {
      const uint64_t m = window_special_ >> (p - window_);
      if (m != 0) return p + __builtin_ctzll(m);
    }
    return FindSpecialSlow(p);
  }
  const char* FindSpecialSlow(const char* p);
  // Returns the first quote at or after p, or end_; adds the LFs passed to *lines.
  const char* FindQuote(const char* p, int64_t* lines) {
    if (p >= window_ && p < window_end_) {
      const auto shift = static_cast<unsigned>(p - window_);
      const uint64_t m = window_quote_ >> shift;
      // Quoted LFs are rare: count them (a library call without -mpopcnt) only when there are some.
      const uint64_t lf = window_lf_ >> shift;
      if (m != 0 && lf == 0) return p + __builtin_ctzll(m);
    }
    return FindQuoteSlow(p, lines);
  }
  const char* FindQuoteSlow(const char* p, int64_t* lines);
  // Classifies the 64 bytes at p (p + 64 <= end_) into the window.
  void Classify(const char* p);

  const char* begin_;
  const char* pos_;
  const char* end_;
  int64_t line_ = 1;
  int64_t row_line_ = 1;
  char delimiter_;
  char quote_;
  std::array<bool, 256> special_{};  // delimiter, CR, LF
  // The last 64 bytes classified: bit i of window_special_ is set iff
  // window_[i] is a delimiter, CR or LF, of window_quote_ iff it is a quote,
  // of window_lf_ iff it is a LF.
  // Fields are short, so one window serves several; the data never changes,
  // so a window stays valid after Seek().
  const char* window_ = nullptr;
  const char* window_end_ = nullptr;
  uint64_t window_special_ = 0;
  uint64_t window_quote_ = 0;
  uint64_t window_lf_ = 0;
  std::string path_;
  Scratch scratch_;
  Status error_;
};

}  // namespace sluice::formats
