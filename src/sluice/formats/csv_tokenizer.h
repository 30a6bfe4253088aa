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
//
// Two paths give the same rows. The fast one classifies 64 bytes at a time
// into bit masks (delimiter/CR/LF, quote, LF); a prefix XOR of the quote mask
// marks the bytes inside quotes, and each delimiter or line end outside them
// ends a field — so a field costs a few bit operations, not a byte loop. That
// needs every quote that opens a quoted section to start a field (or be the
// second of a doubled pair); a row with any other quote is re-read by the
// scalar path, a byte-at-a-time state machine.
class CsvTokenizer {
 public:
  // `data` must outlive the tokenizer; `path` names the file in errors.
  // `scalar_only` disables the fast path (for tests comparing the two).
  CsvTokenizer(std::string_view data, const CsvOptions& options, std::string path, bool scalar_only = false);

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
  struct Masks {
    uint64_t special;  // delimiter, CR or LF
    uint64_t quote;
    uint64_t lf;
  };

  // Reads up to max_rows rows into `sink` (see the sinks in the .cc).
  template <typename Sink>
  Status Tokenize(int64_t max_rows, Sink* sink, int64_t* rows);
  // The fast path from pos_ (a row start); stops with *irregular set, pos_
  // and line_ at the start of the row, at a quote it cannot handle.
  template <typename Sink>
  Status FastRows(int64_t max_rows, Sink* sink, int64_t* rows, bool* irregular);
  // The scalar path: one row at pos_ (after empty lines); *count fields.
  template <typename Sink>
  Status ScalarRow(Sink* sink, int* count);
  // Classifies the `len` (<= 64) bytes at p.
  Masks Classify(const char* p, size_t len) const;
  // Stores the complete field [s, e) (under 4 GiB) into *out, unescaping a
  // quoted one unless `plain_quoted` (no other quote between the two).
  // Stored member by member: a whole-struct copy from a temporary would
  // reload what was just stored in pieces (a store-forwarding stall).
  void StoreField(const char* s, const char* e, bool plain_quoted, CsvField* out) {
    if (s == e || *s != quote_) {
      out->data = s;
      out->size = static_cast<uint32_t>(e - s);
      out->quoted = false;
      return;
    }
    out->quoted = true;
    if (plain_quoted) {
      out->data = s + 1;
      out->size = static_cast<uint32_t>(e - s - 2);
      return;
    }
    Unescape(s, e, out);
  }
  // Stores the quoted field [s, e), with doubled quotes or text after the
  // closing quote, unescaped into scratch memory.
  void Unescape(const char* s, const char* e, CsvField* out);
  // Returns true iff [s, e) is quoted with no other quote between the two.
  bool PlainQuoted(const char* s, const char* e) const;
  // Scalar path: parses a quoted field whose opening quote is at pos_.
  Status ParseQuoted(CsvField* out);
  // Scalar path: the first delimiter, CR or LF at or after p, or end_.
  const char* FindSpecial(const char* p) const;
  // Skips empty lines; false when no row is left.
  bool SkipEmptyLines();
  Status TooLarge() const;
  Status WrongCount(int expected, int found) const;

  const char* begin_;
  const char* pos_;
  const char* end_;
  int64_t line_ = 1;
  int64_t row_line_ = 1;
  char delimiter_;
  char quote_;
  bool scalar_only_;
  std::array<bool, 256> special_{};  // delimiter, CR, LF
  std::string path_;
  Scratch scratch_;
};

}  // namespace sluice::formats
