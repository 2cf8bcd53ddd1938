#include "check/run_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/alongside.h"
#include "diff/git_changes.h"
#include "diff/unified_diff.h"
#include "ingest/reader.h"
#include "match/baseline_matcher.h"
#include "match/comparable.h"
#include "match/identifying_sink.h"
#include "match/source_tree.h"
#include "pipeline/team_context.h"
#include "policy/policy.h"

namespace candor::check {
namespace {

// Where a result came from: the file, the run within it, the result within the run.
struct Origin {
  uint32_t file = 0;
  uint32_t run = 0;
  uint32_t result = 0;
};

// One tool's results from every file given, as matching sees them
// (identities assigned per run as `candor ingest` does). Whole findings are
// kept for a baseline from the store, and from files for the results on
// the files the change touched (where new and fixed findings almost always
// are); the few others a report needs are read again afterwards
// (FetchFindings): keeping every finding of a large scan costs more than
// reading the file twice, and reading it twice costs a typical pull request
// a sixth of its time.
struct ToolScan {
  core::RunInfo info;
  match::PathTable paths;  // the comparables' paths
  std::vector<match::Comparable> comparables;
  std::vector<Origin> origins;                          // from files, one per comparable
  std::vector<core::Finding> findings;                  // from the store, one per comparable
  std::unordered_map<size_t, core::Finding> on_change;  // from files: by comparable, on changed files
};

// Which side of the change a scan is of: its paths are the diff's old or new ones.
enum class Side { kBaseline, kCurrent };
using ByTool = std::map<std::string, ToolScan>;

// Pass 1: what matching needs of each result.
class ComparableSink : public match::IdentifyingSink {
 public:
  // Findings kept whole need whole identities; without a change, none are kept.
  ComparableSink(ByTool& out, uint32_t file, match::SourceTree* source, const diff::ChangeSet* changes,
                 Side side)
      : IdentifyingSink(source, changes != nullptr ? Identities::kWhole : Identities::kGroupOnly),
        out_(out),
        file_(file),
        changes_(changes),
        side_(side) {}

 private:
  core::Status OnRun(const core::RunInfo& run) override {
    tool_ = &out_[run.tool];
    if (tool_->info.tool.empty()) tool_->info = run;
    return {};
  }
  core::Status OnFinding(const core::Finding& finding, uint32_t run, uint32_t result) override {
    if (changes_ != nullptr && OnChangedFile(finding.path))
      tool_->on_change[tool_->comparables.size()] = finding;
    tool_->comparables.push_back(match::ComparableOf(finding, tool_->paths, texts()));
    tool_->origins.push_back({file_, run, result});
    return {};
  }
  bool OnChangedFile(std::string_view path) const {
    return (side_ == Side::kCurrent ? changes_->FindByNewPath(path) : changes_->FindByOldPath(path)) !=
           nullptr;
  }

  ByTool& out_;
  uint32_t file_;
  const diff::ChangeSet* changes_;
  Side side_;
  ToolScan* tool_ = nullptr;
};

// Pass 2: copies the findings at `wanted` positions (run, result) of one file
// into their places, identities assigned exactly as in pass 1.
class PickingSink : public match::IdentifyingSink {
 public:
  using Wanted = std::map<std::pair<uint32_t, uint32_t>, core::Finding*>;
  PickingSink(const Wanted& wanted, match::SourceTree* source) : IdentifyingSink(source), wanted_(wanted) {}

 private:
  core::Status OnFinding(const core::Finding& finding, uint32_t run, uint32_t result) override {
    auto it = wanted_.find({run, result});
    if (it != wanted_.end()) *it->second = finding;
    return {};
  }

  const Wanted& wanted_;
};

// The inputs of one side, kept after the first read for the second.
struct Inputs {
  std::vector<ingest::InputBuffer> buffers;
  std::vector<ingest::Format> formats;
};

core::Status ReadScans(const std::vector<std::string>& files, const std::string& source_dir,
                       const CheckRequest& request, const diff::ChangeSet* changes, Side side, ByTool& out,
                       Inputs& inputs, std::vector<std::string>& warnings) {
  std::optional<match::SourceTree> source;
  if (!source_dir.empty()) source.emplace(source_dir);
  for (uint32_t f = 0; f < files.size(); ++f) {
    auto input = ingest::LoadInput(files[f], request.limits);
    if (!input) return std::unexpected(input.error());
    ingest::Format format = request.format;
    if (format == ingest::Format::kAuto) {
      auto detected = ingest::DetectFormat(*input, request.limits);
      if (!detected) return std::unexpected(detected.error());
      format = *detected;
    }
    ingest::ParseContext context;
    context.limits = request.limits;
    ComparableSink sink(out, f, source ? &*source : nullptr, changes, side);
    if (auto read = ingest::ReadFindings(format, *input, context, sink); !read) return read;
    warnings.insert(warnings.end(), context.warnings.begin(), context.warnings.end());
    inputs.buffers.push_back(std::move(*input));
    inputs.formats.push_back(format);
  }
  return {};
}

// Fills each wanted finding from its input, read again; `wanted[f]` are input f's.
core::Status FetchFindings(const Inputs& inputs, const std::string& source_dir, const CheckRequest& request,
                           const std::vector<PickingSink::Wanted>& wanted) {
  std::optional<match::SourceTree> source;
  if (!source_dir.empty()) source.emplace(source_dir);
  for (uint32_t f = 0; f < inputs.buffers.size(); ++f) {
    if (wanted[f].empty()) continue;
    ingest::ParseContext context;
    context.limits = request.limits;
    context.syntax_already_checked = true;
    PickingSink sink(wanted[f], source ? &*source : nullptr);
    if (auto read = ingest::ReadFindings(inputs.formats[f], inputs.buffers[f], context, sink); !read)
      return read;
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
    ToolScan& baseline = out[tool];
    baseline.info = findings.info;
    for (const auto& scan : *scans) {
      if (scan.record.key.tool != tool || scan.record.key.commit != latest->record.key.commit) continue;
      store::FindingFilter filter;
      filter.repo = request.repo;
      filter.tool = tool;
      filter.seen_in_scan = scan.id;
      auto stored = request.store->QueryFindings(filter);
      if (!stored) return std::unexpected(stored.error());
      match::FindingTexts texts;  // refilled per finding: no allocation each
      for (auto& found : *stored) {
        texts.Refill(found.finding);
        baseline.comparables.push_back(match::ComparableOf(found.finding, baseline.paths, texts));
        baseline.findings.push_back(std::move(found.finding));
      }
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

core::Result<pipeline::TeamContext> ReadTeamContext(const CheckRequest& request) {
  pipeline::TeamContextRequest team;
  team.ownership = {request.repo_dir, request.codeowners_file, request.service_file, request.roster_file};
  team.decisions_file = request.decisions_file;
  team.policy_file = request.policy_file;
  team.org_policy_file = request.org_policy_file;
  team.store = request.store;
  team.now = request.now;
  return pipeline::LoadTeamContext(team);
}

// Owner and decision of one introduced finding; a suppressed one trips nothing.
void ApplyTeam(pipeline::TeamContext& team, CheckedFinding& checked) {
  checked.finding.team = team.owners.TeamOf(checked.finding.path);
  auto coverage = team.decisions.Find(checked.finding);
  if (!coverage) return;
  checked.decision_id = coverage->decision->id;
  checked.decision_note = coverage->note;
  if (coverage->state != decisions::CoverState::kSuppresses) return;
  checked.suppressed = true;
  checked.finding.suppressions.push_back(decisions::SuppressionFor(*coverage->decision));
}

// "Decision RD-12 (rule B608) expired 3 days ago": every expired decision of the team.
std::vector<std::string> ExpiredDecisionNotes(const pipeline::TeamContext& team, core::TimePoint now) {
  std::vector<std::string> notes;
  for (const core::Decision& decision : team.decisions.decisions()) {
    if (core::HoldsAt(decision, now)) continue;
    notes.push_back(
        fmt::format("Decision {} ({} of {}) expired {} ({}); what it covered counts as open again. "
                    "Renew it with a new decision, or plan the fix.",
                    decision.id, core::ToString(decision.kind),
                    decision.scope.identity.empty() ? "rule " + decision.scope.rule : "one finding",
                    core::DaysAgo(*decision.expires, now), core::FormatDate(*decision.expires)));
  }
  return notes;
}

bool MoreUrgent(const CheckedFinding& a, const CheckedFinding& b) {
  return std::tuple(b.finding.severity, a.finding.path, a.finding.region.start_line, a.finding.rule_id) <
         std::tuple(a.finding.severity, b.finding.path, b.finding.region.start_line, b.finding.rule_id);
}

}  // namespace

core::Result<CheckResult> RunCheck(const CheckRequest& request) {
  CheckResult result;
  auto changes = ReadChanges(request);
  if (!changes) return std::unexpected(changes.error());
  const diff::ChangeSet* change = *changes ? &**changes : nullptr;
  ByTool current, baseline;
  Inputs current_inputs, baseline_inputs;
  if (request.store != nullptr) {
    if (auto read = ReadScans(request.current_files, request.source_dir, request, change, Side::kCurrent,
                              current, current_inputs, result.warnings);
        !read) {
      return std::unexpected(read.error());
    }
    if (auto read = ReadStoredBaseline(request, current, baseline, result.warnings); !read) {
      return std::unexpected(read.error());
    }
  } else {
    // Baseline files are read on the second core while this one reads the
    // current ones: a quarter off a typical pull request's check. Errors and
    // warnings come out in the same order as when the sides were read in turn.
    // Standard input ("-") can go to one reader only: then they take turns.
    core::Status baseline_read, current_read;
    std::vector<std::string> baseline_warnings;
    auto read_baseline = [&] {
      baseline_read = ReadScans(request.baseline_files, request.baseline_source_dir, request, change,
                                Side::kBaseline, baseline, baseline_inputs, baseline_warnings);
    };
    auto read_current = [&] {
      current_read = ReadScans(request.current_files, request.source_dir, request, change, Side::kCurrent,
                               current, current_inputs, result.warnings);
    };
    const bool stdin_read = std::ranges::find(request.baseline_files, "-") != request.baseline_files.end() ||
                            std::ranges::find(request.current_files, "-") != request.current_files.end();
    if (stdin_read) {
      read_current();
      if (current_read) read_baseline();
    } else {
      core::RunAlongside(read_baseline, read_current);
    }
    if (!current_read) return std::unexpected(current_read.error());
    if (!baseline_read) return std::unexpected(baseline_read.error());
    result.warnings.insert(result.warnings.end(), baseline_warnings.begin(), baseline_warnings.end());
  }
  auto team = ReadTeamContext(request);
  if (!team) return std::unexpected(team.error());
  for (std::string& warning : team->warnings) result.warnings.push_back(std::move(warning));
  result.ownership_known = team->owners.configured();
  result.decision_notes = ExpiredDecisionNotes(*team, request.now);
  const policy::Policy* policy = &team->policy;
  auto evaluator = policy::Evaluator::Create(*policy);
  if (!evaluator) return std::unexpected(evaluator.error());

  result.diff_given = changes->has_value();
  result.link_base = request.link_base;
  for (const policy::Guardrail& guardrail : policy->guardrails) result.guardrails.push_back({guardrail, 0});
  match::MatchOptions options;
  if (*changes) options.changes = &**changes;

  // Match on comparables; remember which results the report shows.
  std::vector<std::pair<const ToolScan*, size_t>> shown_new, shown_fixed;
  const ToolScan no_baseline;
  for (const auto& [tool, scanned] : current) {
    result.tools.push_back(scanned.info);
    auto old_side = baseline.find(tool);
    const ToolScan& old_scan = old_side != baseline.end() ? old_side->second : no_baseline;
    match::BaselineComparison comparison =
        match::CompareWithBaseline(old_scan.comparables, scanned.comparables, options);
    for (size_t i = 0; i < scanned.comparables.size(); ++i) {
      const core::BaselineState state = comparison.current_states[i];
      if (state == core::BaselineState::kUnchanged) {
        ++result.unchanged;
        continue;
      }
      result.introduced.push_back(CheckedFinding{.state = state});
      shown_new.emplace_back(&scanned, i);
    }
    for (size_t b : comparison.absent) {
      result.fixed.push_back(CheckedFinding{.state = core::BaselineState::kAbsent});
      shown_fixed.emplace_back(&old_scan, b);
    }
  }

  // The shown findings themselves: from the store, or read again from their files.
  std::vector<PickingSink::Wanted> wanted_current(request.current_files.size());
  std::vector<PickingSink::Wanted> wanted_baseline(request.baseline_files.size());
  auto want = [](std::vector<PickingSink::Wanted>& wanted, const ToolScan& scan, size_t index,
                 core::Finding& into) {
    if (!scan.findings.empty()) {
      into = scan.findings[index];
      return;
    }
    if (auto kept = scan.on_change.find(index); kept != scan.on_change.end()) {
      into = kept->second;
      return;
    }
    const Origin& origin = scan.origins[index];
    wanted[origin.file][{origin.run, origin.result}] = &into;
  };
  for (size_t k = 0; k < shown_new.size(); ++k) {
    want(wanted_current, *shown_new[k].first, shown_new[k].second, result.introduced[k].finding);
  }
  for (size_t k = 0; k < shown_fixed.size(); ++k) {
    want(wanted_baseline, *shown_fixed[k].first, shown_fixed[k].second, result.fixed[k].finding);
  }
  if (auto fetched = FetchFindings(current_inputs, request.source_dir, request, wanted_current); !fetched) {
    return std::unexpected(fetched.error());
  }
  if (auto fetched = FetchFindings(baseline_inputs, request.baseline_source_dir, request, wanted_baseline);
      !fetched) {
    return std::unexpected(fetched.error());
  }

  for (CheckedFinding& checked : result.introduced) {
    ApplyTeam(*team, checked);
    if (*changes) {
      checked.on_changed_line =
          (*changes)->IsChangedLine(checked.finding.path, checked.finding.region.start_line);
    }
    if (checked.suppressed) continue;
    policy::Subject subject{&checked.finding, checked.state, checked.on_changed_line, result.diff_given};
    auto tripped = evaluator->Tripped(subject);
    if (!tripped) return std::unexpected(tripped.error());
    checked.tripped = std::move(*tripped);
    for (size_t index : checked.tripped) {
      ++result.guardrails[index].tripped;
      checked.action = std::max(checked.action, result.guardrails[index].guardrail.action);
    }
  }
  std::sort(result.introduced.begin(), result.introduced.end(), MoreUrgent);
  std::sort(result.fixed.begin(), result.fixed.end(), MoreUrgent);
  return result;
}

}  // namespace candor::check
