#include "core/clock.h"

#include <date/date.h>
#include <fmt/chrono.h>

#include <sstream>

namespace candor::core {
namespace {

class RealClock : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// One attempt at `format` over the whole of `text`.
std::optional<TimePoint> ParseWith(std::string_view text, const char* format) {
  std::istringstream in{std::string(text)};
  date::sys_time<std::chrono::milliseconds> time;
  in >> date::parse(format, time);
  if (in.fail()) return std::nullopt;
  in.peek();  // sets eof when nothing is left
  if (!in.eof()) return std::nullopt;
  return std::chrono::time_point_cast<TimePoint::duration>(time);
}

}  // namespace

const Clock& SystemClock() {
  static const RealClock clock;
  return clock;
}

std::string FormatIso8601(TimePoint time) {
  auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(time);
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", seconds);
}

std::string FormatDate(TimePoint time) {
  auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(time);
  return fmt::format("{:%Y-%m-%d}", seconds);
}

std::optional<TimePoint> ParseIso8601(std::string_view text) {
  if (text.size() < 10 || text.size() > 40) return std::nullopt;
  // date::parse reads %d as "up to two digits", so check the shape first:
  // "2026-1-5" is not ISO 8601.
  if (text[4] != '-' || text[7] != '-') return std::nullopt;
  if (text.size() == 10) return ParseWith(text, "%Y-%m-%d");
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  std::string normalized(text);
  if (normalized[10] == 't') normalized[10] = 'T';
  if (normalized.back() == 'z') normalized.back() = 'Z';
  // Most specific first; %Ez reads "+01:00" as well as "+0100". A time
  // without a zone is UTC, as everything Candor stores.
  for (const char* format :
       {"%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S%Ez", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%MZ",
        "%Y-%m-%dT%H:%M%Ez", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%SZ",
        "%Y-%m-%d %H:%M:%S%Ez", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"}) {
    if (auto time = ParseWith(normalized, format)) return time;
  }
  return std::nullopt;
}

int DaysBetween(TimePoint from, TimePoint to) {
  return static_cast<int>(std::chrono::floor<std::chrono::days>(to - from).count());
}

std::string DaysAgo(TimePoint then, TimePoint now) {
  const int days = DaysBetween(then, now);
  if (days <= 0) return "today";
  return days == 1 ? "1 day ago" : fmt::format("{} days ago", days);
}

}  // namespace candor::core
