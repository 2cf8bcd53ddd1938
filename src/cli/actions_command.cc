// candor actions list|done: action items from postmortems, followed through.

#include <fmt/format.h>

#include <string>

#include "cli/command.h"
#include "cli/options.h"
#include "core/clock.h"
#include "incidents/incident_input.h"
#include "incidents/incident_view.h"
#include "incidents/postmortem_actions.h"
#include "store/store.h"

namespace candor::cli {
namespace {

constexpr std::string_view kExamples = R"EX(
Examples:
  candor actions list --team platform
  candor actions list --overdue
  candor actions list --overdue --today 2026-12-20 --format json
  candor actions done 7)EX";

}  // namespace

int RunActions(std::span<char* const> args) {
  CLI::App app{"List action items and mark them done.", "actions"};
  app.footer(std::string(kExamples));
  app.require_subcommand(1);
  std::string db_url, today, format = "text", at = "now";
  store::ActionFilter filter;
  bool overdue = false;
  int64_t id = 0;
  int64_t incident = 0;

  CLI::App* list = app.add_subcommand("list", "List action items by due date");
  AddDbOption(*list, db_url);
  list->add_flag("--overdue", overdue, "Only open items whose due date has passed");
  list->add_option("--today", today, "The date --overdue compares with (YYYY-MM-DD; default: today, UTC)");
  list->add_option("--team", filter.team, "Only this owning team's items");
  list->add_option("--incident", incident, "Only this incident's items");
  list->add_option("--format", format, "text|json")->check(CLI::IsMember({"text", "json"}));

  CLI::App* done = app.add_subcommand("done", "Mark an action item done");
  done->add_option("id", id, "Action item id")->required();
  done->add_option("--at", at, "When it was done (ISO 8601; default: now)");
  AddDbOption(*done, db_url);
  if (auto exit = ParseArgs(app, args)) return *exit;

  const core::Clock& clock = core::SystemClock();
  if (list->parsed()) {
    if (overdue) {
      if (today.empty()) today = core::FormatIso8601(clock.Now()).substr(0, 10);
      if (!incidents::IsIsoDate(today)) {
        return ReportError(
            {core::ErrorCode::kUsage, fmt::format("--today '{}' is not a YYYY-MM-DD date", today)});
      }
      filter.overdue_on = today;
    }
    if (incident != 0) filter.incident_id = incident;
    auto store = store::OpenStore(db_url);
    if (!store) return ReportError(store.error());
    auto items = (*store)->ListActionItems(filter);
    if (!items) return ReportError(items.error());
    auto view = format == "json" ? incidents::ViewFormat::kJson : incidents::ViewFormat::kText;
    fmt::print("{}", incidents::RenderActionItems(*items, view));
    return 0;
  }
  auto when = incidents::NormalizeTime(at, clock, "--at");
  if (!when) return ReportError(when.error());
  auto store = store::OpenStore(db_url);
  if (!store) return ReportError(store.error());
  auto transaction = store::Transaction::Begin(**store);
  if (!transaction) return ReportError(transaction.error());
  if (auto marked = (*store)->MarkActionDone(id, *when); !marked) return ReportError(marked.error());
  if (auto committed = transaction->Commit(); !committed) return ReportError(committed.error());
  fmt::print("action item {} done at {}\n", id, *when);
  return 0;
}

}  // namespace candor::cli
