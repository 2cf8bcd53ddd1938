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

  // Tier deadlines: the org's stand; a team's entry may only shorten what
  // the org's policy gives that tier.
  merged.tier_sla = org.tier_sla;
  for (const TierSla& wish : team.tier_sla) {
    TierSla combined{wish.tier, {}, wish.origin};
    for (size_t i = 0; i < wish.days.size(); ++i) {
      const auto severity = static_cast<core::Severity>(i);
      auto floor = SlaFor(org, severity, wish.tier);
      if (wish.days[i] && floor && *wish.days[i] > *floor) {
        return core::Fail(core::ErrorCode::kInvalidInput,
                          fmt::format("team policy {} sets the {} SLA of {} to {} days, longer than the "
                                      "organisation's {} days; a team may shorten deadlines, not extend them",
                                      Place(wish.origin, team_name), core::ToString(severity), wish.tier,
                                      *wish.days[i], *floor),
                          wish.origin);
      }
      combined.days[i] = wish.days[i] ? wish.days[i] : floor;
    }
    merged.tier_sla.insert(merged.tier_sla.begin(), std::move(combined));  // first match wins in SlaFor
  }

  const int org_extension = org.fix_scheduled_max_days.value_or(kDefaultFixScheduledMaxDays);
  if (team.fix_scheduled_max_days && *team.fix_scheduled_max_days > org_extension) {
    return core::Fail(
        core::ErrorCode::kInvalidInput,
        fmt::format("team policy {} lets a scheduled fix move a due date by {} days, more than the "
                    "organisation's {}; a team may be stricter, not looser",
                    team_name, *team.fix_scheduled_max_days, org_extension));
  }
  merged.fix_scheduled_max_days =
      team.fix_scheduled_max_days ? team.fix_scheduled_max_days : org.fix_scheduled_max_days;

  // Who may accept which risk is the organisation's to say.
  if (team.risk_appetite) {
    return core::Fail(
        core::ErrorCode::kInvalidInput,
        fmt::format("team policy {} sets a risk appetite; with an organisation's policy ({}) the "
                    "risk appetite is the organisation's to set",
                    Place(team.risk_appetite_origin, team_name), org_name),
        team.risk_appetite_origin);
  }
  merged.risk_appetite = org.risk_appetite;
  merged.risk_appetite_origin = org.risk_appetite_origin;
  return merged;
}

core::Result<Policy> LoadEffectivePolicy(const std::string& team_file, const std::string& org_file) {
  if (team_file.empty() && org_file.empty()) return DefaultPolicy();
  std::optional<Policy> org, team;
  if (!org_file.empty()) {
    auto loaded = LoadPolicy(org_file);
    if (!loaded) return std::unexpected(loaded.error());
    org = std::move(*loaded);
  }
  if (!team_file.empty()) {
    auto loaded = LoadPolicy(team_file);
    if (!loaded) return std::unexpected(loaded.error());
    team = std::move(*loaded);
  }
  if (org && team) return Tighten(*org, *team);
  return org ? std::move(*org) : std::move(*team);
}

}  // namespace candor::policy
