#include "sluice/formats/csv_tokenizer.h"

#include <algorithm>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sluice::formats {
namespace {

constexpr size_t kMaxField = std::numeric_limits<uint32_t>::max();

// Bit i of the result is the XOR of bits 0..i of x: with x the quote
// positions, the bytes inside quotes (an opening quote counts as inside, a
// closing one as outside; a doubled quote closes and reopens).
inline uint64_t PrefixXor(uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

// Bits [0, n) set, n <= 64.
inline uint64_t LowBits(int64_t n) { return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1; }

// Rows into column-major slots (CsvRows): fields past the column count are
// counted but not kept; a row with another count is an error.
class ColumnSink {
 public:
  ColumnSink(CsvRows* rows, int columns)
      : row_(rows->fields.data()),
        stride_(static_cast<size_t>(rows->capacity)),
        line_(rows->lines.data()),
        columns_(columns) {}
  CsvField* Slot(int n) { return n < columns_ ? row_ + static_cast<size_t>(n) * stride_ : &ignored_; }
  // Ends the current row of `n` fields starting on `line`; false when n is wrong.
  bool EndRow(int n, int64_t line) {
    if (n != columns_) return false;
    *line_++ = line;
    ++row_;
    return true;
  }
  int expected() const { return columns_; }

 private:
  CsvField* row_;  // field 0 of the current row
  size_t stride_;
  int64_t* line_;
  int columns_;
  CsvField ignored_;
};

// One row into a vector of any length.
class VectorSink {
 public:
  explicit VectorSink(std::vector<CsvField>* fields) : fields_(fields) {}
  CsvField* Slot(int n) {
    if (static_cast<size_t>(n) >= fields_->size()) fields_->resize(static_cast<size_t>(n) + 1);
    return &(*fields_)[static_cast<size_t>(n)];
  }
  bool EndRow(int n, int64_t line) {
    fields_->resize(static_cast<size_t>(n));
    line_ = line;
    return true;
  }
  int expected() const { return -1; }
  int64_t line() const { return line_; }

 private:
  std::vector<CsvField>* fields_;
  int64_t line_ = 0;
};

}  // namespace

char* CsvTokenizer::Scratch::Allocate(size_t n) {
  while (block_ < blocks_.size()) {
    auto& [mem, size] = blocks_[block_];
    if (used_ + n <= size) {
      char* p = mem.get() + used_;
      used_ += n;
      return p;
    }
    ++block_;
    used_ = 0;
  }
  const size_t size = std::max<size_t>(n, size_t{1} << 20);
  blocks_.emplace_back(std::make_unique_for_overwrite<char[]>(size), size);
  block_ = blocks_.size() - 1;
  used_ = n;
  return blocks_.back().first.get();
}

CsvTokenizer::CsvTokenizer(std::string_view data, const CsvOptions& options, std::string path, bool scalar_only)
    : begin_(data.data()),
      pos_(data.data()),
      end_(data.data() + data.size()),
      delimiter_(options.delimiter),
      quote_(options.quote),
      scalar_only_(scalar_only),
      path_(std::move(path)) {
  special_[static_cast<uint8_t>(delimiter_)] = true;
  special_['\r'] = true;
  special_['\n'] = true;
  if (data.size() >= 3 && std::memcmp(data.data(), "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
}

Status CsvTokenizer::TooLarge() const { return Status::Invalid("{}:{}: field of 4 GiB or more", path_, row_line_); }

Status CsvTokenizer::WrongCount(int expected, int found) const {
  return Status::Invalid("{}:{}: expected {} fields, found {}", path_, row_line_, expected, found);
}

CsvTokenizer::Masks CsvTokenizer::Classify(const char* p, size_t len) const {
  alignas(16) char padded[64];
  if (len < 64) {
    std::memcpy(padded, p, len);
    std::memset(padded + len, 0, 64 - len);
    p = padded;
  }
  Masks m{0, 0, 0};
#if defined(__SSE2__)
  const __m128i delimiter_v = _mm_set1_epi8(delimiter_);
  const __m128i quote_v = _mm_set1_epi8(quote_);
  const __m128i cr_v = _mm_set1_epi8('\r');
  const __m128i lf_v = _mm_set1_epi8('\n');
  auto bits = [](__m128i hit, int i) {
    return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(hit))) << (16 * i);
  };
  for (int i = 0; i < 4; ++i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    const __m128i is_lf = _mm_cmpeq_epi8(v, lf_v);
    m.special |= bits(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, delimiter_v), _mm_cmpeq_epi8(v, cr_v)), is_lf), i);
    m.quote |= bits(_mm_cmpeq_epi8(v, quote_v), i);
    m.lf |= bits(is_lf, i);
  }
#else
  for (int i = 0; i < 64; ++i) {
    m.special |= static_cast<uint64_t>(special_[static_cast<uint8_t>(p[i])]) << i;
    m.quote |= static_cast<uint64_t>(p[i] == quote_) << i;
    m.lf |= static_cast<uint64_t>(p[i] == '\n') << i;
  }
#endif
  if (len < 64) {  // the padding matches a '\0' delimiter or quote
    const uint64_t valid = LowBits(static_cast<int64_t>(len));
    m.special &= valid;
    m.quote &= valid;
    m.lf &= valid;
  }
  return m;
}

void CsvTokenizer::Unescape(const char* s, const char* e, CsvField* out) {
  char* dst = scratch_.Allocate(static_cast<size_t>(e - s));
  char* w = dst;
  const char* r = s + 1;
  while (r < e) {
    if (*r != quote_) {
      *w++ = *r++;
    } else if (r + 1 < e && r[1] == quote_) {
      *w++ = quote_;
      r += 2;
    } else {
      // The closing quote: the rest is kept as it is (Python's csv module
      // does the same with '"ab"c' -> 'abc'; csv_reader_test Quoting).
      std::memcpy(w, r + 1, static_cast<size_t>(e - r - 1));
      w += e - r - 1;
      break;
    }
  }
  out->data = dst;
  out->size = static_cast<uint32_t>(w - dst);
}

template <typename Sink>
Status CsvTokenizer::FastRows(int64_t max_rows, Sink* sink, int64_t* rows, bool* irregular) {
  const char* row_start = pos_;   // where the current row begins
  const char* field = pos_;       // where the current field begins
  int n = 0;                      // fields ended in the current row
  const char* skip_lf = nullptr;  // the LF of a CRLF whose CR ended a row
  uint64_t carry = 0;             // all ones when the window starts inside quotes
  bool prev_ends = true;          // the byte before the window ends a field or is a quote
  row_line_ = line_;
  for (const char* w = pos_; w < end_; w += 64) {
    const size_t len = std::min<size_t>(64, static_cast<size_t>(end_ - w));
    const Masks m = Classify(w, len);
    const uint64_t inside = PrefixXor(m.quote) ^ carry;
    const uint64_t ends = m.special & ~inside;
    // A quote that opens a quoted section must start a field or be the second
    // of a doubled pair; any other one is left to the scalar path.
    const uint64_t may_open = ((ends | m.quote) << 1) | (prev_ends ? 1 : 0);
    if ((m.quote & inside & ~may_open) != 0) {
      *irregular = true;
      pos_ = row_start;
      line_ = row_line_;
      return Status::OK();
    }
    uint64_t quoted_lf = m.lf & inside;
    // Stores the field [field, e) as field n of the row; false when too large.
    auto emit = [&](const char* e) {
      if (static_cast<size_t>(e - field) > kMaxField) [[unlikely]] {
        return false;
      }
      CsvField* out = sink->Slot(n++);
      bool plain_quoted = false;
      if (field != e && *field == quote_ && e - field >= 2 && e[-1] == quote_) {
        // Quoted; plain when no quote lies between the outer two.
        const char* a = field + 1;
        const char* b = e - 1;
        plain_quoted = a >= w ? (m.quote & (LowBits(b - w) & ~LowBits(a - w))) == 0
                              : std::memchr(a, quote_, static_cast<size_t>(b - a)) == nullptr;
      }
      StoreField(field, e, plain_quoted, out);
      return true;
    };
    for (uint64_t todo = ends; todo != 0; todo &= todo - 1) {
      const int k = __builtin_ctzll(todo);
      const char* e = w + k;
      if (quoted_lf != 0) {  // LFs inside quotes before e (rare)
        const uint64_t before = quoted_lf & LowBits(k);
        if (before != 0) {
          line_ += __builtin_popcountll(before);
          quoted_lf ^= before;
        }
      }
      const char c = *e;
      if (c == delimiter_) [[likely]] {
        if (!emit(e)) return TooLarge();
        field = e + 1;
        continue;
      }
      // A line end: LF, CRLF or CR.
      if (e == skip_lf) {  // already stepped over with its CR
        skip_lf = nullptr;
        continue;
      }
      const char* next = e + 1;
      if (c == '\r' && next < end_ && *next == '\n') skip_lf = next++;
      if (n == 0 && field == e) {  // an empty line
        ++line_;
        field = row_start = next;
        row_line_ = line_;
        continue;
      }
      if (!emit(e)) return TooLarge();
      if (!sink->EndRow(n, row_line_)) return WrongCount(sink->expected(), n);
      ++*rows;
      n = 0;
      ++line_;
      field = row_start = next;
      row_line_ = line_;
      if (*rows == max_rows) {
        pos_ = next;
        return Status::OK();
      }
    }
    if (quoted_lf != 0) line_ += __builtin_popcountll(quoted_lf);
    const int last = static_cast<int>(len) - 1;
    carry = ((inside >> last) & 1) != 0 ? ~uint64_t{0} : 0;
    prev_ends = (((ends | m.quote) >> last) & 1) != 0;
  }
  if (carry != 0) {
    return Status::Invalid("{}:{}: quoted field is not closed before the end of the file", path_, row_line_);
  }
  if (n > 0 || field < end_) {  // the last row has no line end
    if (static_cast<size_t>(end_ - field) > kMaxField) return TooLarge();
    StoreField(field, end_, PlainQuoted(field, end_), sink->Slot(n));
    ++n;
    if (!sink->EndRow(n, row_line_)) return WrongCount(sink->expected(), n);
    ++*rows;
  }
  pos_ = end_;
  return Status::OK();
}

bool CsvTokenizer::PlainQuoted(const char* s, const char* e) const {
  return e - s >= 2 && *s == quote_ && e[-1] == quote_ &&
         std::memchr(s + 1, quote_, static_cast<size_t>(e - s - 2)) == nullptr;
}

bool CsvTokenizer::SkipEmptyLines() {
  while (pos_ < end_ && (*pos_ == '\n' || *pos_ == '\r')) {
    pos_ += (*pos_ == '\r' && pos_ + 1 < end_ && pos_[1] == '\n') ? 2 : 1;
    ++line_;
  }
  return pos_ < end_;
}

const char* CsvTokenizer::FindSpecial(const char* p) const {
  while (p < end_ && !special_[static_cast<uint8_t>(*p)]) ++p;
  return p;
}

Status CsvTokenizer::ParseQuoted(CsvField* out) {
  const char* start = pos_;
  const char* q = start + 1;
  bool doubled = false;
  for (;;) {
    q = static_cast<const char*>(std::memchr(q, quote_, static_cast<size_t>(end_ - q)));
    if (q == nullptr) {
      return Status::Invalid("{}:{}: quoted field is not closed before the end of the file", path_, row_line_);
    }
    if (q + 1 < end_ && q[1] == quote_) {
      doubled = true;
      q += 2;
      continue;
    }
    break;
  }
  line_ += std::count(start, q, '\n');
  pos_ = FindSpecial(q + 1);  // text after the closing quote belongs to the field
  if (static_cast<size_t>(pos_ - start) > kMaxField) return TooLarge();
  StoreField(start, pos_, !doubled && pos_ == q + 1, out);
  return Status::OK();
}

template <typename Sink>
Status CsvTokenizer::ScalarRow(Sink* sink, int* count) {
  row_line_ = line_;
  int n = 0;
  for (;;) {
    CsvField* out = sink->Slot(n);
    if (pos_ < end_ && *pos_ == quote_) {
      SLUICE_RETURN_NOT_OK(ParseQuoted(out));
    } else {
      const char* p = FindSpecial(pos_);
      if (static_cast<size_t>(p - pos_) > kMaxField) return TooLarge();
      StoreField(pos_, p, false, out);
      pos_ = p;
    }
    ++n;
    if (pos_ == end_) break;
    const char c = *pos_++;
    if (c == delimiter_) continue;
    // A line end: LF, CRLF or CR.
    if (c == '\r' && pos_ < end_ && *pos_ == '\n') ++pos_;
    ++line_;
    break;
  }
  *count = n;
  return Status::OK();
}

template <typename Sink>
Status CsvTokenizer::Tokenize(int64_t max_rows, Sink* sink, int64_t* rows) {
  *rows = 0;
  while (*rows < max_rows) {
    if (!scalar_only_) {
      bool irregular = false;
      SLUICE_RETURN_NOT_OK(FastRows(max_rows, sink, rows, &irregular));
      if (!irregular) break;
    }
    // One row the fast path could not read.
    if (!SkipEmptyLines()) break;
    int n = 0;
    SLUICE_RETURN_NOT_OK(ScalarRow(sink, &n));
    if (!sink->EndRow(n, row_line_)) return WrongCount(sink->expected(), n);
    ++*rows;
  }
  return Status::OK();
}

Result<bool> CsvTokenizer::ReadRow(std::vector<CsvField>* fields, int64_t* line) {
  scratch_.Reset();
  VectorSink sink(fields);
  int64_t rows = 0;
  SLUICE_RETURN_NOT_OK(Tokenize(1, &sink, &rows));
  if (rows == 0) return false;
  *line = sink.line();
  return true;
}

Status CsvTokenizer::ReadRows(int num_columns, int64_t max_rows, CsvRows* out) {
  scratch_.Reset();
  out->num_rows = 0;
  if (out->capacity < max_rows ||
      out->fields.size() < static_cast<size_t>(num_columns) * static_cast<size_t>(out->capacity)) {
    out->capacity = max_rows;
    out->fields.resize(static_cast<size_t>(num_columns) * static_cast<size_t>(max_rows));
    out->lines.resize(static_cast<size_t>(max_rows));
  }
  ColumnSink sink(out, num_columns);
  int64_t rows = 0;
  Status st = Tokenize(max_rows, &sink, &rows);
  out->num_rows = rows;
  return st;
}

}  // namespace sluice::formats
