#include "cli/team_options.h"

namespace candor::cli {

void AddTeamOptions(CLI::App& app, pipeline::TeamContextRequest& request, TeamOptionSet which) {
  if (which.repo_dir) {
    app.add_option("--repo-dir", request.ownership.repo_dir,
                   "Checkout whose CODEOWNERS and .candor/ files (service, teams, decisions) apply")
        ->capture_default_str();
  }
  app.add_option("--codeowners", request.ownership.codeowners_file,
                 "CODEOWNERS file (default: found in --repo-dir)");
  app.add_option("--service", request.ownership.service_file, "Service file (default: .candor/service.yaml)");
  app.add_option("--roster", request.ownership.roster_file, "Team roster (default: .candor/teams.yaml)");
  app.add_option("--decisions", request.decisions_file, "Risk decisions (default: .candor/decisions.yaml)");
  if (which.policy) {
    app.add_option("--policy", request.policy_file, "The team's policy.yaml (guardrails, SLA)");
    app.add_option("--org-policy", request.org_policy_file,
                   "The organisation's policy (risk appetite, SLA floor); the team's may only tighten it");
  }
}

}  // namespace candor::cli
