// candor postmortem lint|new|ingest: blameless postmortems, checked like code.

#include <fmt/format.h>

#include <string>

#include "cli/command.h"
#include "cli/options.h"
#include "core/clock.h"
#include "incidents/lint_report.h"
#include "incidents/postmortem_ingest.h"
#include "incidents/postmortem_lint.h"
#include "incidents/postmortem_template.h"
#include "ingest/input.h"
#include "store/store.h"

namespace candor::cli {
namespace {

constexpr std::string_view kExamples = R"EX(
Examples:
  candor postmortem new 12 -o postmortems/12.md
  candor postmortem lint postmortems/12.md --names team-roster.txt
  candor postmortem lint postmortems/12.md --format sarif -o lint.sarif
  candor postmortem ingest postmortems/12.md

lint exits 1 when it finds problems, 0 when none, 2 for unreadable input. --names
FILE lists people (one per line) whose names must not appear as causes; @handles
are recognised without it. Team rosters will come from the store.)EX";

core::Result<std::string> ReadPostmortem(const std::string& path) {
  ingest::Limits limits;
  limits.max_input_bytes = incidents::kMaxPostmortemBytes;
  auto input = ingest::LoadInput(path, limits);
  if (!input) return std::unexpected(std::move(input.error()));
  return std::string(input->bytes());
}

// A roster member that is neither an @handle nor an e-mail address is a
// person's name ("Dana Smith"): one the blame rules must not see as a cause.
bool IsPersonName(std::string_view member) {
  return !member.empty() && member.find('@') == std::string_view::npos;
}

int Lint(const std::string& path, const std::string& names, const std::string& roster_db,
         const std::string& format_name, const std::string& output) {
  incidents::Roster roster;
  if (!names.empty()) {
    auto loaded = incidents::LoadRoster(names);
    if (!loaded) return ReportError(loaded.error());
    roster = std::move(*loaded);
  }
  if (!roster_db.empty()) {
    auto store = store::OpenStore(roster_db);
    if (!store) return ReportError(store.error());
    auto teams = (*store)->ListTeams();
    if (!teams) return ReportError(teams.error());
    for (const auto& team : *teams) {
      for (const auto& member : team.members) {
        if (IsPersonName(member)) roster.Add(member);
      }
    }
  }
  auto text = ReadPostmortem(path);
  if (!text) return ReportError(text.error());
  auto problems = incidents::LintPostmortem(*text, path, roster);
  if (!problems) return ReportError(problems.error());
  auto format = format_name == "json"    ? incidents::LintFormat::kJson
                : format_name == "sarif" ? incidents::LintFormat::kSarif
                                         : incidents::LintFormat::kText;
  if (auto written = WriteOutput(output, incidents::RenderLint(*problems, path, format)); !written) {
    return ReportError(written.error());
  }
  return problems->empty() ? 0 : 1;
}

int New(int64_t incident_id, const std::string& db_url, const std::string& output) {
  auto store = store::OpenStore(db_url);
  if (!store) return ReportError(store.error());
  auto incident = (*store)->GetIncident(incident_id);
  if (!incident) return ReportError(incident.error());
  if (!*incident)
    return ReportError({core::ErrorCode::kNotFound, fmt::format("no incident {}", incident_id)});
  auto roles = (*store)->Roles(incident_id);
  if (!roles) return ReportError(roles.error());
  auto timeline = (*store)->Timeline(incident_id);
  if (!timeline) return ReportError(timeline.error());
  std::string markdown = incidents::RenderPostmortemTemplate(**incident, *roles, *timeline);
  if (auto written = WriteOutput(output, markdown); !written) return ReportError(written.error());
  return 0;
}

int Ingest(const std::string& path, std::optional<int64_t> incident, const std::string& db_url) {
  auto text = ReadPostmortem(path);
  if (!text) return ReportError(text.error());
  auto plan = incidents::PlanIngest(*text, path, incident);
  if (!plan) return ReportError(plan.error());
  auto store = store::OpenStore(db_url);
  if (!store) return ReportError(store.error());
  auto ids = incidents::RecordIngest(**store, *plan, core::FormatIso8601(core::SystemClock().Now()));
  if (!ids) {
    core::Error error = ids.error();
    error.message += " (nothing was recorded)";
    return ReportError(error);
  }
  fmt::print("recorded {} action item{} for incident {}\n", ids->size(), ids->size() == 1 ? "" : "s",
             plan->incident_id);
  return 0;
}

}  // namespace

int RunPostmortem(std::span<char* const> args) {
  CLI::App app{"Write, lint and ingest blameless postmortems.", "postmortem"};
  app.footer(std::string(kExamples));
  app.require_subcommand(1);
  std::string db_url, path, names, format = "text", output;
  int64_t incident_id = 0;

  CLI::App* lint = app.add_subcommand("lint", "Check a postmortem for completeness and blame language");
  lint->add_option("file", path, "The postmortem (Markdown)")->required();
  lint->add_option("--names", names, "File of people's names, one per line, never to be named as causes");
  std::string roster_db;
  lint->add_option("--db", roster_db,
                   "Also take names from the team rosters in this store (candor team sync): members that are "
                   "neither @handles nor e-mail addresses");
  lint->add_option("--format", format, "text|json|sarif")->check(CLI::IsMember({"text", "json", "sarif"}));
  lint->add_option("-o,--output", output, "Write to this file instead of standard output");

  CLI::App* create = app.add_subcommand("new", "Write a postmortem prefilled from an incident");
  create->add_option("incident", incident_id, "Incident id")->required();
  AddDbOption(*create, db_url);
  create->add_option("-o,--output", output, "Write to this file instead of standard output");

  CLI::App* ingest = app.add_subcommand("ingest", "Record a postmortem's action items in the store");
  ingest->add_option("file", path, "The postmortem (Markdown)")->required();
  ingest->add_option("--incident", incident_id, "Incident id (default: the file's candor:incident marker)");
  AddDbOption(*ingest, db_url);
  if (auto exit = ParseArgs(app, args)) return *exit;

  if (lint->parsed()) return Lint(path, names, roster_db, format, output);
  if (create->parsed()) return New(incident_id, db_url, output);
  std::optional<int64_t> incident;
  if (incident_id != 0) incident = incident_id;
  return Ingest(path, incident, db_url);
}

}  // namespace candor::cli
