// Tighten: the organisation's floor with a team's policy on top. A team adds
// guardrails and shortens deadlines; anything that would loosen the floor is
// refused outright rather than silently ignored, so the team learns at once
// that its file does not do what it says.

#include <fmt/format.h>

#include "core/severity.h"
#include "core/text.h"
#include "policy/policy.h"

namespace candor::policy {
namespace {

std::string Place(const std::string& origin, const std::string& fallback) {
  return origin.empty() ? fallback : origin;
}

}  // namespace

core::Result<Policy> Tighten(const Policy& org, const Policy& team) {
  const std::string org_name = org.origin.empty() ? "the organisation's policy" : org.origin;
  const std::string team_name = team.origin.empty() ? "the team's policy" : team.origin;
  Policy merged;
  merged.origin = org.origin.empty()    ? team.origin
                  : team.origin.empty() ? org.origin
                                        : org.origin + " + " + team.origin;

  for (const Guardrail& guardrail : org.guardrails) {
    merged.guardrails.push_back(guardrail);
    merged.guardrails.back().from_org = true;
  }
  for (const Guardrail& guardrail : team.guardrails) {
    for (const Guardrail& floor : org.guardrails) {
      // Case-insensitive, as names are unique that way within one file too.
      if (core::EqualsIgnoreCase(floor.name, guardrail.name)) {
        return core::Fail(
            core::ErrorCode::kInvalidInput,
            fmt::format("team policy {} redefines org guardrail '{}' ({}); a team may add "
                        "guardrails, not change the organisation's",
                        Place(guardrail.origin, team_name), floor.name, Place(floor.origin, org_name)),
            guardrail.origin);
      }
    }
    merged.guardrails.push_back(guardrail);
    merged.guardrails.back().from_org = false;
  }

  // Per severity the shorter deadline wins; a team may set one the org has
  // not, but not a longer one than the org's.
  for (size_t i = 0; i < merged.sla_days.size(); ++i) {
    const auto& floor = org.sla_days[i];
    const auto& wish = team.sla_days[i];
    if (floor && wish && *wish > *floor) {
      const auto severity = core::ToString(static_cast<core::Severity>(i));
      return core::Fail(
          core::ErrorCode::kInvalidInput,
          fmt::format(
              "team policy {} sets the {} SLA to {} days, longer than the organisation's {} days ({}); a "
              "team may shorten deadlines, not extend them",
              Place(team.sla_origins[i], team_name), severity, *wish, *floor,
              Place(org.sla_origins[i], org_name)),
          team.sla_origins[i]);
    }
    const bool team_wins = wish && (!floor || *wish < *floor);
    merged.sla_days[i] = team_wins ? wish : floor;
    merged.sla_origins[i] = team_wins ? team.sla_origins[i] : org.sla_origins[i];
  }
  return merged;
}

}  // namespace candor::policy
