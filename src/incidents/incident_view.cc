#include "incidents/incident_view.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "incidents/incident_input.h"

namespace candor::incidents {
namespace {

using Json = nlohmann::ordered_json;

std::string Dump(const Json& json) {
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "-" : out;
}

std::string Status(const store::IncidentRecord& incident) {
  return incident.resolved_at.empty() ? "open" : "resolved";
}

Json IncidentJson(const store::IncidentRecord& incident) {
  return {{"id", incident.id},
          {"title", incident.title},
          {"severity", SeverityName(incident.severity)},
          {"status", Status(incident)},
          {"services", incident.services},
          {"tags", incident.tags},
          {"findings", incident.findings},
          {"decisions", incident.decisions},
          {"opened_at", incident.opened_at},
          {"detected_at", incident.detected_at},
          {"contained_at", incident.contained_at},
          {"resolved_at", incident.resolved_at}};
}

Json ActionJson(const store::ActionItemRecord& item) {
  return {{"id", item.id},
          {"incident_id", item.incident_id},
          {"title", item.title},
          {"owner_team", item.owner_team},
          {"owner", item.owner_person},
          {"due", item.due},
          {"kind", store::ToString(item.kind)},
          {"status", store::ToString(item.status)},
          {"done_at", item.done_at}};
}

std::string ActionLine(const store::ActionItemRecord& item) {
  return fmt::format("#{} [{}] {} (team {}{}, due {}, {}, incident {})\n", item.id,
                     store::ToString(item.status), item.title, item.owner_team,
                     item.owner_person.empty() ? "" : ", owner " + item.owner_person, item.due,
                     store::ToString(item.kind), item.incident_id);
}

std::string FollowThroughText(const FollowThrough& f) {
  if (f.total == 0) return "no action items recorded";
  return fmt::format("{}/{} action items done, {}/{} systemic", f.done, f.total, f.systemic_done,
                     f.systemic_total);
}

}  // namespace

std::string RenderIncidentList(const std::vector<store::IncidentRecord>& incidents, ViewFormat format) {
  if (format == ViewFormat::kJson) {
    Json list = Json::array();
    for (const auto& incident : incidents) list.push_back(IncidentJson(incident));
    return Dump(list);
  }
  std::string out;
  for (const auto& incident : incidents) {
    out += fmt::format("#{} {} {} {} [{}] {}\n", incident.id, SeverityName(incident.severity),
                       Status(incident), incident.opened_at, Joined(incident.services), incident.title);
  }
  return out.empty() ? "no incidents\n" : out;
}

std::string RenderIncidentDetail(const IncidentDetail& detail, ViewFormat format) {
  const auto& incident = detail.incident;
  if (format == ViewFormat::kJson) {
    Json json = IncidentJson(incident);
    Json roles = Json::array();
    for (const auto& role : detail.roles) {
      roles.push_back(
          {{"role", store::ToString(role.role)}, {"person", role.person}, {"since", role.assigned_at}});
    }
    Json timeline = Json::array();
    for (const auto& entry : detail.timeline) {
      timeline.push_back({{"id", entry.id},
                          {"at", entry.at},
                          {"observed", entry.observed},
                          {"done", entry.done},
                          {"corrects", entry.corrects ? Json(*entry.corrects) : Json(nullptr)}});
    }
    Json actions = Json::array();
    for (const auto& item : detail.actions) actions.push_back(ActionJson(item));
    json["roles"] = std::move(roles);
    json["timeline"] = std::move(timeline);
    json["action_items"] = std::move(actions);
    return Dump(json);
  }
  std::string out = fmt::format("Incident #{}: {}\n", incident.id, incident.title);
  out += fmt::format("Severity: {}   Status: {}\nServices: {}\nTags: {}\n", SeverityName(incident.severity),
                     Status(incident), Joined(incident.services), Joined(incident.tags));
  if (!incident.findings.empty()) out += fmt::format("Findings: {}\n", Joined(incident.findings));
  if (!incident.decisions.empty()) out += fmt::format("Decisions: {}\n", Joined(incident.decisions));
  out += fmt::format("Opened {}; detected {}; contained {}; resolved {}\n", incident.opened_at,
                     incident.detected_at.empty() ? "-" : incident.detected_at,
                     incident.contained_at.empty() ? "-" : incident.contained_at,
                     incident.resolved_at.empty() ? "-" : incident.resolved_at);
  if (!detail.roles.empty()) {
    out += "Roles:\n";
    for (const auto& role : detail.roles)
      out += fmt::format("  {}: {}\n", store::ToString(role.role), role.person);
  }
  if (!detail.timeline.empty()) {
    out += "Timeline:\n";
    for (const auto& entry : detail.timeline) {
      out += fmt::format("  [{}] {} {}", entry.id, entry.at, entry.observed);
      if (!entry.done.empty()) out += fmt::format(" -> {}", entry.done);
      if (entry.corrects) out += fmt::format(" (corrects [{}])", *entry.corrects);
      out += "\n";
    }
  }
  if (!detail.actions.empty()) {
    out += "Action items:\n";
    for (const auto& item : detail.actions) out += "  " + ActionLine(item);
  }
  return out;
}

std::string RenderActionItems(const std::vector<store::ActionItemRecord>& items, ViewFormat format) {
  if (format == ViewFormat::kJson) {
    Json list = Json::array();
    for (const auto& item : items) list.push_back(ActionJson(item));
    return Dump(list);
  }
  std::string out;
  for (const auto& item : items) out += ActionLine(item);
  return out.empty() ? "no action items\n" : out;
}

std::string RenderRepeats(const std::vector<Repeat>& repeats, ViewFormat format) {
  if (format == ViewFormat::kJson) {
    Json list = Json::array();
    for (const auto& repeat : repeats) {
      Json earlier = Json::array();
      for (const auto& e : repeat.earlier) {
        earlier.push_back({{"incident", IncidentJson(e.incident)},
                           {"shared_services", e.shared_services},
                           {"shared_tags", e.shared_tags},
                           {"action_items",
                            {{"total", e.actions.total},
                             {"done", e.actions.done},
                             {"systemic_total", e.actions.systemic_total},
                             {"systemic_done", e.actions.systemic_done}}}});
      }
      list.push_back({{"incident", IncidentJson(repeat.incident)}, {"earlier", std::move(earlier)}});
    }
    return Dump(list);
  }
  std::string out;
  for (const auto& repeat : repeats) {
    out += fmt::format("#{} {} ({}) repeats:\n", repeat.incident.id, repeat.incident.title,
                       repeat.incident.opened_at);
    for (const auto& e : repeat.earlier) {
      out += fmt::format("  #{} {} ({}): same {}; {}; {}\n", e.incident.id, e.incident.title,
                         e.incident.opened_at, Joined(e.shared_services), Joined(e.shared_tags),
                         FollowThroughText(e.actions));
    }
  }
  return out.empty() ? "no repeated incidents\n" : out;
}

}  // namespace candor::incidents
