// Times sluice's CSV and JSON-lines readers on one file, single thread, and a
// newline-scan baseline (memchr over the mapped bytes: the floor any line
// reader pays). Driven by bench/formats/run_bench.py, which times pyarrow's
// readers on the same files in the same run and prints the ratios.
//
// Usage: text_read_bench FILE REPEAT
// FILE is .csv or .jsonl; the schema is inferred as by `sluice table append`.
// Prints one JSON object: best-of-REPEAT seconds for the read and the scan,
// rows, and file bytes.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "bench_util.h"
#include "sluice/formats/text_readers.h"
#include "sluice/io/file.h"

namespace {

using sluice::Status;
using sluice::bench::BestOf;
using sluice::bench::Clock;

void Die(const Status& st) {
  std::fprintf(stderr, "text_read_bench: %s\n", st.ToString().c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s FILE.csv|FILE.jsonl REPEAT\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const int repeat = std::max(1, std::atoi(argv[2]));

  int64_t rows = 0;
  const double read_s = BestOf(repeat, [&] {
    auto reader = sluice::formats::OpenDataFile(path);
    if (!reader.ok()) Die(reader.status());
    rows = 0;
    for (;;) {
      auto batch = (*reader)->Next();
      if (!batch.ok()) Die(batch.status());
      if (!*batch) break;
      rows += (*batch)->num_rows;
    }
  });

  auto file = sluice::io::OpenLocalFile(path);
  if (!file.ok()) Die(file.status());
  const int64_t bytes = (*file)->Size();
  int64_t lines = 0;
  const double scan_s = BestOf(repeat, [&] {
    auto data = (*file)->ReadAt(0, bytes);
    if (!data.ok()) Die(data.status());
    const char* p = reinterpret_cast<const char*>((*data)->data());
    const char* end = p + bytes;
    lines = 0;
    while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))) != nullptr) {
      ++lines;
      ++p;
    }
  });
  std::printf("{\"rows\": %lld, \"bytes\": %lld, \"lines\": %lld, \"read_s\": %.6f, \"scan_s\": %.6f}\n",
              static_cast<long long>(rows), static_cast<long long>(bytes), static_cast<long long>(lines), read_s,
              scan_s);
  return 0;
}
