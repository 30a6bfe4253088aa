#include "sluice/formats/csv_tokenizer.h"

#include <algorithm>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sluice::formats {

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

CsvTokenizer::CsvTokenizer(std::string_view data, const CsvOptions& options, std::string path)
    : begin_(data.data()),
      pos_(data.data()),
      end_(data.data() + data.size()),
      delimiter_(options.delimiter),
      quote_(options.quote),
      window_(data.data()),
      window_end_(data.data()),
      path_(std::move(path)) {
  special_[static_cast<uint8_t>(delimiter_)] = true;
  special_['\r'] = true;
  special_['\n'] = true;
  if (data.size() >= 3 && std::memcmp(data.data(), "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
}

Status CsvTokenizer::TooLarge() const { return Status::Invalid("{}:{}: field of 4 GiB or more", path_, row_line_); }

void CsvTokenizer::Classify(const char* p) {
  uint64_t special = 0, quote = 0, lf = 0;
#if defined(__SSE2__)
  const __m128i delimiter_v = _mm_set1_epi8(delimiter_);
  const __m128i quote_v = _mm_set1_epi8(quote_);
  const __m128i cr_v = _mm_set1_epi8('\r');
  const __m128i lf_v = _mm_set1_epi8('\n');
  auto bits = [](__m128i m, int i) {
    return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(m))) << (16 * i);
  };
  for (int i = 0; i < 4; ++i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    const __m128i is_lf = _mm_cmpeq_epi8(v, lf_v);
    special |= bits(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, delimiter_v), _mm_cmpeq_epi8(v, cr_v)), is_lf), i);
    quote |= bits(_mm_cmpeq_epi8(v, quote_v), i);
    lf |= bits(is_lf, i);
  }
#else
  for (int i = 0; i < 64; ++i) {
    special |= static_cast<uint64_t>(special_[static_cast<uint8_t>(p[i])]) << i;
    quote |= static_cast<uint64_t>(p[i] == quote_) << i;
    lf |= static_cast<uint64_t>(p[i] == '\n') << i;
  }
#endif
  window_ = p;
  window_end_ = p + 64;
  window_special_ = special;
  window_quote_ = quote;
  window_lf_ = lf;
}

const char* CsvTokenizer::FindSpecialSlow(const char* p) {
  for (;;) {
    if (p >= window_ && p < window_end_) {
      const uint64_t m = window_special_ >> (p - window_);
      if (m != 0) return p + __builtin_ctzll(m);
      p = window_end_;
    }
    if (end_ - p < 64) break;
    Classify(p);
  }
  while (p < end_ && !special_[static_cast<uint8_t>(*p)]) ++p;
  return p;
}

const char* CsvTokenizer::FindQuoteSlow(const char* p, int64_t* lines) {
  for (;;) {
    if (p >= window_ && p < window_end_) {
      const auto shift = static_cast<unsigned>(p - window_);
      const uint64_t m = window_quote_ >> shift;
      const uint64_t lf = window_lf_ >> shift;
      if (m != 0) {
        const int k = __builtin_ctzll(m);  // < 64 - shift
        const uint64_t before = lf & ((uint64_t{1} << k) - 1);
        if (before != 0) *lines += __builtin_popcountll(before);
        return p + k;
      }
      if (lf != 0) *lines += __builtin_popcountll(lf);
      p = window_end_;
    }
    if (end_ - p < 64) break;
    Classify(p);
  }
  for (; p < end_ && *p != quote_; ++p) *lines += *p == '\n';
  return p;
}

bool CsvTokenizer::SkipEmptyLines() {
  while (pos_ < end_ && (*pos_ == '\n' || *pos_ == '\r')) {
    pos_ += (*pos_ == '\r' && pos_ + 1 < end_ && pos_[1] == '\n') ? 2 : 1;
    ++line_;
  }
  return pos_ < end_;
}

bool CsvTokenizer::ParseQuoted(CsvField* out) {
  const char* start = pos_ + 1;
  const char* q = start;
  bool doubled = false;
  for (;;) {
    q = FindQuote(q, &line_);
    if (q == end_) {
      error_ = Status::Invalid("{}:{}: quoted field is not closed before the end of the file", path_, row_line_);
      return false;
    }
    if (q + 1 < end_ && q[1] == quote_) {
      doubled = true;
      q += 2;
      continue;
    }
    break;
  }
  // Text between the closing quote and the next delimiter or line end is kept
  // (Python's csv module does the same with '"ab"c' -> 'abc').
  const char* tail = q + 1;
  const char* tail_end = FindSpecial(tail);
  pos_ = tail_end;
  const size_t raw = static_cast<size_t>(q - start);
  const size_t extra = static_cast<size_t>(tail_end - tail);
  if (raw + extra > std::numeric_limits<uint32_t>::max()) {
    error_ = TooLarge();
    return false;
  }
  // Fields are stored member by member: a whole-struct copy from a temporary
  // would reload what was just stored in pieces (a store-forwarding stall).
  out->quoted = true;
  if (!doubled && extra == 0) {
    out->data = start;
    out->size = static_cast<uint32_t>(raw);
    return true;
  }
  char* dst = scratch_.Allocate(raw + extra);
  char* w = dst;
  for (const char* r = start; r < q; ++r) {
    *w++ = *r;
    if (*r == quote_) ++r;  // the second quote of a doubled pair
  }
  std::memcpy(w, tail, extra);
  w += extra;
  out->data = dst;
  out->size = static_cast<uint32_t>(w - dst);
  return true;
}

Status CsvTokenizer::ParseRow(CsvField* base, size_t stride, int cap, int* count) {
  row_line_ = line_;
  int n = 0;
  CsvField ignored;  // fields past `cap` are counted, not kept
  for (;;) {
    CsvField* out = n < cap ? base + static_cast<size_t>(n) * stride : &ignored;
    if (pos_ < end_ && *pos_ == quote_) {
      if (!ParseQuoted(out)) return error_;
    } else {
      const char* p = FindSpecial(pos_);
      if (static_cast<size_t>(p - pos_) > std::numeric_limits<uint32_t>::max()) return TooLarge();
      out->data = pos_;
      out->size = static_cast<uint32_t>(p - pos_);
      out->quoted = false;
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

Result<bool> CsvTokenizer::ReadRow(std::vector<CsvField>* fields, int64_t* line) {
  scratch_.Reset();
  if (!SkipEmptyLines()) return false;
  const Position start = position();
  int count = 0;
  SLUICE_RETURN_NOT_OK(ParseRow(fields->data(), 1, static_cast<int>(fields->size()), &count));
  if (static_cast<size_t>(count) != fields->size()) {
    const bool reparse = static_cast<size_t>(count) > fields->size();
    fields->resize(static_cast<size_t>(count));
    if (reparse) {
      Seek(start);
      scratch_.Reset();
      SLUICE_RETURN_NOT_OK(ParseRow(fields->data(), 1, count, &count));
    }
  }
  *line = row_line_;
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
  const size_t stride = static_cast<size_t>(out->capacity);
  int64_t rows = 0;
  while (rows < max_rows && SkipEmptyLines()) {
    int count = 0;
    SLUICE_RETURN_NOT_OK(ParseRow(out->fields.data() + rows, stride, num_columns, &count));
    if (count != num_columns) {
      return Status::Invalid("{}:{}: expected {} fields, found {}", path_, row_line_, num_columns, count);
    }
    out->lines[static_cast<size_t>(rows)] = row_line_;
    ++rows;
  }
  out->num_rows = rows;
  return Status::OK();
}

}  // namespace sluice::formats
