#include "core/decision.h"

#include <array>
#include <utility>

namespace candor::core {
namespace {

constexpr std::array<std::pair<DecisionKind, std::string_view>, 4> kKindNames{{
    {DecisionKind::kAcceptRisk, "accept_risk"},
    {DecisionKind::kFalsePositive, "false_positive"},
    {DecisionKind::kMitigatedByControl, "mitigated_by_control"},
    {DecisionKind::kFixScheduled, "fix_scheduled"},
}};

}  // namespace

std::string_view ToString(DecisionKind kind) {
  for (const auto& [value, name] : kKindNames) {
    if (value == kind) return name;
  }
  return "accept_risk";
}

std::optional<DecisionKind> ParseDecisionKind(std::string_view name) {
  for (const auto& [value, text] : kKindNames) {
    if (text == name) return value;
  }
  return std::nullopt;
}

bool RequiresExpiry(DecisionKind kind) {
  return kind == DecisionKind::kAcceptRisk || kind == DecisionKind::kFixScheduled;
}

bool Decision::operator==(const Decision& other) const {
  return id == other.id && scope == other.scope && kind == other.kind && rationale == other.rationale &&
         trade_off == other.trade_off && team == other.team && approver == other.approver &&
         approver_role == other.approver_role && severity == other.severity && created == other.created &&
         expires == other.expires && ticket == other.ticket;
}

bool HoldsAt(const Decision& decision, TimePoint now) {
  return !decision.expires || now < *decision.expires;
}

}  // namespace candor::core
