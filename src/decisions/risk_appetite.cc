#include "decisions/risk_appetite.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace candor::decisions {
namespace {

bool Covers(const std::vector<std::string>& allowed, const std::string& value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// Position of `role` in the escalation order, if it is one.
std::optional<size_t> RankOf(const RiskAppetite& appetite, std::string_view role) {
  auto found = std::find(appetite.roles.begin(), appetite.roles.end(), role);
  if (found == appetite.roles.end()) return std::nullopt;
  return static_cast<size_t>(found - appetite.roles.begin());
}

// The most severe finding a role of rank `rank` may decide about in `service`
// (counting the rules of every role at or below that rank); nullopt: none.
std::optional<core::Severity> Limit(const RiskAppetite& appetite, size_t rank,
                                    const ServiceContext& service) {
  std::optional<core::Severity> limit;
  for (const AuthorityRule& rule : appetite.rules) {
    auto rule_rank = RankOf(appetite, rule.role);
    if (!rule_rank || *rule_rank > rank) continue;
    if (!Covers(rule.tiers, service.tier) || !Covers(rule.data_classes, service.data_class)) continue;
    if (!limit || rule.max_severity > *limit) limit = rule.max_severity;
  }
  return limit;
}

std::string Where(const ServiceContext& service) {
  std::string where;
  if (!service.tier.empty()) where += " in " + service.tier;
  if (!service.data_class.empty()) where += (where.empty() ? " for " : ", ") + service.data_class + " data";
  return where;
}

}  // namespace

RiskAppetite DefaultRiskAppetite() {
  RiskAppetite appetite;
  appetite.roles = {"team", "champion", "security_partner"};
  appetite.rules = {
      {"team", core::Severity::kMedium, {}, {}, "built-in risk appetite"},
      {"champion", core::Severity::kHigh, {}, {}, "built-in risk appetite"},
      {"security_partner", core::Severity::kCritical, {}, {}, "built-in risk appetite"},
  };
  return appetite;
}

core::Status CheckAuthority(const RiskAppetite& appetite, std::string_view role, core::Severity severity,
                            const ServiceContext& service) {
  auto rank = RankOf(appetite, role);
  if (!rank) {
    return core::Fail(core::ErrorCode::kInvalidInput,
                      fmt::format("approver role '{}' is not in the risk appetite; roles: {}", role,
                                  fmt::join(appetite.roles, ", ")));
  }
  auto limit = Limit(appetite, *rank, service);
  if (limit && *limit >= severity) return {};
  std::string may =
      limit ? fmt::format("{} may decide up to {}{}", role, core::ToString(*limit), Where(service))
            : fmt::format("{} may not decide{}", role, Where(service));
  for (size_t higher = *rank + 1; higher < appetite.roles.size(); ++higher) {
    auto higher_limit = Limit(appetite, higher, service);
    if (higher_limit && *higher_limit >= severity) {
      return core::Fail(
          core::ErrorCode::kInvalidInput,
          fmt::format("{}; a {} finding needs {} (escalation: {})", may, core::ToString(severity),
                      appetite.roles[higher], fmt::join(appetite.roles, " -> ")));
    }
  }
  return core::Fail(
      core::ErrorCode::kInvalidInput,
      fmt::format("{}; no role of the risk appetite may decide about a {} finding{} (escalation: {})", may,
                  core::ToString(severity), Where(service), fmt::join(appetite.roles, " -> ")));
}

}  // namespace candor::decisions
