#include "policy/policy.h"

namespace candor::policy {

std::string_view ToString(Action action) {
  switch (action) {
    case Action::kInform: return "inform";
    case Action::kWarn: return "warn";
    case Action::kBlock: return "block";
  }
  return "inform";
}

std::optional<int> SlaFor(const Policy& policy, core::Severity severity, std::string_view tier) {
  // DESIGN.md's defaults: what applies where no policy says otherwise.
  constexpr SlaDays kDefaultSla{std::nullopt, 180, 90, 30, 7};
  const auto index = static_cast<size_t>(severity);
  for (const TierSla& entry : policy.tier_sla) {
    if (!tier.empty() && entry.tier == tier && entry.days[index]) return entry.days[index];
  }
  if (policy.sla_days[index]) return policy.sla_days[index];
  return kDefaultSla[index];
}

decisions::RiskAppetite RiskAppetiteOf(const Policy& policy) {
  return policy.risk_appetite ? *policy.risk_appetite : decisions::DefaultRiskAppetite();
}

Policy DefaultPolicy() {
  Policy policy;
  Guardrail high;
  high.name = "no-new-high";
  high.description = "New findings of severity high or critical block the change";
  high.action = Action::kBlock;
  high.min_severity = core::Severity::kHigh;
  high.origin = "built-in default";
  Guardrail secrets;
  secrets.name = "no-new-secrets";
  secrets.description = "A new secret in the code blocks the change";
  secrets.action = Action::kBlock;
  secrets.categories = {core::Category::kSecrets};
  secrets.origin = "built-in default";
  Guardrail medium;
  medium.name = "warn-new-medium";
  medium.description = "New medium findings are pointed out without blocking";
  medium.action = Action::kWarn;
  medium.min_severity = core::Severity::kMedium;
  medium.max_severity = core::Severity::kMedium;  // higher ones block already
  medium.origin = "built-in default";
  policy.guardrails = {high, secrets, medium};
  return policy;
}

}  // namespace candor::policy
