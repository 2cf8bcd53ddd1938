// The threat report as Markdown for a design pull request: a summary by
// severity and STRIDE category, the requirements (what to build and test),
// then every threat with the facts that made it fire.

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "report/check_support.h"
#include "report/threat_report.h"
#include "threatmodel/ratings.h"

namespace candor::report {
namespace {

namespace cs = check_support;
using threatmodel::Assessment;
using threatmodel::Threat;
using threatmodel::ThreatStatus;

// One table cell: one line, pipes and angle brackets escaped.
std::string Cell(std::string_view text) {
  std::string clean = cs::CleanLine(text, 500), out;
  for (char c : clean) {
    if (c == '|')
      out += "\\|";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out.push_back(c);
  }
  return out;
}

std::string Cwes(const std::vector<int>& cwes) {
  std::string out;
  for (int cwe : cwes) out += fmt::format("{}[CWE-{}]({})", out.empty() ? "" : ", ", cwe, cs::CweUrl(cwe));
  return out;
}

}  // namespace

int FindingEvidence::OpenFor(const std::vector<int>& cwes) const {
  int total = 0;
  for (int cwe : cwes) {
    auto it = open_by_cwe.find(cwe);
    if (it != open_by_cwe.end()) total += it->second;
  }
  return total;
}

std::string StrideLabel(threatmodel::Stride stride) {
  std::string label(threatmodel::ToString(stride));
  for (char& c : label)
    if (c == '-') c = ' ';
  if (!label.empty()) label[0] = static_cast<char>(label[0] - 'a' + 'A');
  return label;
}

std::string RenderThreatMarkdown(const Assessment& a, const FindingEvidence& evidence) {
  std::string out = fmt::format("# Threat model: {}\n\n", Cell(a.title.empty() ? a.source : a.title));
  std::array<int, 5> by_severity{};
  std::array<int, 6> by_stride{};
  size_t open = 0;
  for (const Threat& t : a.threats) {
    if (t.status != ThreatStatus::kOpen) continue;
    ++open;
    ++by_severity[static_cast<size_t>(t.severity)];
    ++by_stride[static_cast<size_t>(t.stride)];
  }
  out +=
      fmt::format("{} threats, {} open; {} requirements.\n\n", a.threats.size(), open, a.requirements.size());
  out += "| Open threats | Critical | High | Medium | Low | Info |\n|---|---|---|---|---|---|\n";
  out += fmt::format("| {} | {} | {} | {} | {} | {} |\n\n", open, by_severity[4], by_severity[3],
                     by_severity[2], by_severity[1], by_severity[0]);
  out += "| STRIDE | Open threats |\n|---|---|\n";
  for (size_t i = 0; i < by_stride.size(); ++i) {
    out += fmt::format("| {} | {} |\n", StrideLabel(static_cast<threatmodel::Stride>(i)), by_stride[i]);
  }
  out += "\n## Security requirements\n\n| Id | Requirement | Severity | CWE | Threats |";
  out += evidence.available ? " Open findings |\n|---|---|---|---|---|---|\n" : "\n|---|---|---|---|---|\n";
  for (const auto& r : a.requirements) {
    out += fmt::format("| {} | **{}**: {}{} | {} | {} | {} |", Cell(r.requirement.id),
                       Cell(r.requirement.title), Cell(r.requirement.text),
                       r.requirement.asvs.empty() ? "" : fmt::format(" (ASVS {})", Cell(r.requirement.asvs)),
                       core::ToString(r.severity), Cwes(r.cwes), r.threat_ids.size());
    if (evidence.available) {
      int contradicting = evidence.OpenFor(r.cwes);
      out += contradicting ? fmt::format(" contradicted by {} |",
                                         cs::Count(contradicting, "open finding", "open findings"))
                           : std::string(" none |");
    }
    out += "\n";
  }
  out +=
      "\n## Threats\n\n| Severity | Threat | Element | STRIDE | Status | Why |\n|---|---|---|---|---|---|\n";
  std::vector<const Threat*> sorted;
  for (const Threat& t : a.threats) sorted.push_back(&t);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Threat* x, const Threat* y) { return x->severity > y->severity; });
  for (const Threat* t : sorted) {
    std::string why;
    for (const auto& fact : t->because) why += (why.empty() ? "" : "; ") + fact;
    why += "; impact: " + t->impact_basis;
    out += fmt::format("| {} | {} `{}` | {} | {} | {}{}{}{} | {} |\n", core::ToString(t->severity),
                       Cell(t->title), Cell(t->id), Cell(t->element_name), StrideLabel(t->stride),
                       threatmodel::ToString(t->status),
                       t->decision_id.empty() ? "" : " (" + Cell(t->decision_id) + ")",
                       t->note.empty() ? "" : ": " + Cell(t->note),
                       t->decision_problem.empty() ? "" : " (" + Cell(t->decision_problem) + ")", Cell(why));
  }
  if (!a.stale_decisions.empty()) {
    out += "\n## Decisions for threats that no longer apply\n\n";
    for (const auto& d : a.stale_decisions) {
      out += fmt::format("- `{}` ({}) at {}\n", Cell(d.threat_id), threatmodel::ToString(d.status),
                         Cell(d.where));
    }
  }
  return out;
}

}  // namespace candor::report
