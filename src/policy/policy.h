#pragma once
// Guardrails: the security team's policy, applied automatically instead of
// approvals. A policy says which findings of a change block it, which warn and
// which only inform; the organisation sets a floor and a team may tighten it,
// never loosen it. Loaded from `.candor/policy.yaml` (docs/policy.md).
// Plain values; thread-safe to share read-only.

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/baseline_state.h"
#include "core/error.h"
#include "core/finding.h"
#include "core/severity.h"
#include "decisions/risk_appetite.h"

namespace candor::policy {

// Ordered: a larger value is stricter.
enum class Action { kInform = 0, kWarn = 1, kBlock = 2 };
std::string_view ToString(Action action);  // "inform", "warn", "block"

// One guardrail: when every condition that is set holds for a finding, the
// guardrail trips with its action.
struct Guardrail {
  std::string name;         // unique within the effective policy; shown in the PR view and JUnit
  std::string description;  // one line for people; may be empty
  Action action = Action::kBlock;
  std::vector<core::BaselineState> states{core::BaselineState::kNew};  // empty: any state
  std::optional<core::Severity> min_severity;
  std::optional<core::Severity> max_severity;  // "== medium" sets both; "<= low" only this
  std::vector<core::Category> categories;      // empty: any
  std::vector<std::string> tools;              // case-insensitive names; empty: any
  std::vector<std::string> rules;              // globs on rule ids; empty: any
  std::vector<int> cwes;                       // any of these; empty: any
  std::vector<std::string> paths;              // globs (core::Glob) on repo-relative paths; empty: all
  std::vector<std::string> exclude_paths;      // globs; a match exempts the finding
  bool changed_lines_only = false;             // only findings on lines the change added (needs a diff)
  std::string lua;                             // a Lua 5.4 expression; empty: none (docs/policy.md)
  std::string origin;                          // "FILE:LINE:COL" where it was written, for messages
  bool from_org = false;                       // part of the organisation's floor
};

// Days to remediate an open finding, by severity (index: core::Severity);
// nullopt: no deadline.
using SlaDays = std::array<std::optional<int>, 5>;

// SLA days for one tier of services ("tier-1"), over the policy's own.
struct TierSla {
  std::string tier;
  SlaDays days{};
  std::string origin;  // "FILE:LINE:COL"
};

struct Policy {
  std::vector<Guardrail> guardrails;
  SlaDays sla_days{};
  std::vector<TierSla> tier_sla;
  // How many days past its SLA due date a fix_scheduled decision may move a
  // finding's due date (docs/decisions.md). nullopt: the default, 30.
  std::optional<int> fix_scheduled_max_days;
  // Who may take which risk decision; nullopt: decisions::DefaultRiskAppetite.
  // Only the organisation's policy may set it when there is one (Tighten).
  std::optional<decisions::RiskAppetite> risk_appetite;
  std::string risk_appetite_origin;
  std::string origin;  // file name it came from ("" for the built-in default)
  // "FILE:LINE:COL" of each SLA entry, for Tighten's messages; "" when the
  // entry is unset or was not read from a file.
  std::array<std::string, 5> sla_origins{};
};

// Bounds on a policy file: a real one is a few kilobytes with a few dozen
// guardrails. Over either is kLimitExceeded.
inline constexpr size_t kMaxPolicyBytes = size_t{1} << 20;
inline constexpr size_t kMaxGuardrails = 1000;

inline constexpr int kDefaultFixScheduledMaxDays = 30;

// Days to remediate a finding of `severity` in a service of `tier` ("" when
// unknown): the tier's entry if the policy has one, else the policy's own;
// nullopt when neither sets a deadline.
std::optional<int> SlaFor(const Policy& policy, core::Severity severity, std::string_view tier);
// The policy's risk appetite, or the built-in one.
decisions::RiskAppetite RiskAppetiteOf(const Policy& policy);

// The policy Candor applies when none is given: block new critical and high
// findings and any new secret, warn on new medium findings.
Policy DefaultPolicy();

// Parses policy YAML. Errors (kInvalidInput) name the file, line and column:
// unknown keys, wrong types, unknown severities/categories/states/actions,
// duplicate guardrail names, malformed globs, Lua that does not compile,
// YAML syntax, an empty document. Input over kMaxPolicyBytes, nested past
// yaml-cpp's depth guard, or with too many values or guardrails is
// kLimitExceeded.
core::Result<Policy> ParsePolicy(std::string_view yaml_text, std::string_view file_name);
// Reads PATH (bounded by kMaxPolicyBytes) and parses it; kNotFound or kIo
// when it cannot be read.
core::Result<Policy> LoadPolicy(const std::string& path);

// The policy in force: the team's file on the organisation's (Tighten), or
// whichever one is given, or DefaultPolicy() when neither is ("" = not given).
core::Result<Policy> LoadEffectivePolicy(const std::string& team_file, const std::string& org_file);

// The organisation's floor with a team's policy on top. Every org guardrail
// stays; team guardrails are added. Refused (kInvalidInput, naming both
// places) when the team tries to loosen the floor: redefining an org
// guardrail by name, or an SLA longer than the org's for a severity.
core::Result<Policy> Tighten(const Policy& org, const Policy& team);

// What a guardrail looks at for one finding.
struct Subject {
  const core::Finding* finding = nullptr;
  core::BaselineState state = core::BaselineState::kNew;
  bool on_changed_line = false;  // the diff added or modified the finding's line
  bool diff_given = false;       // whether on_changed_line means anything
};

// Evaluates a policy's guardrails; compiles every glob and Lua condition
// once. Lua runs sandboxed (no io, os, load, require; instruction and memory
// limits). Not thread-safe: one per thread.
class Evaluator {
 public:
  static core::Result<Evaluator> Create(const Policy& policy);
  Evaluator(Evaluator&&) noexcept;
  Evaluator& operator=(Evaluator&&) noexcept;
  ~Evaluator();

  // Indices into policy.guardrails of the guardrails `subject` trips, in
  // policy order. A Lua condition that fails at run time (error, limit) is an
  // error naming the guardrail and its origin.
  core::Result<std::vector<size_t>> Tripped(const Subject& subject);

 private:
  struct State;
  explicit Evaluator(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace candor::policy
