#include "pipeline/team_context.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "decisions/decision_log.h"
#include "decisions/decisions_file.h"

namespace candor::pipeline {
namespace {

// The store's decisions in force, then the file's not yet recorded; a file
// decision the store has revoked stays revoked.
core::Result<std::vector<core::Decision>> GatherDecisions(const TeamContextRequest& request,
                                                          std::vector<std::string>& warnings) {
  std::vector<core::Decision> decisions;
  std::vector<decisions::RegisteredDecision> registered;
  if (request.store != nullptr) {
    auto log = request.store->ListDecisionRecords();
    if (!log) return std::unexpected(std::move(log.error()));
    registered = decisions::Replay(*log);
    for (const auto& entry : registered) {
      if (!entry.revocation) decisions.push_back(entry.decision);
    }
  }
  std::string file = request.decisions_file;
  if (file.empty()) {
    auto found = std::filesystem::path(request.ownership.repo_dir) / ".candor" / "decisions.yaml";
    std::error_code ignored;
    if (std::filesystem::is_regular_file(found, ignored)) file = found.string();
  }
  if (file.empty()) return decisions;
  auto from_file = decisions::LoadDecisions(file);
  if (!from_file) return std::unexpected(std::move(from_file.error()));
  for (core::Decision& decision : *from_file) {
    auto in_store = std::find_if(registered.begin(), registered.end(),
                                 [&](const auto& entry) { return entry.decision.id == decision.id; });
    if (in_store == registered.end()) {
      decisions.push_back(std::move(decision));
    } else if (in_store->revocation) {
      warnings.push_back(fmt::format("{}: decision {} was revoked at {}; it no longer applies",
                                     decision.origin, decision.id, in_store->revocation->recorded_at));
    }
  }
  return decisions;
}

}  // namespace

core::Result<TeamContext> LoadTeamContext(const TeamContextRequest& request) {
  std::vector<store::TeamRecord> store_roster;
  if (request.store != nullptr) {
    auto teams = request.store->ListTeams();
    if (!teams) return std::unexpected(std::move(teams.error()));
    store_roster = std::move(*teams);
  }
  auto ownership = ownership::LoadOwnership(request.ownership, std::move(store_roster));
  if (!ownership) return std::unexpected(std::move(ownership.error()));
  auto policy = policy::LoadEffectivePolicy(request.policy_file, request.org_policy_file);
  if (!policy) return std::unexpected(std::move(policy.error()));
  std::vector<std::string> warnings;
  auto decisions = GatherDecisions(request, warnings);
  if (!decisions) return std::unexpected(std::move(decisions.error()));
  decisions::ServiceContext service;
  if (ownership->service) service = {ownership->service->tier, ownership->service->data_class};
  auto index = decisions::DecisionIndex::Create(std::move(*decisions), policy::RiskAppetiteOf(*policy),
                                                service, request.now);
  if (!index) return std::unexpected(std::move(index.error()));
  return TeamContext{std::move(ownership->resolver), std::move(ownership->service), std::move(*policy),
                     std::move(*index), std::move(warnings)};
}

}  // namespace candor::pipeline
