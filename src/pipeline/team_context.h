#pragma once
// Everything a command needs to answer "whose is this finding, and what has
// the team decided about it": the owning team of each path, the service
// (tier, data classification), the policy in force (risk appetite, SLA) and
// the team's risk decisions, from the checkout's .candor/ files and the store.
// One per command; not thread-safe (the resolver caches).

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "decisions/coverage.h"
#include "ownership/owner_resolver.h"
#include "policy/policy.h"
#include "store/store.h"

namespace candor::pipeline {

struct TeamContextRequest {
  ownership::OwnershipSources ownership;  // CODEOWNERS, service.yaml, teams.yaml
  // The decisions file; empty: .candor/decisions.yaml under ownership.repo_dir when present.
  std::string decisions_file;
  std::string policy_file;        // the team's; empty: none
  std::string org_policy_file;    // the organisation's floor; empty: none
  store::Store* store = nullptr;  // adds the store's roster and recorded decisions; may be null
  core::TimePoint now{};
};

struct TeamContext {
  ownership::OwnerResolver owners;
  std::optional<store::ServiceRecord> service;
  policy::Policy policy;
  decisions::DecisionIndex decisions;
  std::vector<std::string> warnings;  // e.g. a file decision the store has revoked
};

// Errors: any named or present file that does not parse (FILE:LINE:COL), the store's.
core::Result<TeamContext> LoadTeamContext(const TeamContextRequest& request);

}  // namespace candor::pipeline
