#pragma once
// `candor check`: the pull-request view. Reads the change's scans, compares
// them with a baseline (files, or the latest scans of the base branch in the
// store), attributes what is new to the changed lines, and applies the
// guardrails. Nothing is written anywhere: a check is a question, not a record.
// Thread-safe as long as each call has its own store.

#include <optional>
#include <string>
#include <vector>

#include "check/check_result.h"
#include "core/clock.h"
#include "core/error.h"
#include "ingest/format.h"
#include "ingest/input.h"
#include "store/store.h"

namespace candor::check {

struct CheckRequest {
  std::vector<std::string> current_files;   // scanner outputs of the change
  std::vector<std::string> baseline_files;  // the same scanners on the base; or:
  store::Store* store = nullptr;            // baseline = each tool's latest scan of
  std::string repo;                         //   `repo` on `base_branch`
  std::string base_branch = "main";
  ingest::Format format = ingest::Format::kAuto;
  ingest::Limits limits;
  // What the change did, when known: a unified diff file, or two git refs of
  // the repository in repo_dir (diffed from their merge-base).
  std::string diff_file;
  std::string repo_dir = ".";
  std::string base_ref;
  std::string head_ref;
  // Guardrails: the team's policy file on top of the organisation's floor.
  // Neither given: the built-in default policy (policy::DefaultPolicy).
  std::string policy_file;
  std::string org_policy_file;
  std::string link_base;  // see CheckResult::link_base
  // Checkouts of the change and of the base, when available: findings
  // without tool fingerprints are then identified by the code around them
  // (give both, or the two sides' identities will not agree).
  std::string source_dir;
  std::string baseline_source_dir;
  // Ownership and decisions (besides repo_dir, the policy files and store):
  // empty means found under repo_dir's .candor/ (and CODEOWNERS) when present.
  std::string codeowners_file;
  std::string service_file;
  std::string roster_file;
  std::string decisions_file;
  core::TimePoint now = core::SystemClock().Now();
};

// Errors: a current or baseline file that cannot be read (kInvalidInput,
// kNotFound, as `candor ingest`), a bad diff or policy (kInvalidInput with
// file:line:col), unknown git refs, a store failure (kStore).
core::Result<CheckResult> RunCheck(const CheckRequest& request);

}  // namespace candor::check
