// candor incident open|update|log|role|close|list|show|repeats: incidents in
// the store. People appear only as role holders; the timeline is append-only.

#include <fmt/format.h>

#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/options.h"
#include "core/clock.h"
#include "incidents/finding_tags.h"
#include "incidents/incident_input.h"
#include "incidents/incident_view.h"
#include "incidents/repeats.h"
#include "store/store.h"

namespace candor::cli {
namespace {

using core::ErrorCode;

constexpr size_t kMaxTextBytes = 10000;

constexpr std::string_view kExamples = R"EX(
Examples:
  candor incident open --title "Checkout errors" --severity SEV2 --service payments --tag cwe:89
  candor incident role 1 commander "Alice Chen"
  candor incident log 1 --at 2026-11-22T14:05Z --observed "error rate 12%" --done "paged database team"
  candor incident log 1 --observed "error rate was 14%" --corrects 1
  candor incident update 1 --contained-at 2026-11-22T14:20Z
  candor incident close 1 --resolved-at 2026-11-22T14:50Z
  candor incident show 1 --format json
  candor incident repeats --window-days 180

Times are UTC; input accepts ISO 8601 with offsets. Roles: commander, communications,
scribe, operations, security-partner. Tags name contributing categories for repeats:
category:NAME, cwe:N, rule:ID.)EX";

struct Options {
  std::string db_url;
  int64_t id = 0;
  std::string title, severity, format = "text";
  std::vector<std::string> services, tags, findings, decisions;
  std::string opened_at = "now", detected_at, contained_at, resolved_at;
  std::string at = "now", observed, done, role, person;
  int64_t corrects = 0;
  int window_days = 90;
};

core::Status CheckText(const std::string& text, std::string_view option) {
  if (text.size() > kMaxTextBytes) {
    return core::Fail(ErrorCode::kInvalidInput,
                      fmt::format("{} is longer than {} bytes", option, kMaxTextBytes));
  }
  return {};
}

// Normalises `text` into `out` when given; the option names the error.
core::Status SetTime(const std::string& text, std::string_view option, std::string& out) {
  if (text.empty()) return {};
  auto time = incidents::NormalizeTime(text, core::SystemClock(), option);
  if (!time) return std::unexpected(time.error());
  out = *time;
  return {};
}

void AddAll(std::vector<std::string>& to, const std::vector<std::string>& more) {
  for (const auto& item : more) {
    if (std::find(to.begin(), to.end(), item) == to.end()) to.push_back(item);
  }
}

// Runs `write` on the incident store in one transaction.
template <class Write>
int InTransaction(const std::string& db_url, Write write) {
  auto store = store::OpenStore(db_url);
  if (!store) return ReportError(store.error());
  auto transaction = store::Transaction::Begin(**store);
  if (!transaction) return ReportError(transaction.error());
  if (auto written = write(**store); !written) return ReportError(written.error());
  if (auto committed = transaction->Commit(); !committed) return ReportError(committed.error());
  return 0;
}

core::Result<store::IncidentRecord> Existing(store::Store& store, int64_t id) {
  auto incident = store.GetIncident(id);
  if (!incident) return std::unexpected(incident.error());
  if (!*incident) return core::Fail(ErrorCode::kNotFound, fmt::format("no incident {}", id));
  return **incident;
}

int Open(const Options& o) {
  store::IncidentRecord incident;
  incident.title = o.title;
  if (auto checked = CheckText(o.title, "--title"); !checked) return ReportError(checked.error());
  auto severity = incidents::ParseSeverity(o.severity, "--severity");
  if (!severity) return ReportError(severity.error());
  incident.severity = *severity;
  incident.services = o.services;
  incident.tags = o.tags;
  incident.findings = o.findings;
  incident.decisions = o.decisions;
  for (auto [text, option, out] : {std::tuple{&o.opened_at, "--opened-at", &incident.opened_at},
                                   std::tuple{&o.detected_at, "--detected-at", &incident.detected_at},
                                   std::tuple{&o.contained_at, "--contained-at", &incident.contained_at}}) {
    if (auto set = SetTime(*text, option, *out); !set) return ReportError(set.error());
  }
  int64_t id = 0;
  int exit = InTransaction(o.db_url, [&](store::Store& store) -> core::Status {
    if (auto tagged = incidents::AddFindingTags(store, incident.findings, incident.tags); !tagged)
      return tagged;
    auto added = store.AddIncident(incident);
    if (!added) return std::unexpected(added.error());
    id = *added;
    return {};
  });
  if (exit == 0) fmt::print("opened incident {}\n", id);
  return exit;
}

int Update(const Options& o, bool close) {
  return InTransaction(o.db_url, [&](store::Store& store) -> core::Status {
    auto incident = Existing(store, o.id);
    if (!incident) return std::unexpected(incident.error());
    if (!o.title.empty()) {
      if (auto checked = CheckText(o.title, "--title"); !checked) return checked;
      incident->title = o.title;
    }
    if (!o.severity.empty()) {
      auto severity = incidents::ParseSeverity(o.severity, "--severity");
      if (!severity) return std::unexpected(severity.error());
      incident->severity = *severity;
    }
    AddAll(incident->services, o.services);
    AddAll(incident->tags, o.tags);
    AddAll(incident->findings, o.findings);
    AddAll(incident->decisions, o.decisions);
    if (auto tagged = incidents::AddFindingTags(store, o.findings, incident->tags); !tagged) return tagged;
    if (auto set = SetTime(o.detected_at, "--detected-at", incident->detected_at); !set) return set;
    if (auto set = SetTime(o.contained_at, "--contained-at", incident->contained_at); !set) return set;
    std::string resolved = close && o.resolved_at.empty() ? "now" : o.resolved_at;
    if (auto set = SetTime(resolved, "--resolved-at", incident->resolved_at); !set) return set;
    if (auto updated = store.UpdateIncident(*incident); !updated) return updated;
    fmt::print("{} incident {}\n", close ? "closed" : "updated", o.id);
    return {};
  });
}

int Log(const Options& o) {
  store::TimelineEntry entry;
  entry.incident_id = o.id;
  entry.observed = o.observed;
  entry.done = o.done;
  if (o.observed.empty() && o.done.empty()) {
    return ReportError({ErrorCode::kUsage, "say what was observed (--observed) or done (--done)"});
  }
  for (auto [text, option] : {std::pair{&o.observed, "--observed"}, std::pair{&o.done, "--done"}}) {
    if (auto checked = CheckText(*text, option); !checked) return ReportError(checked.error());
  }
  if (auto set = SetTime(o.at, "--at", entry.at); !set) return ReportError(set.error());
  entry.recorded_at = core::FormatIso8601(core::SystemClock().Now());
  if (o.corrects != 0) entry.corrects = o.corrects;
  return InTransaction(o.db_url, [&](store::Store& store) -> core::Status {
    auto id = store.AddTimelineEntry(entry);
    if (!id) return std::unexpected(id.error());
    fmt::print("logged entry {} on incident {}\n", *id, o.id);
    return {};
  });
}

int Role(const Options& o) {
  auto role = incidents::ParseRole(o.role, "role");
  if (!role) return ReportError(role.error());
  if (o.person.empty()) return ReportError({ErrorCode::kUsage, "name the person taking the role"});
  if (auto checked = CheckText(o.person, "person"); !checked) return ReportError(checked.error());
  store::RoleAssignment assignment{*role, o.person, ""};
  if (auto set = SetTime(o.at, "--at", assignment.assigned_at); !set) return ReportError(set.error());
  return InTransaction(o.db_url, [&](store::Store& store) -> core::Status {
    if (auto assigned = store.AssignRole(o.id, assignment); !assigned) return assigned;
    fmt::print("incident {}: {} is {}\n", o.id, o.person, store::ToString(*role));
    return {};
  });
}

int Show(const Options& o, bool list, bool repeats) {
  auto store = store::OpenStore(o.db_url);
  if (!store) return ReportError(store.error());
  auto view = o.format == "json" ? incidents::ViewFormat::kJson : incidents::ViewFormat::kText;
  if (list || repeats) {
    auto incidents = (*store)->ListIncidents();
    if (!incidents) return ReportError(incidents.error());
    if (list) {
      fmt::print("{}", incidents::RenderIncidentList(*incidents, view));
      return 0;
    }
    auto actions = (*store)->ListActionItems({});
    if (!actions) return ReportError(actions.error());
    auto found = incidents::FindRepeats(*incidents, *actions, std::chrono::days(o.window_days));
    fmt::print("{}", incidents::RenderRepeats(found, view));
    return 0;
  }
  incidents::IncidentDetail detail;
  auto incident = Existing(**store, o.id);
  if (!incident) return ReportError(incident.error());
  detail.incident = std::move(*incident);
  auto roles = (*store)->Roles(o.id);
  if (!roles) return ReportError(roles.error());
  auto timeline = (*store)->Timeline(o.id);
  if (!timeline) return ReportError(timeline.error());
  store::ActionFilter filter;
  filter.incident_id = o.id;
  auto actions = (*store)->ListActionItems(filter);
  if (!actions) return ReportError(actions.error());
  detail.roles = std::move(*roles);
  detail.timeline = std::move(*timeline);
  detail.actions = std::move(*actions);
  fmt::print("{}", incidents::RenderIncidentDetail(detail, view));
  return 0;
}

void AddLists(CLI::App& command, Options& o) {
  command.add_option("--service", o.services, "A service affected (repeatable)");
  command.add_option("--tag", o.tags, "A contributing category: category:NAME, cwe:N, rule:ID (repeatable)");
  command.add_option("--finding", o.findings,
                     "A linked finding: its id or identity (repeatable); its CWEs and rule become tags");
  command.add_option("--decision", o.decisions, "A linked decision (repeatable)");
  command.add_option("--detected-at", o.detected_at, "When it was detected (ISO 8601)");
  command.add_option("--contained-at", o.contained_at, "When it was contained (ISO 8601)");
}

}  // namespace

int RunIncident(std::span<char* const> args) {
  CLI::App app{"Record incidents: roles, timeline, times; find repeats.", "incident"};
  app.footer(std::string(kExamples));
  app.require_subcommand(1);
  Options o;
  auto id_of = [&](CLI::App* command) { command->add_option("id", o.id, "Incident id")->required(); };
  auto format_of = [&](CLI::App* command) {
    command->add_option("--format", o.format, "text|json")->check(CLI::IsMember({"text", "json"}));
  };

  CLI::App* open = app.add_subcommand("open", "Open an incident");
  open->add_option("--title", o.title, "What is happening, without names")->required();
  open->add_option("--severity", o.severity, "SEV1 (worst) to SEV4")->required();
  open->add_option("--opened-at", o.opened_at, "When it was opened (ISO 8601; default: now)");
  AddLists(*open, o);
  CLI::App* update =
      app.add_subcommand("update", "Change an incident's title, severity, times; add services, tags, links");
  id_of(update);
  update->add_option("--title", o.title, "New title");
  update->add_option("--severity", o.severity, "New severity");
  update->add_option("--resolved-at", o.resolved_at, "When it was resolved (ISO 8601)");
  AddLists(*update, o);
  CLI::App* log = app.add_subcommand("log", "Append a timeline entry (entries are never changed)");
  id_of(log);
  log->add_option("--at", o.at, "When it happened (ISO 8601; default: now)");
  log->add_option("--observed", o.observed, "What was observed");
  log->add_option("--done", o.done, "What was done");
  log->add_option("--corrects", o.corrects, "The id of an earlier entry this one corrects");
  CLI::App* role = app.add_subcommand("role", "Give a person a role");
  id_of(role);
  role->add_option("role", o.role, "commander|communications|scribe|operations|security-partner")->required();
  role->add_option("person", o.person, "Who takes the role")->required();
  role->add_option("--at", o.at, "Since when (ISO 8601; default: now)");
  CLI::App* close = app.add_subcommand("close", "Mark an incident resolved");
  id_of(close);
  close->add_option("--resolved-at", o.resolved_at, "When it was resolved (ISO 8601; default: now)");
  CLI::App* list = app.add_subcommand("list", "List incidents, oldest first");
  format_of(list);
  CLI::App* show = app.add_subcommand("show", "Show an incident with its roles, timeline and action items");
  id_of(show);
  format_of(show);
  CLI::App* repeats =
      app.add_subcommand("repeats", "Incidents that recur, with their earlier occurrences' follow-through");
  repeats
      ->add_option("--window-days", o.window_days, "How far back an earlier occurrence counts (default 90)")
      ->check(CLI::Range(1, 36500));
  format_of(repeats);
  for (CLI::App* command : {open, update, log, role, close, list, show, repeats})
    AddDbOption(*command, o.db_url);
  if (auto exit = ParseArgs(app, args)) return *exit;

  if (open->parsed()) return Open(o);
  if (update->parsed()) return Update(o, false);
  if (close->parsed()) return Update(o, true);
  if (log->parsed()) return Log(o);
  if (role->parsed()) return Role(o);
  return Show(o, list->parsed(), repeats->parsed());
}

}  // namespace candor::cli
