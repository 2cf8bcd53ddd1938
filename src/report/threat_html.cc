// The threat report as one standalone HTML page (no scripts, no external
// resources): the same content as the Markdown, every model text escaped.

#include <fmt/format.h>

#include <algorithm>

#include "report/check_support.h"
#include "report/threat_report.h"
#include "threatmodel/ratings.h"

namespace candor::report {
namespace {

namespace cs = check_support;

std::string Html(std::string_view text) {
  std::string out;
  for (char c : cs::CleanLine(text, 2000)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string RenderThreatHtml(const threatmodel::Assessment& a, const FindingEvidence& evidence) {
  std::string title = Html(a.title.empty() ? a.source : a.title);
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'\">"
      "<title>Threat model: {0}</title><style>body{{font-family:sans-serif;margin:2em}}"
      "table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px;vertical-align:top}}"
      ".critical,.high{{color:#b00}}.medium{{color:#a60}}</style></head><body>\n<h1>Threat model: {0}</h1>\n",
      title);
  out +=
      "<h2>Security "
      "requirements</h2>\n<table><tr><th>Id</th><th>Requirement</th><th>Severity</th><th>CWE</th>"
      "<th>Threats</th>";
  out += evidence.available ? "<th>Open findings</th></tr>\n" : "</tr>\n";
  for (const auto& r : a.requirements) {
    std::string cwes;
    for (int cwe : r.cwes)
      cwes += fmt::format("{}<a href=\"{}\">CWE-{}</a>", cwes.empty() ? "" : ", ", cs::CweUrl(cwe), cwe);
    out +=
        fmt::format("<tr><td>{}</td><td><b>{}</b>: {}{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td>",
                    Html(r.requirement.id), Html(r.requirement.title), Html(r.requirement.text),
                    r.requirement.asvs.empty() ? "" : " (ASVS " + Html(r.requirement.asvs) + ")",
                    core::ToString(r.severity), core::ToString(r.severity), cwes, r.threat_ids.size());
    if (evidence.available) out += fmt::format("<td>{}</td>", evidence.OpenFor(r.cwes));
    out += "</tr>\n";
  }
  out +=
      "</table>\n<h2>Threats</h2>\n<table><tr><th>Severity</th><th>Threat</th><th>Element</th><th>STRIDE</th>"
      "<th>Status</th><th>Why</th></tr>\n";
  std::vector<const threatmodel::Threat*> sorted;
  for (const auto& t : a.threats) sorted.push_back(&t);
  std::stable_sort(sorted.begin(), sorted.end(), [](auto* x, auto* y) { return x->severity > y->severity; });
  for (const auto* t : sorted) {
    std::string why;
    for (const auto& fact : t->because) why += "<li>" + Html(fact) + "</li>";
    why += "<li>impact: " + Html(t->impact_basis) + "</li>";
    out += fmt::format(
        "<tr><td class=\"{0}\">{0}</td><td>{1}<br><code>{2}</code></td><td>{3}</td><td>{4}</td>"
        "<td>{5}</td><td><ul>{6}</ul></td></tr>\n",
        core::ToString(t->severity), Html(t->title), Html(t->id), Html(t->element_name),
        StrideLabel(t->stride),
        std::string(threatmodel::ToString(t->status)) +
            (t->decision_id.empty() ? "" : " (" + Html(t->decision_id) + ")") +
            (t->decision_problem.empty() ? "" : "<br>" + Html(t->decision_problem)),
        why);
  }
  out += "</table>\n</body></html>\n";
  return out;
}

}  // namespace candor::report
