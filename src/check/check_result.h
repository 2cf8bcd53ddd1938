#pragma once
// What `candor check` found for one change: the findings it introduced, the
// ones it fixed, and which guardrails hold or block. The report renderers
// (report/check_*.h) turn it into a PR comment, annotations, JUnit or SARIF.
// Plain values; thread-safe to share read-only.

#include <cstddef>
#include <string>
#include <vector>

#include "core/baseline_state.h"
#include "core/finding.h"
#include "policy/policy.h"

namespace candor::check {

struct CheckedFinding {
  core::Finding finding;
  core::BaselineState state = core::BaselineState::kNew;
  bool on_changed_line = false;                     // only meaningful when CheckResult::diff_given
  std::vector<size_t> tripped;                      // indices into CheckResult::guardrails
  policy::Action action = policy::Action::kInform;  // strictest tripped action; inform when none
  // The team's decision about it: while in force the finding is suppressed
  // (shown as such, tripping no guardrail, with a SARIF suppression); once
  // expired or beyond its approver's authority, `decision_note` says so.
  std::string decision_id;
  std::string decision_note;
  bool suppressed = false;
};

struct GuardrailOutcome {
  policy::Guardrail guardrail;
  size_t tripped = 0;  // how many findings tripped it
  bool Blocks() const { return tripped > 0 && guardrail.action == policy::Action::kBlock; }
};

struct CheckResult {
  // New (and updated) findings of the change, most severe first, then by path and line.
  std::vector<CheckedFinding> introduced;
  // Baseline findings the change no longer has (state absent).
  std::vector<CheckedFinding> fixed;
  size_t unchanged = 0;                      // findings present before and after
  std::vector<GuardrailOutcome> guardrails;  // in policy order
  bool diff_given = false;
  std::vector<core::RunInfo> tools;  // the current scans' tools
  // Prefix for file links in the PR comment ("https://github.com/o/r/blob/SHA/"); empty: no links.
  std::string link_base;
  std::vector<std::string> warnings;  // readers' warnings, shown calmly at the end
  bool ownership_known = false;       // a CODEOWNERS file or service.yaml said who owns what
  // Decisions of the team that expired: what they covered counts as open again.
  std::vector<std::string> decision_notes;

  bool Blocked() const {
    for (const auto& outcome : guardrails) {
      if (outcome.Blocks()) return true;
    }
    return false;
  }
};

}  // namespace candor::check
