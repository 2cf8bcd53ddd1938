#pragma once
// Time as Candor sees it: behind an interface so tests can fix "now".
// Times are stored and printed as ISO 8601 UTC ("2026-11-22T14:48:00Z").

#include <chrono>
#include <string>

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

}  // namespace candor::core
