#include "sluice/common/log.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace sluice::log {
namespace {

Level FromEnvironment() {
  const char* v = std::getenv("SLUICE_LOG_LEVEL");
  if (v == nullptr) return Level::kWarning;
  const std::string_view s(v);
  for (Level l : {Level::kDebug, Level::kInfo, Level::kWarning, Level::kError, Level::kOff}) {
    if (s == LevelName(l)) return l;
  }
  return Level::kWarning;
}

std::atomic<int>& ThresholdSlot() {
  static std::atomic<int> slot{static_cast<int>(FromEnvironment())};
  return slot;
}

std::mutex& SinkMutex() {
  static std::mutex mu;
  return mu;
}

Sink& SinkSlot() {
  static Sink sink;
  return sink;
}

}  // namespace

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarning:
      return "warning";
    case Level::kError:
      return "error";
    case Level::kOff:
      return "off";
  }
  return "?";
}

Level Threshold() { return static_cast<Level>(ThresholdSlot().load(std::memory_order_relaxed)); }

void SetThreshold(Level level) { ThresholdSlot().store(static_cast<int>(level), std::memory_order_relaxed); }

void SetSink(Sink sink) {
  std::lock_guard<std::mutex> lock(SinkMutex());
  SinkSlot() = std::move(sink);
}

void Write(Level level, std::string_view message) {
  if (level < Threshold() || level == Level::kOff) return;
  std::string line = fmt::format("sluice: {}: {}\n", LevelName(level), message);
  std::lock_guard<std::mutex> lock(SinkMutex());
  if (SinkSlot()) {
    SinkSlot()(level, line);
    return;
  }
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace sluice::log
