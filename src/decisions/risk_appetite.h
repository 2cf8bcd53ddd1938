#pragma once
// Risk appetite: which role may take a risk decision about how severe a
// finding, in which tier and data classification. It is the security team's
// guardrail on decisions, set once in policy instead of approving each one;
// a decision beyond the approver's authority is refused with the escalation
// path (docs/decisions.md). Plain values; thread-safe to share read-only.

#include <string>
#include <string_view>
#include <vector>

#include "core/decision.h"
#include "core/error.h"
#include "core/severity.h"

namespace candor::decisions {

struct AuthorityRule {
  std::string role;  // one of RiskAppetite::roles
  core::Severity max_severity = core::Severity::kMedium;
  std::vector<std::string> tiers;         // empty: every tier
  std::vector<std::string> data_classes;  // empty: every classification
  std::string origin;                     // "FILE:LINE:COL", for messages
};

struct RiskAppetite {
  // Roles in escalation order, least authority first. A role may decide
  // whatever a role before it may.
  std::vector<std::string> roles;
  std::vector<AuthorityRule> rules;
};

// Team for low and medium, champion for high, security partner for
// critical; the escalation team -> champion -> security_partner.
RiskAppetite DefaultRiskAppetite();

// Where the decided-on code lives, as its service.yaml says.
struct ServiceContext {
  std::string tier;        // "tier-1"; empty when unknown
  std::string data_class;  // "restricted"; empty when unknown
};

// Ok when `role` may decide about a finding of `severity` in `service`.
// Otherwise kInvalidInput naming the role's limit and the first role of the
// escalation path that may ("champion may accept up to high in tier-1; a
// critical finding needs security_partner (team -> champion -> security_partner)").
// An unknown role is refused with the list of roles.
core::Status CheckAuthority(const RiskAppetite& appetite, std::string_view role, core::Severity severity,
                            const ServiceContext& service);

}  // namespace candor::decisions
