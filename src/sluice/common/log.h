#pragma once

// A levelled logger for what is worth telling an operator but is not an
// error of the call that noticed it (a checkpoint that failed after its
// commit landed, a retry). Errors of a call are Status values, never log
// lines. One line per message on stderr, "sluice: <level>: <message>",
// written with one call so lines of concurrent threads never interleave.
// Messages must not carry secrets (credentials, tokens): callers pass
// only what they would put in a Status.
#include <fmt/format.h>

#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace sluice::log {

enum class Level { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3, kOff = 4 };

// The lowest level written. Default kWarning, or the environment's
// SLUICE_LOG_LEVEL (debug, info, warning, error, off) read at first use.
Level Threshold();
void SetThreshold(Level level);

// Where lines go (nullptr = stderr): tests capture them here.
using Sink = std::function<void(Level level, std::string_view line)>;
void SetSink(Sink sink);

// Writes `message` at `level` if it passes the threshold.
void Write(Level level, std::string_view message);

// "debug", "info", "warning", "error", "off".
std::string_view LevelName(Level level);

template <typename... Args>
void Log(Level level, fmt::format_string<Args...> format, Args&&... args) {
  if (level >= Threshold()) Write(level, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void Info(fmt::format_string<Args...> format, Args&&... args) {
  Log(Level::kInfo, format, std::forward<Args>(args)...);
}
template <typename... Args>
void Warning(fmt::format_string<Args...> format, Args&&... args) {
  Log(Level::kWarning, format, std::forward<Args>(args)...);
}
template <typename... Args>
void Error(fmt::format_string<Args...> format, Args&&... args) {
  Log(Level::kError, format, std::forward<Args>(args)...);
}

}  // namespace sluice::log
