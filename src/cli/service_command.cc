// candor service and candor team: the service catalog and the team rosters
// that say who owns what, kept in the store across repos.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "ownership/roster.h"
#include "ownership/service_file.h"

namespace candor::cli {
namespace {

constexpr std::string_view kServiceExamples = R"EX(
Examples:
  candor service add .candor/service.yaml --repo acme/payments
  candor service add services/*/.candor/service.yaml
  candor service list --format json

A service file names the service, its owning team, tier, data classification, security champion
and security partner (docs/ownership.md). Adding a service that is already in the catalog updates
it. All files are added in one transaction: one bad file and nothing is written.)EX";

constexpr std::string_view kTeamExamples = R"EX(
Examples:
  candor team sync .candor/teams.yaml
  candor team list

A roster says which people (@handle, email) and which CODEOWNERS team handles belong to a team, so
a CODEOWNERS line that names a person still gives a finding its owning team. Candor reports on
teams, never on the people in them.)EX";

int ServiceAdd(const std::string& db_url, const std::vector<std::string>& files, const std::string& repo) {
  std::vector<store::ServiceRecord> services;
  for (const std::string& file : files) {
    auto service = ownership::LoadServiceFile(file);
    if (!service) return ReportError(service.error());
    if (!repo.empty()) service->repo = repo;
    services.push_back(std::move(*service));
  }
  auto store = store::OpenStore(db_url);
  if (!store) return ReportError(store.error());
  auto transaction = store::Transaction::Begin(**store);
  if (!transaction) return ReportError(transaction.error());
  for (const auto& service : services) {
    if (auto put = (*store)->PutService(service); !put) return ReportError(put.error());
  }
  if (auto committed = transaction->Commit(); !committed) return ReportError(committed.error());
  for (const auto& service : services) {
    fmt::print("{}: owned by {}{}{}\n", service.name, service.team,
               service.tier.empty() ? "" : ", " + service.tier,
               service.data_class.empty() ? "" : ", " + service.data_class + " data");
  }
  return 0;
}

int ServiceList(const std::string& db_url, const std::string& format) {
  auto store = store::OpenStore(db_url);
  if (!store) return ReportError(store.error());
  auto services = (*store)->ListServices();
  if (!services) return ReportError(services.error());
  if (format == "json") {
    nlohmann::json json = nlohmann::json::array();
    for (const auto& s : *services) {
      json.push_back({{"service", s.name},
                      {"repo", s.repo},
                      {"team", s.team},
                      {"tier", s.tier},
                      {"data_classification", s.data_class},
                      {"champion", s.champion},
                      {"security_partner", s.security_partner}});
    }
    fmt::print("{}\n", json.dump(2));
    return 0;
  }
  if (services->empty())
    fmt::print("no services in the catalog (add one: candor service add .candor/service.yaml)\n");
  for (const auto& s : *services) {
    fmt::print("{:<24} team {:<16} {:<8} {:<14} repo {}  champion {}  partner {}\n", s.name, s.team,
               s.tier.empty() ? "-" : s.tier, s.data_class.empty() ? "-" : s.data_class,
               s.repo.empty() ? "-" : s.repo, s.champion.empty() ? "-" : s.champion,
               s.security_partner.empty() ? "-" : s.security_partner);
  }
  return 0;
}

}  // namespace

int RunService(std::span<char* const> args) {
  CLI::App app{"Add services to the catalog from their service.yaml, and list them.", "service"};
  app.footer(std::string(kServiceExamples));
  std::string action, db_url, repo, format = "text";
  std::vector<std::string> files;
  app.add_option("action", action, "add | list")->required()->check(CLI::IsMember({"add", "list"}));
  app.add_option("files", files, "add: service.yaml files");
  app.add_option("--repo", repo, "add: the repository the service lives in (overrides the file's 'repo')");
  app.add_option("--format", format, "list: text or json")->check(CLI::IsMember({"text", "json"}));
  AddDbOption(app, db_url);
  if (auto exit = ParseArgs(app, args)) return *exit;
  if (action == "list") return ServiceList(db_url, format);
  if (files.empty())
    return ReportError({core::ErrorCode::kUsage, "service add needs one or more service.yaml files"});
  return ServiceAdd(db_url, files, repo);
}

int RunTeam(std::span<char* const> args) {
  CLI::App app{"Load team rosters into the store, and list them.", "team"};
  app.footer(std::string(kTeamExamples));
  std::string action, db_url, file, format = "text";
  app.add_option("action", action, "sync | list")->required()->check(CLI::IsMember({"sync", "list"}));
  app.add_option("file", file, "sync: a roster file (.candor/teams.yaml)");
  app.add_option("--format", format, "list: text or json")->check(CLI::IsMember({"text", "json"}));
  AddDbOption(app, db_url);
  if (auto exit = ParseArgs(app, args)) return *exit;
  auto store_or_error = [&]() { return store::OpenStore(db_url); };
  if (action == "sync") {
    if (file.empty()) return ReportError({core::ErrorCode::kUsage, "team sync needs a roster file"});
    auto roster = ownership::LoadRoster(file);
    if (!roster) return ReportError(roster.error());
    auto store = store_or_error();
    if (!store) return ReportError(store.error());
    auto transaction = store::Transaction::Begin(**store);
    if (!transaction) return ReportError(transaction.error());
    if (auto put = (*store)->PutTeams(*roster); !put) return ReportError(put.error());
    if (auto committed = transaction->Commit(); !committed) return ReportError(committed.error());
    fmt::print("{} team{} synced from {}\n", roster->size(), roster->size() == 1 ? "" : "s", file);
    return 0;
  }
  auto store = store_or_error();
  if (!store) return ReportError(store.error());
  auto teams = (*store)->ListTeams();
  if (!teams) return ReportError(teams.error());
  if (format == "json") {
    nlohmann::json json = nlohmann::json::array();
    for (const auto& t : *teams) {
      json.push_back(
          {{"team", t.name}, {"channel", t.channel}, {"members", t.members}, {"parents", t.parents}});
    }
    fmt::print("{}\n", json.dump(2));
    return 0;
  }
  for (const auto& t : *teams) {
    fmt::print("{:<20} {:<14} {} member{}{}\n", t.name, t.channel.empty() ? "-" : t.channel, t.members.size(),
               t.members.size() == 1 ? "" : "s",
               t.parents.empty() ? "" : ", part of " + fmt::format("{}", fmt::join(t.parents, ", ")));
  }
  return 0;
}

}  // namespace candor::cli
