// libFuzzer target for the YAML files teams write besides the policy:
// decisions.yaml, service.yaml and teams.yaml. Any bytes in, a parsed file or
// an error with a position out; never a crash, a hang or unbounded memory.
// What parses keeps its promises: every decision passes ValidateDecision and
// a roster has no cycle left to loop on.
// Seed corpus: tests/data/fuzz-seeds/team_files.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "decisions/decisions_file.h"
#include "ownership/roster.h"
#include "ownership/service_file.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto decisions = candor::decisions::ParseDecisions(text, "fuzz/decisions.yaml")) {
    for (const auto& decision : *decisions)
      Check(candor::decisions::ValidateDecision(decision, "").has_value());
  } else {
    Check(!decisions.error().message.empty());
  }
  if (auto roster = candor::ownership::ParseRoster(text, "fuzz/teams.yaml")) {
    for (const auto& team : *roster) (void)candor::ownership::TeamOfOwner(*roster, team.name);
  }
  (void)candor::ownership::ParseServiceFile(text, "fuzz/service.yaml");
  return 0;
}
