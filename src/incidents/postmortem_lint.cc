#include "incidents/postmortem_lint.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/text.h"
#include "incidents/blame_rules.h"
#include "incidents/postmortem_actions.h"
#include "incidents/postmortem_sections.h"

namespace candor::incidents {
namespace {

// Text that only holds a place: a section with nothing else is empty.
bool IsPlaceholder(std::string_view text) {
  std::string lower = core::ToLower(core::Trim(text));
  std::erase_if(lower, [](char c) { return c == '_' || c == '*' || c == '.' || c == '[' || c == ']'; });
  lower = std::string(core::Trim(lower));
  return lower.empty() || lower == "todo" || lower == "tbd" || lower == "tbc" || lower == "n/a" ||
         lower == "none yet" || lower == "fill in" || lower == "to do";
}

bool SectionIsEmpty(const Section& section) {
  for (const ProseBlock& block : section.prose) {
    if (!IsPlaceholder(block.text)) return false;
  }
  for (const Table& table : section.tables) {
    if (table.rows.size() > 1) return false;
  }
  return true;
}

void CheckProse(const ProseBlock& block, SentenceContext context, const Roster& roster,
                std::vector<LintProblem>& problems) {
  if (block.quoted) return;  // someone else's words, quoted as evidence
  for (SentenceSpan span : SplitSentences(block.text)) {
    std::string_view sentence = std::string_view(block.text).substr(span.offset, span.length);
    for (LanguageHit& hit : CheckSentence(sentence, context, roster)) {
      problems.push_back({block.PositionOf(span.offset + hit.offset), std::string(CategoryName(hit.rule)),
                          std::move(hit.message), std::move(hit.rewrite)});
    }
  }
}

ProseBlock CellBlock(const TableCell& cell) {
  ProseBlock block;
  block.text = cell.text;
  block.offsets.push_back(0);
  block.starts.push_back(cell.at);
  return block;
}

void CheckSections(const Outline& outline, std::vector<LintProblem>& problems) {
  std::set<SectionKind> present;
  for (const Section& section : outline.sections) {
    auto kind = ClassifyHeading(section.title);
    if (!kind) continue;
    present.insert(*kind);
    if (SectionIsEmpty(section)) {
      problems.push_back({section.at, "completeness/empty-section",
                          fmt::format("section '{}' is empty", section.title),
                          std::string(SpecOf(*kind).guidance)});
    }
  }
  for (const SectionSpec& spec : RequiredSections()) {
    if (present.contains(spec.kind)) continue;
    problems.push_back({{1, 1},
                        "completeness/missing-section",
                        fmt::format("no '{}' section", spec.title),
                        fmt::format("add '## {}': {}", spec.title, spec.guidance)});
  }
}

void CheckActionItems(const Outline& outline, std::vector<LintProblem>& problems) {
  ActionTable table = ReadActionTable(outline);
  if (!table.found) {
    bool has_section = std::any_of(outline.sections.begin(), outline.sections.end(), [](const Section& s) {
      return ClassifyHeading(s.title) == SectionKind::kActionItems;
    });
    if (has_section) {
      problems.push_back({{1, 1},
                          "completeness/no-action-table",
                          "the action items section has no table",
                          "| Title | Owning team | Owner | Due | Kind |, one row per item"});
    }
    return;
  }
  bool systemic = false;
  for (const PostmortemAction& item : table.items) {
    systemic |= item.parsed_kind == store::ActionKind::kSystemic;
    if (item.title.empty()) {
      problems.push_back({item.at, "completeness/action-missing-title", "action item without a title",
                          "say what will change, in a few words"});
    }
    if (item.team.empty()) {
      problems.push_back({item.team_at, "completeness/action-missing-team",
                          fmt::format("action item '{}' has no owning team", item.title),
                          "name the team that will own the change"});
    }
    if (!item.due_valid) {
      problems.push_back({item.due_at, "completeness/action-missing-due",
                          item.due.empty() ? fmt::format("action item '{}' has no due date", item.title)
                                           : fmt::format("due date '{}' is not a YYYY-MM-DD date", item.due),
                          "give a due date as YYYY-MM-DD"});
    }
    if (!item.parsed_kind) {
      problems.push_back(
          {item.kind_at, "completeness/action-kind",
           fmt::format("kind '{}' is neither 'systemic' nor 'patch'", item.kind),
           "systemic: changes the conditions so a class of issue is less likely; patch: fixes this "
           "instance"});
    }
  }
  if (!systemic) {
    problems.push_back(
        {table.at, "completeness/no-systemic-action", "no systemic action item",
         "add at least one item of kind 'systemic' that changes the conditions (a guardrail, a "
         "default, a check), not just this instance"});
  }
}

}  // namespace

std::vector<LintProblem> LintOutline(const Outline& outline, const Roster& roster) {
  std::vector<LintProblem> problems;
  CheckSections(outline, problems);
  CheckActionItems(outline, problems);
  for (const Section& section : outline.sections) {
    auto kind = ClassifyHeading(section.title);
    SentenceContext context =
        kind == SectionKind::kTimeline ? SentenceContext::kTimeline : SentenceContext::kNarrative;
    if (!section.title.empty()) CheckProse(section.heading, SentenceContext::kNarrative, roster, problems);
    for (const ProseBlock& block : section.prose) CheckProse(block, context, roster, problems);
    for (const Table& table : section.tables) {
      for (size_t r = 1; r < table.rows.size(); ++r) {
        for (const TableCell& cell : table.rows[r]) CheckProse(CellBlock(cell), context, roster, problems);
      }
    }
  }
  std::stable_sort(problems.begin(), problems.end(), [](const LintProblem& a, const LintProblem& b) {
    return std::pair(a.at.line, a.at.column) < std::pair(b.at.line, b.at.column);
  });
  return problems;
}

core::Result<std::vector<LintProblem>> LintPostmortem(std::string_view markdown, std::string_view path,
                                                      const Roster& roster) {
  auto outline = ParseOutline(markdown, path);
  if (!outline) return std::unexpected(std::move(outline.error()));
  return LintOutline(*outline, roster);
}

}  // namespace candor::incidents
