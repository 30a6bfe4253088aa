// Times sluice's Parquet reader and writer on one file, single thread, and a
// codec-only and memcpy baseline over the same bytes. Driven by
// bench/parquet/run_bench.py, which times pyarrow on the same files in the
// same run and prints the ratios.
//
// Usage: parquet_rw_bench IN.parquet OUT.parquet CODEC REPEAT
// Prints one JSON object: best-of-REPEAT seconds for read, write, codec
// compress/decompress and memcpy, plus rows and uncompressed bytes.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench_util.h"
#include "sluice/parquet/compression/codec.h"
#include "sluice/parquet/file_reader.h"
#include "sluice/parquet/file_writer.h"

namespace {

using sluice::Status;
using sluice::bench::BestOf;
using sluice::bench::Clock;

void Die(const Status& st) {
  std::fprintf(stderr, "parquet_rw_bench: %s\n", st.ToString().c_str());
  std::exit(1);
}

// Appends the raw value bytes of `a` (values, offsets, string bytes).
void AppendRawBytes(const sluice::columnar::Array& a, std::string* out) {
  for (size_t i = 1; i < a.buffers.size(); ++i) {
    if (a.buffers[i]) out->append(a.buffers[i]->view());
  }
  for (const auto& c : a.children) AppendRawBytes(*c, out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s IN.parquet OUT.parquet CODEC REPEAT\n", argv[0]);
    return 2;
  }
  const std::string in = argv[1], out = argv[2];
  auto codec_id = sluice::parquet::compression::ParseCodecName(argv[3]);
  if (!codec_id.ok()) Die(codec_id.status());
  const int repeat = std::max(1, std::atoi(argv[4]));

  std::vector<sluice::columnar::RecordBatch> batches;
  const double read_s = BestOf(repeat, [&] {
    // Free the previous result first, as the pyarrow side drops its table
    // between repeats; otherwise every repeat reads into fresh pages.
    batches.clear();
    auto reader = sluice::parquet::FileReader::Open(in);
    if (!reader.ok()) Die(reader.status());
    auto all = (*reader)->ReadAll();
    if (!all.ok()) Die(all.status());
    batches = std::move(all).value();
  });
  int64_t rows = 0;
  std::string raw;
  for (const auto& b : batches) {
    rows += b.num_rows;
    for (const auto& c : b.columns) AppendRawBytes(*c, &raw);
  }

  sluice::parquet::WriterOptions opts;
  opts.codec = *codec_id;
  const double write_s = BestOf(repeat, [&] {
    auto writer = sluice::parquet::FileWriter::Open(out, batches.at(0).schema, opts);
    if (!writer.ok()) Die(writer.status());
    for (const auto& b : batches) {
      if (Status st = (*writer)->Write(b); !st.ok()) Die(st);
    }
    if (Status st = (*writer)->Close(); !st.ok()) Die(st);
  });

  // Baselines over the same bytes: the codec alone, and memcpy.
  auto codec = sluice::parquet::compression::MakeCodec(*codec_id);
  if (!codec.ok()) Die(codec.status());
  const std::span<const uint8_t> raw_span(reinterpret_cast<const uint8_t*>(raw.data()), raw.size());
  sluice::Buffer compressed;
  const double compress_s = BestOf(repeat, [&] {
    compressed.Clear();
    // Compress in 1 MiB pieces, as pages are.
    for (size_t off = 0; off < raw.size(); off += 1 << 20) {
      if (Status st =
              (*codec)->Compress(raw_span.subspan(off, std::min<size_t>(1 << 20, raw.size() - off)), &compressed);
          !st.ok()) {
        Die(st);
      }
    }
  });
  std::vector<std::pair<size_t, size_t>> pieces;  // compressed size, raw size
  {
    sluice::Buffer one;
    for (size_t off = 0; off < raw.size(); off += 1 << 20) {
      one.Clear();
      const size_t n = std::min<size_t>(1 << 20, raw.size() - off);
      (void)(*codec)->Compress(raw_span.subspan(off, n), &one);
      pieces.emplace_back(one.size(), n);
    }
  }
  std::vector<uint8_t> scratch(1 << 20);
  const double decompress_s = BestOf(repeat, [&] {
    size_t pos = 0;
    for (auto [csize, rsize] : pieces) {
      if (Status st = (*codec)->Decompress({compressed.data() + pos, csize}, {scratch.data(), rsize}); !st.ok()) {
        Die(st);
      }
      pos += csize;
    }
  });
  std::vector<char> copy(raw.size());
  const double memcpy_s = BestOf(repeat, [&] { std::memcpy(copy.data(), raw.data(), raw.size()); });

  std::printf(
      "{\"rows\": %lld, \"raw_bytes\": %zu, \"read_s\": %.6f, \"write_s\": %.6f, \"codec_compress_s\": %.6f, "
      "\"codec_decompress_s\": %.6f, \"memcpy_s\": %.6f}\n",
      static_cast<long long>(rows), raw.size(), read_s, write_s, compress_s, decompress_s, memcpy_s);
  return 0;
}
