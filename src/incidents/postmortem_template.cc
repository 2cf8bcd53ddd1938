#include "incidents/postmortem_template.h"

#include <fmt/format.h>

#include <charconv>

#include "incidents/incident_input.h"
#include "incidents/postmortem_sections.h"

namespace candor::incidents {
namespace {

constexpr std::string_view kMarker = "<!-- candor:incident ";

// Table cells and list items must stay on one line and not end the table.
std::string OneLine(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (c == '|') {
      out += "\\|";
    } else {
      out += c;
    }
  }
  return out;
}

std::string OrUnknown(const std::string& time) {
  return time.empty() ? "(not recorded)" : time;
}

void Section(std::string& out, SectionKind kind, std::string_view body) {
  const SectionSpec& spec = SpecOf(kind);
  out += fmt::format("## {}\n\n<!-- {} -->\n\n", spec.title, spec.guidance);
  if (!body.empty()) out += fmt::format("{}\n", body);
}

}  // namespace

std::string RenderPostmortemTemplate(const store::IncidentRecord& incident,
                                     const std::vector<store::RoleAssignment>& roles,
                                     const std::vector<store::TimelineEntry>& timeline) {
  std::string out =
      fmt::format("{}{} -->\n# Postmortem: {}\n\n", kMarker, incident.id, OneLine(incident.title));
  std::string services;
  for (const auto& service : incident.services) services += (services.empty() ? "" : ", ") + service;
  out += fmt::format("Incident {} ({}), services: {}.\n\n", incident.id, SeverityName(incident.severity),
                     services.empty() ? "(none recorded)" : services);
  if (!roles.empty()) {
    out += "Roles:";
    for (const auto& role : roles)
      out += fmt::format(" {} {};", store::ToString(role.role), OneLine(role.person));
    out.back() = '.';
    out += "\n\n";
  }
  Section(out, SectionKind::kSummary, "");
  Section(out, SectionKind::kImpact,
          fmt::format("- Opened: {}\n- Detected: {}\n- Contained: {}\n- Resolved: {}\n", incident.opened_at,
                      OrUnknown(incident.detected_at), OrUnknown(incident.contained_at),
                      OrUnknown(incident.resolved_at)));
  std::string entries;
  for (const auto& entry : timeline) {
    std::string what = OneLine(entry.observed);
    if (!entry.done.empty()) what += (what.empty() ? "" : "; ") + std::string("done: ") + OneLine(entry.done);
    if (entry.corrects) what += fmt::format(" (corrects entry {})", *entry.corrects);
    entries += fmt::format("- {} {}\n", entry.at, what);
  }
  Section(out, SectionKind::kTimeline, entries);
  for (SectionKind kind : {SectionKind::kConditions, SectionKind::kSignals, SectionKind::kGuardrails,
                           SectionKind::kTradeOffs, SectionKind::kChanges}) {
    Section(out, kind, "");
  }
  Section(out, SectionKind::kActionItems,
          "| Title | Owning team | Owner | Due | Kind |\n|---|---|---|---|---|\n|  |  |  |  | systemic |\n");
  return out;
}

std::optional<int64_t> IncidentMarker(std::string_view markdown) {
  size_t at = markdown.find(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  const char* begin = markdown.data() + at + kMarker.size();
  int64_t id = 0;
  auto [end, error] = std::from_chars(begin, markdown.data() + markdown.size(), id);
  if (error != std::errc() || end == begin || id <= 0) return std::nullopt;
  return id;
}

}  // namespace candor::incidents
