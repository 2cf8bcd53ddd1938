#pragma once
// Time as Candor sees it: behind an interface so tests can fix "now".
// Times are stored and printed as ISO 8601 UTC ("2026-11-22T14:48:00Z").

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace candor::core {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

// The real clock. Thread-safe.
const Clock& SystemClock();

// A clock that always says the time it was given; for tests.
class FixedClock : public Clock {
 public:
  explicit FixedClock(TimePoint now) : now_(now) {}
  TimePoint Now() const override { return now_; }

 private:
  TimePoint now_;
};

// "2026-11-22T14:48:00Z" (seconds precision).
std::string FormatIso8601(TimePoint time);
// "2026-11-22" (the UTC day).
std::string FormatDate(TimePoint time);

// Reads what people write for a time: "2026-11-22" (midnight UTC),
// "2026-11-22T14:48:00Z", "2026-11-22T14:48Z", "2026-11-22 14:48", with
// fractional seconds, with an offset ("+01:00", "-0500") converted to UTC,
// or without a zone (read as UTC). nullopt for anything else, including
// impossible dates (2026-02-30).
std::optional<TimePoint> ParseIso8601(std::string_view text);

// Whole days from `from` to `to`, rounded down (negative when `to` is earlier).
int DaysBetween(TimePoint from, TimePoint to);
// "today", "1 day ago", "3 days ago": how long before `now` `then` was.
std::string DaysAgo(TimePoint then, TimePoint now);

}  // namespace candor::core
