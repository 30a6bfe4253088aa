// Codec-only baseline: compress/decompress throughput of the page codecs on
// 1 MiB of semi-compressible data, printed next to our Parquet benchmarks so
// our own overhead above the codec is visible. bytes_per_second counts
// uncompressed bytes in both directions.

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "sluice/parquet/compression/codec.h"

namespace sluice::parquet::compression {
namespace {

constexpr size_t kInputSize = 1 << 20;

// Roughly what a PLAIN page of a real column looks like: clustered int64s,
// some repeated strings and some noise (ratio ~2-4x for the fast codecs).
const std::vector<uint8_t>& SemiCompressible() {
  static const std::vector<uint8_t> data = [] {
    std::mt19937_64 rng(42);
    std::vector<uint8_t> v;
    v.reserve(kInputSize + 64);
    static constexpr const char* kWords[] = {"completed", "pending", "refunded", "shipped", "cancelled"};
    int64_t base = 1700000000000;
    while (v.size() < kInputSize) {
      switch (rng() % 3) {
        case 0: {  // timestamp-like int64, slowly increasing
          base += static_cast<int64_t>(rng() % 5000);
          auto* p = reinterpret_cast<const uint8_t*>(&base);
          v.insert(v.end(), p, p + 8);
          break;
        }
        case 1: {  // enum-like string
          const char* w = kWords[rng() % 5];
          while (*w) v.push_back(static_cast<uint8_t>(*w++));
          break;
        }
        default: {  // noise
          uint64_t r = rng();
          auto* p = reinterpret_cast<const uint8_t*>(&r);
          v.insert(v.end(), p, p + 4);
        }
      }
    }
    v.resize(kInputSize);
    return v;
  }();
  return data;
}

std::unique_ptr<Codec> MakeOrDie(CodecId id, int level) {
  auto r = MakeCodec(id, level < 0 ? std::nullopt : std::optional<int>(level));
  if (!r.ok()) std::abort();
  return std::move(r).value();
}

// Args: codec id, level (-1 = default).
void BM_Compress(benchmark::State& state) {
  auto codec = MakeOrDie(static_cast<CodecId>(state.range(0)), static_cast<int>(state.range(1)));
  const auto& data = SemiCompressible();
  Buffer out;
  for (auto _ : state) {
    out.Clear();  // reused like a column writer's page buffer
    if (!codec->Compress(data, &out).ok()) state.SkipWithError("compress failed");
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
  state.counters["ratio"] = static_cast<double>(data.size()) / static_cast<double>(out.size());
  state.SetLabel(std::string(CodecName(codec->id())));
}

void BM_Decompress(benchmark::State& state) {
  auto codec = MakeOrDie(static_cast<CodecId>(state.range(0)), static_cast<int>(state.range(1)));
  const auto& data = SemiCompressible();
  Buffer compressed;
  if (!codec->Compress(data, &compressed).ok()) std::abort();
  std::vector<uint8_t> out(data.size());
  for (auto _ : state) {
    if (!codec->Decompress(compressed.span(), out).ok()) state.SkipWithError("decompress failed");
    benchmark::DoNotOptimize(out.data());
  }
  if (out != data) state.SkipWithError("round trip mismatch");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
  state.SetLabel(std::string(CodecName(codec->id())));
}

void CodecArgs(benchmark::internal::Benchmark* b) {
  b->ArgNames({"codec", "level"});
  b->Args({static_cast<int>(CodecId::kUncompressed), -1});  // memcpy baseline
  b->Args({static_cast<int>(CodecId::kSnappy), -1});
  b->Args({static_cast<int>(CodecId::kZstd), 1});
  b->Args({static_cast<int>(CodecId::kLz4Raw), -1});
  b->Args({static_cast<int>(CodecId::kGzip), -1});
}

BENCHMARK(BM_Compress)->Apply(CodecArgs);
BENCHMARK(BM_Decompress)->Apply(CodecArgs);

}  // namespace
}  // namespace sluice::parquet::compression

BENCHMARK_MAIN();
