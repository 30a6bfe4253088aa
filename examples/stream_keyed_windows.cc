// A windowed keyed aggregation over the deterministic generator, printed as
// JSON lines. Not built by CMake; compile against libsluice:
//   c++ -std=c++20 -Isrc examples/stream_keyed_windows.cc build/libsluice.a -lfmt -lxxhash ...
#include <cstdio>
#include <memory>

#include "sluice/stream/api/environment.h"
#include "sluice/stream/sources/generator_source.h"

using namespace sluice::stream;  // NOLINT: an example

int main() {
  StreamOptions options;
  options.parallelism = 4;
  StreamEnvironment env(options);

  GeneratorOptions gen;
  gen.count = 100000;
  gen.num_keys = 5;
  gen.interval_ms = 1;
  gen.max_disorder_ms = 50;  // events arrive up to 50 ms out of order

  auto windows = env.FromSource(std::make_shared<GeneratorSource>(gen),
                                WatermarkStrategy::ForBoundedOutOfOrderness("ts", 50), "generator")
                     .Filter(Col("value") % Lit(2) == Lit(0))
                     .Name("even values")
                     .KeyBy({"key"})
                     .Window(windows::TumblingEventTime(10000))
                     .AllowedLateness(100)
                     .SideOutputLateData("late")
                     .Aggregate({agg::Count("n"), agg::Avg("value"), agg::Max("value")});
  windows.Print();
  windows.GetSideOutput("late").Print();

  sluice::Status st = env.Execute("keyed windows");
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}
