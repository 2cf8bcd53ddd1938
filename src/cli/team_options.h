#pragma once
// The options that say where ownership, the policy and risk decisions come
// from, shared by every command that needs them (ingest, check, decide,
// findings) so they are spelled and documented once.

#include <CLI/CLI.hpp>

#include "pipeline/team_context.h"

namespace candor::cli {

struct TeamOptionSet {
  bool repo_dir = true;  // false when the command defines --repo-dir itself
  bool policy = true;    // false when the command defines --policy/--org-policy itself
};

void AddTeamOptions(CLI::App& app, pipeline::TeamContextRequest& request, TeamOptionSet which = {});

}  // namespace candor::cli
