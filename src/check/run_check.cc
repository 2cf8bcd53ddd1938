#include "check/run_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "diff/git_changes.h"
#include "diff/unified_diff.h"
#include "ingest/reader.h"
#include "match/baseline_matcher.h"
#include "match/identity.h"
#include "match/source_tree.h"
#include "policy/policy.h"

namespace candor::check {
namespace {

// One tool's findings from every file given, identities assigned per run as
// `candor ingest` does.
struct ToolFindings {
  core::RunInfo info;
  std::vector<core::Finding> findings;
};
using ByTool = std::map<std::string, ToolFindings>;

// Puts each finding straight into its tool's list, identity assigned: no
// intermediate copy of a run.
class ToolSink : public ingest::FindingSink {
 public:
  ToolSink(ByTool& out, size_t expected, match::SourceTree* source)
      : out_(out), expected_(expected), source_(source) {}
  core::Status BeginRun(const core::RunInfo& run) override {
    tool_ = &out_[run.tool];
    if (tool_->info.tool.empty()) tool_->info = run;
    // Reserved, not touched: growing a vector of findings moves them all.
    tool_->findings.reserve(tool_->findings.size() + expected_);
    identities_ = match::IdentityAssigner(source_);
    return {};
  }
  core::Status Add(core::Finding&& finding) override {
    finding.identity = identities_.Assign(finding);
    tool_->findings.push_back(std::move(finding));
    return {};
  }

 private:
  ByTool& out_;
  size_t expected_;
  ToolFindings* tool_ = nullptr;
  match::SourceTree* source_;
  match::IdentityAssigner identities_;
};

core::Status ReadScans(const std::vector<std::string>& files, const std::string& source_dir,
                       const CheckRequest& request, ByTool& out, std::vector<std::string>& warnings) {
  std::optional<match::SourceTree> source;
  if (!source_dir.empty()) source.emplace(source_dir);
  // A result takes a few hundred bytes of JSON; more slots than that is only
  // address space.
  constexpr size_t kMinResultBytes = 128;
  for (const std::string& file : files) {
    auto input = ingest::LoadInput(file, request.limits);
    if (!input) return std::unexpected(input.error());
    ingest::ParseContext context;
    context.limits = request.limits;
    ToolSink sink(out, input->bytes().size() / kMinResultBytes + 16, source ? &*source : nullptr);
    if (auto read = ingest::ReadFindings(request.format, *input, context, sink); !read) return read;
    warnings.insert(warnings.end(), context.warnings.begin(), context.warnings.end());
  }
  return {};
}

// The baseline from the store: for each tool of the change, the findings
// its latest scan of the base branch saw (every run of that commit).
core::Status ReadStoredBaseline(const CheckRequest& request, const ByTool& current, ByTool& out,
                                std::vector<std::string>& warnings) {
  auto scans = request.store->ListScans(request.repo);
  if (!scans) return std::unexpected(scans.error());
  for (const auto& [tool, findings] : current) {
    const store::StoredScan* latest = nullptr;
    for (const auto& scan : *scans) {
      if (scan.record.key.tool == tool && scan.record.branch == request.base_branch) latest = &scan;
    }
    if (latest == nullptr) {
      warnings.push_back(fmt::format("no scan by {} of {} on {} in the store: its findings all count as new",
                                     tool, request.repo, request.base_branch));
      continue;
    }
    ToolFindings& baseline = out[tool];
    baseline.info = findings.info;
    for (const auto& scan : *scans) {
      if (scan.record.key.tool != tool || scan.record.key.commit != latest->record.key.commit) continue;
      store::FindingFilter filter;
      filter.repo = request.repo;
      filter.tool = tool;
      filter.seen_in_scan = scan.id;
      auto stored = request.store->QueryFindings(filter);
      if (!stored) return std::unexpected(stored.error());
      for (auto& found : *stored) baseline.findings.push_back(std::move(found.finding));
    }
  }
  return {};
}

core::Result<std::optional<diff::ChangeSet>> ReadChanges(const CheckRequest& request) {
  if (!request.diff_file.empty()) {
    auto input = ingest::LoadInput(request.diff_file, request.limits);
    if (!input) return std::unexpected(input.error());
    auto changes = diff::ParseUnifiedDiff(*input, request.limits);
    if (!changes) return std::unexpected(changes.error());
    return std::optional(std::move(*changes));
  }
  if (!request.base_ref.empty() || !request.head_ref.empty()) {
    auto changes =
        diff::ChangesBetweenRefs(request.repo_dir, request.base_ref.empty() ? "main" : request.base_ref,
                                 request.head_ref.empty() ? "HEAD" : request.head_ref);
    if (!changes) return std::unexpected(changes.error());
    return std::optional(std::move(*changes));
  }
  return std::optional<diff::ChangeSet>();
}

core::Result<policy::Policy> ReadPolicy(const CheckRequest& request) {
  if (request.policy_file.empty() && request.org_policy_file.empty()) return policy::DefaultPolicy();
  std::optional<policy::Policy> org, team;
  if (!request.org_policy_file.empty()) {
    auto loaded = policy::LoadPolicy(request.org_policy_file);
    if (!loaded) return std::unexpected(loaded.error());
    org = std::move(*loaded);
  }
  if (!request.policy_file.empty()) {
    auto loaded = policy::LoadPolicy(request.policy_file);
    if (!loaded) return std::unexpected(loaded.error());
    team = std::move(*loaded);
  }
  if (org && team) return policy::Tighten(*org, *team);
  return org ? std::move(*org) : std::move(*team);
}

bool MoreUrgent(const CheckedFinding& a, const CheckedFinding& b) {
  return std::tuple(b.finding.severity, a.finding.path, a.finding.region.start_line, a.finding.rule_id) <
         std::tuple(a.finding.severity, b.finding.path, b.finding.region.start_line, b.finding.rule_id);
}

}  // namespace

core::Result<CheckResult> RunCheck(const CheckRequest& request) {
  CheckResult result;
  ByTool current, baseline;
  if (auto read = ReadScans(request.current_files, request.source_dir, request, current, result.warnings);
      !read) {
    return std::unexpected(read.error());
  }
  if (request.store != nullptr) {
    if (auto read = ReadStoredBaseline(request, current, baseline, result.warnings); !read) {
      return std::unexpected(read.error());
    }
  } else if (auto read = ReadScans(request.baseline_files, request.baseline_source_dir, request, baseline,
                                   result.warnings);
             !read) {
    return std::unexpected(read.error());
  }
  auto changes = ReadChanges(request);
  if (!changes) return std::unexpected(changes.error());
  auto policy = ReadPolicy(request);
  if (!policy) return std::unexpected(policy.error());
  auto evaluator = policy::Evaluator::Create(*policy);
  if (!evaluator) return std::unexpected(evaluator.error());

  result.diff_given = changes->has_value();
  result.link_base = request.link_base;
  for (const policy::Guardrail& guardrail : policy->guardrails) result.guardrails.push_back({guardrail, 0});
  match::MatchOptions options;
  if (*changes) options.changes = &**changes;

  for (auto& [tool, scanned] : current) {
    result.tools.push_back(scanned.info);
    const std::vector<core::Finding> none;
    auto old_side = baseline.find(tool);
    const auto& old_findings = old_side != baseline.end() ? old_side->second.findings : none;
    match::BaselineComparison comparison =
        match::CompareWithBaseline(old_findings, scanned.findings, options);

    for (size_t i = 0; i < scanned.findings.size(); ++i) {
      core::BaselineState state = comparison.current_states[i];
      if (state == core::BaselineState::kUnchanged) {
        ++result.unchanged;
        continue;
      }
      CheckedFinding checked;
      checked.finding = std::move(scanned.findings[i]);
      checked.state = state;
      if (*changes) {
        checked.on_changed_line =
            (*changes)->IsChangedLine(checked.finding.path, checked.finding.region.start_line);
      }
      policy::Subject subject{&checked.finding, state, checked.on_changed_line, result.diff_given};
      auto tripped = evaluator->Tripped(subject);
      if (!tripped) return std::unexpected(tripped.error());
      checked.tripped = std::move(*tripped);
      for (size_t index : checked.tripped) {
        ++result.guardrails[index].tripped;
        checked.action = std::max(checked.action, result.guardrails[index].guardrail.action);
      }
      result.introduced.push_back(std::move(checked));
    }
    for (size_t b : comparison.absent) {
      CheckedFinding fixed;
      fixed.finding = old_findings[b];
      fixed.state = core::BaselineState::kAbsent;
      result.fixed.push_back(std::move(fixed));
    }
  }
  std::sort(result.introduced.begin(), result.introduced.end(), MoreUrgent);
  std::sort(result.fixed.begin(), result.fixed.end(), MoreUrgent);
  return result;
}

}  // namespace candor::check
