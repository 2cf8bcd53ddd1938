#include "cli/command.h"

#include <fmt/format.h>

#include <array>

#include "core/text.h"

namespace candor::cli {
namespace {

constexpr std::array kCommands{
    Command{"ingest",
            "Record scanners' results (SARIF, Trivy, Gitleaks, npm audit, Bandit, Semgrep) in the store",
            RunIngest},
    Command{"findings", "List recorded findings, filtered by repo, severity, category, tool or path",
            RunFindings},
    Command{"summary", "Count recorded findings by severity, category and tool", RunSummary},
    Command{"check", "Show a change only the findings it introduced, and whether the guardrails hold",
            RunCheck},
    Command{"match", "Mark each result of a SARIF log new, unchanged, updated or absent against a baseline",
            RunMatch},
    Command{"owners", "Print each path's owners and the CODEOWNERS line that says so", RunOwners},
    Command{"service", "Add services to the catalog from their service.yaml, and list them", RunService},
    Command{"team", "Load team rosters (who and which CODEOWNERS handles belong to a team), and list them",
            RunTeam},
    Command{"decide", "Record, list, revoke and verify the team's risk decisions (hash-chained log)",
            RunDecide},
    Command{"incident", "Record incidents (roles, timeline, detection to resolution) and find repeats",
            RunIncident},
    Command{"postmortem", "Write, lint (completeness, blame language) and ingest blameless postmortems",
            RunPostmortem},
    Command{"actions", "List postmortem action items (overdue, by team) and mark them done", RunActions},
    Command{"threat", "Threat models as code: validate, report threats and requirements, draw, diff",
            RunThreat},
};

}  // namespace

std::span<const Command> Commands() {
  return kCommands;
}

const Command* FindCommand(std::string_view name) {
  for (const Command& command : kCommands) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

std::string_view SuggestCommand(std::string_view typo) {
  std::string_view best;
  size_t best_distance = 3;  // more than two edits away is not a typo
  for (const Command& command : kCommands) {
    size_t distance = core::EditDistance(core::ToLower(typo), command.name);
    if (command.name.starts_with(typo) && typo.size() >= 2) distance = 1;
    if (distance < best_distance) {
      best = command.name;
      best_distance = distance;
    }
  }
  return best;
}

int ReportError(const core::Error& error) {
  fmt::print(stderr, "candor: {}\n", error.ToString());
  return core::ExitCodeFor(error.code);
}

}  // namespace candor::cli
