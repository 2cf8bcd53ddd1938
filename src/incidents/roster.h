#pragma once
// The names of people the blame rules look for ("Priya caused ..."). Team
// rosters are not in the store yet, so names come from `--names FILE` (one
// name per line); @handles are recognised without a roster.
// Thread-safety: immutable after loading; safe to share for reading.

#include <string>
#include <string_view>
#include <unordered_set>

#include "core/error.h"

namespace candor::incidents {

inline constexpr size_t kMaxRosterBytes = 1u << 20;

class Roster {
 public:
  // Adds "Jordan Lee" as "Jordan" and "Lee": prose usually says one of them.
  void Add(std::string_view full_name);
  // Whether `word` (as written, "Jordan" or "Jordan's") is a rostered name.
  // Case matters: "Will" is a name, "will" is not.
  bool IsName(std::string_view word) const;
  bool empty() const { return names_.empty(); }

 private:
  std::unordered_set<std::string> names_;
};

// One name per line; blank lines and lines starting with '#' are skipped.
// Errors: kNotFound / kIo naming the file, kLimitExceeded above kMaxRosterBytes,
// kInvalidInput naming FILE:LINE:1 for a line with control characters.
core::Result<Roster> LoadRoster(const std::string& path);
Roster ParseRoster(std::string_view text);

}  // namespace candor::incidents
