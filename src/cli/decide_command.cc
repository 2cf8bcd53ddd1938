// candor decide: the team's risk decisions, recorded in the store's
// append-only, hash-chained log (docs/decisions.md).

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/team_options.h"
#include "decisions/decision_log.h"
#include "decisions/decisions_file.h"

namespace candor::cli {
namespace {

constexpr std::string_view kExamples = R"EX(
Subcommands:
  add      Record the decisions of a decisions file (or one given by options)
  list     Decisions in force, with when they expire (--all: revoked ones too)
  show ID  One decision and its log entries
  revoke   Revoke a decision: a new log entry, the old one stays
  verify   Recompute the hash chain; exit 1 naming the first entry that was changed

Examples:
  candor decide add --file .candor/decisions.yaml --org-policy org-policy.yaml
  candor decide add --id RD-4 --kind false_positive --rule B608 --path 'tests/**' \
      --rationale "Test fixtures build SQL from constants" --team payments --approver @dana --role team
  candor decide list --team payments
  candor decide revoke RD-1 --by @dana --reason "legacy/ was removed"
  candor decide verify --expect-head 5f0c...

A decision is refused (exit 2, nothing written) when it lacks a rationale, an accept_risk or
fix_scheduled decision has no expiry or one in the past, or the approver's role may not decide
about the severity it covers; the refusal names the escalation path of the risk appetite.)EX";

std::string ExpiryText(const core::Decision& decision, core::TimePoint now) {
  if (!decision.expires) return "no expiry";
  int days = core::DaysBetween(now, *decision.expires);
  if (*decision.expires <= now) {
    return fmt::format("expired {} ({})", core::DaysAgo(*decision.expires, now),
                       core::FormatDate(*decision.expires));
  }
  return fmt::format("expires {} (in {} day{})", core::FormatDate(*decision.expires), days,
                     days == 1 ? "" : "s");
}

std::string ScopeText(const core::DecisionScope& scope) {
  std::string text = !scope.identity.empty() ? "finding " + scope.identity
                     : !scope.threat.empty()
                         ? "threat " + scope.threat
                         : "rule " + scope.rule + (scope.path.empty() ? "" : " in " + scope.path);
  if (!scope.tool.empty()) text += " (" + scope.tool + ")";
  return text;
}

nlohmann::json ToJson(const decisions::RegisteredDecision& entry) {
  const core::Decision& d = entry.decision;
  nlohmann::json json = {
      {"id", d.id},
      {"kind", core::ToString(d.kind)},
      {"scope",
       {{"identity", d.scope.identity},
        {"rule", d.scope.rule},
        {"path", d.scope.path},
        {"threat", d.scope.threat},
        {"tool", d.scope.tool}}},
      {"severity", d.severity ? nlohmann::json(core::ToString(*d.severity)) : nlohmann::json()},
      {"rationale", d.rationale},
      {"trade_off", d.trade_off},
      {"team", d.team},
      {"approver", d.approver},
      {"approver_role", d.approver_role},
      {"created", core::FormatIso8601(d.created)},
      {"expires", d.expires ? nlohmann::json(core::FormatIso8601(*d.expires)) : nlohmann::json()},
      {"ticket", d.ticket},
      {"recorded_at", entry.recorded_at},
      {"revoked", entry.revocation.has_value()}};
  if (entry.revocation) {
    json["revocation"] = {{"by", entry.revocation->decision.approver},
                          {"reason", entry.revocation->decision.rationale},
                          {"at", entry.revocation->recorded_at}};
  }
  return json;
}

// The decision the options describe, for `add` without --file.
struct DecisionOptions {
  std::string id, kind = "accept_risk", identity, rule, path, threat, tool, severity, rationale, trade_off,
                  team, approver, role, expires, ticket;
};

core::Result<core::Decision> FromOptions(const DecisionOptions& o, core::TimePoint now) {
  core::Decision d;
  d.id = o.id;
  auto kind = core::ParseDecisionKind(o.kind);
  if (!kind) return core::Fail(core::ErrorCode::kUsage, fmt::format("unknown --kind '{}'", o.kind));
  d.kind = *kind;
  d.scope = {o.identity, o.rule, o.path, o.threat, o.tool};
  if (!o.severity.empty()) {
    auto severity = core::ParseSeverity(o.severity);
    if (!severity)
      return core::Fail(core::ErrorCode::kUsage, fmt::format("unknown --severity '{}'", o.severity));
    d.severity = *severity;
  }
  d.rationale = o.rationale;
  d.trade_off = o.trade_off;
  d.team = o.team;
  d.approver = o.approver;
  d.approver_role = o.role;
  d.created = std::chrono::time_point_cast<std::chrono::seconds>(now);
  if (!o.expires.empty()) {
    auto expires = core::ParseIso8601(o.expires);
    if (!expires)
      return core::Fail(core::ErrorCode::kUsage, fmt::format("--expires '{}' is not a date", o.expires));
    d.expires = *expires;
  }
  d.ticket = o.ticket;
  d.origin = "command line";
  return d;
}

int Add(const std::string& db_url, const std::string& file, const DecisionOptions& options,
        pipeline::TeamContextRequest& team_request) {
  auto store = store::OpenStore(db_url);
  if (!store) return ReportError(store.error());
  const core::Clock& clock = core::SystemClock();
  std::vector<core::Decision> decisions;
  if (!file.empty()) {
    auto loaded = decisions::LoadDecisions(file);
    if (!loaded) return ReportError(loaded.error());
    decisions = std::move(*loaded);
  } else {
    auto decision = FromOptions(options, clock.Now());
    if (!decision) return ReportError(decision.error());
    decisions.push_back(std::move(*decision));
  }
  // The service (tier, data classification) and the policy (risk appetite)
  // decide what the approver may accept.
  auto service = ownership::LoadOwnership(team_request.ownership, {});
  if (!service) return ReportError(service.error());
  auto policy = policy::LoadEffectivePolicy(team_request.policy_file, team_request.org_policy_file);
  if (!policy) return ReportError(policy.error());
  decisions::ServiceContext context;
  if (service->service) context = {service->service->tier, service->service->data_class};

  auto transaction = store::Transaction::Begin(**store);
  if (!transaction) return ReportError(transaction.error());
  std::vector<std::string> lines;
  const decisions::RiskAppetite appetite = policy::RiskAppetiteOf(*policy);
  decisions::DecisionRecorder recorder(**store, appetite, context, clock);
  for (const core::Decision& decision : decisions) {
    auto outcome = recorder.Record(decision);
    if (!outcome) {
      core::Error error = outcome.error();
      error.message += " (nothing was recorded)";
      return ReportError(error);
    }
    lines.push_back(*outcome == decisions::RecordOutcome::kAlreadyRecorded
                        ? fmt::format("{}: already recorded, unchanged", decision.id)
                        : fmt::format("{}: recorded ({}, {}; {} approved by {} as {}; {})", decision.id,
                                      core::ToString(decision.kind), ScopeText(decision.scope), decision.team,
                                      decision.approver, decision.approver_role,
                                      decision.expires ? "until " + core::FormatDate(*decision.expires)
                                                       : std::string("no expiry")));
  }
  if (auto committed = transaction->Commit(); !committed) return ReportError(committed.error());
  for (const std::string& line : lines) fmt::print("{}\n", line);
  return 0;
}

int List(const std::string& db_url, const std::string& team, bool all, const std::string& format,
         const std::string& id) {
  auto store = store::OpenStore(db_url);
  if (!store) return ReportError(store.error());
  auto log = (*store)->ListDecisionRecords();
  if (!log) return ReportError(log.error());
  const core::TimePoint now = core::SystemClock().Now();
  nlohmann::json json = nlohmann::json::array();
  std::string text;
  bool found = false;
  for (const auto& entry : decisions::Replay(*log)) {
    const core::Decision& d = entry.decision;
    if (!id.empty() && d.id != id) continue;
    if (!team.empty() && d.team != team) continue;
    if (id.empty() && !all && entry.revocation) continue;
    found = true;
    json.push_back(ToJson(entry));
    std::string state = entry.revocation ? fmt::format("revoked {} by {}: {}", entry.revocation->recorded_at,
                                                       entry.revocation->decision.approver,
                                                       entry.revocation->decision.rationale)
                                         : ExpiryText(d, now);
    if (id.empty()) {
      text += fmt::format("{:<8} {:<20} {:<10} {}  [{}]\n", d.id, core::ToString(d.kind), d.team,
                          ScopeText(d.scope), state);
      continue;
    }
    text += fmt::format(
        "{} {}\n  scope:     {}\n  severity:  {}\n  rationale: {}\n  trade-off: {}\n  team:      {}\n  "
        "approver:  "
        "{} ({})\n  created:   {}\n  status:    {}\n  ticket:    {}\n  recorded:  {}\n",
        d.id, core::ToString(d.kind), ScopeText(d.scope),
        d.severity ? core::ToString(*d.severity) : "not stated", d.rationale,
        d.trade_off.empty() ? "-" : d.trade_off, d.team, d.approver, d.approver_role,
        core::FormatDate(d.created), state, d.ticket.empty() ? "-" : d.ticket, entry.recorded_at);
  }
  if (!id.empty() && !found)
    return ReportError({core::ErrorCode::kNotFound, fmt::format("no decision {}", id)});
  if (format == "json") {
    fmt::print("{}\n", id.empty() ? json.dump(2) : json.at(0).dump(2));
  } else {
    fmt::print("{}", text.empty() ? "no decisions in force\n" : text);
  }
  return 0;
}

int Revoke(const std::string& db_url, const std::string& id, const std::string& by,
           const std::string& reason) {
  auto store = store::OpenStore(db_url);
  if (!store) return ReportError(store.error());
  auto transaction = store::Transaction::Begin(**store);
  if (!transaction) return ReportError(transaction.error());
  if (auto revoked = decisions::RevokeDecision(**store, id, by, reason, core::SystemClock()); !revoked) {
    return ReportError(revoked.error());
  }
  if (auto committed = transaction->Commit(); !committed) return ReportError(committed.error());
  fmt::print("{}: revoked by {} ({})\n", id, by, reason);
  return 0;
}

int Verify(const std::string& db_url, const std::string& expect_head) {
  auto store = store::OpenStore(db_url);
  if (!store) return ReportError(store.error());
  auto log = (*store)->ListDecisionRecords();
  if (!log) return ReportError(log.error());
  decisions::Verification result = decisions::VerifyLog(*log);
  if (result.broken_seq) {
    fmt::print("decision log BROKEN at entry {} of {}: {}\n", *result.broken_seq, result.entries,
               result.problem);
    return 1;
  }
  if (!expect_head.empty() && expect_head != result.head_hash) {
    fmt::print(
        "decision log does not end where expected: head is {}, expected {} (entries were cut off or "
        "the log was rebuilt)\n",
        result.head_hash.empty() ? "empty" : result.head_hash, expect_head);
    return 1;
  }
  fmt::print("decision log intact: {} entr{}, head {}\n", result.entries, result.entries == 1 ? "y" : "ies",
             result.head_hash.empty() ? "(empty)" : result.head_hash);
  return 0;
}

}  // namespace

int RunDecide(std::span<char* const> args) {
  CLI::App app{"Record, list, revoke and verify the team's risk decisions.", "decide"};
  app.footer(std::string(kExamples));
  std::string action, id, db_url, file, team, format = "text", by, reason, expect_head;
  bool all = false;
  DecisionOptions o;
  pipeline::TeamContextRequest team_request;
  app.add_option("action", action, "add | list | show | revoke | verify")
      ->required()
      ->check(CLI::IsMember({"add", "list", "show", "revoke", "verify"}));
  app.add_option("id", id, "The decision's id (show, revoke)");
  AddDbOption(app, db_url);
  app.add_option("--file", file, "add: a decisions file (.candor/decisions.yaml)");
  app.add_option("--id", o.id, "add: the new decision's id (like RD-12)");
  app.add_option("--kind", o.kind, "add: accept_risk | false_positive | mitigated_by_control | fix_scheduled")
      ->capture_default_str();
  app.add_option("--identity", o.identity, "add: scope: one finding's identity");
  app.add_option("--rule", o.rule, "add: scope: a rule id glob");
  app.add_option("--path", o.path, "add: scope: a path glob, with --rule");
  app.add_option("--threat", o.threat, "add: scope: a threat id (rule@element)");
  app.add_option("--tool", o.tool, "add: narrow the scope to one tool");
  app.add_option("--severity", o.severity, "add: the most severe finding it is meant to cover");
  app.add_option("--rationale", o.rationale, "add: why");
  app.add_option("--trade-off", o.trade_off, "add: what the team gives up");
  app.add_option("--team", o.team, "add: the deciding team; list: only this team's");
  app.add_option("--approver", o.approver, "add: who approved");
  app.add_option("--role", o.role, "add: the approver's role in the risk appetite");
  app.add_option("--expires", o.expires, "add: until when (ISO 8601 date)");
  app.add_option("--ticket", o.ticket, "add: link to the tracking ticket");
  app.add_flag("--all", all, "list: include revoked decisions");
  app.add_option("--format", format, "list, show: text or json")->check(CLI::IsMember({"text", "json"}));
  app.add_option("--by", by, "revoke: who revokes it");
  app.add_option("--reason", reason, "revoke: why");
  app.add_option("--expect-head", expect_head, "verify: the head hash published earlier");
  AddTeamOptions(app, team_request);
  if (auto exit = ParseArgs(app, args)) return *exit;

  if (action == "add") return Add(db_url, file, o, team_request);
  if (action == "list") return List(db_url, o.team, all, format, "");
  if (action == "show" || action == "revoke") {
    if (id.empty())
      return ReportError({core::ErrorCode::kUsage, fmt::format("decide {} needs the decision's id", action)});
    return action == "show" ? List(db_url, "", true, format, id) : Revoke(db_url, id, by, reason);
  }
  return Verify(db_url, expect_head);
}

}  // namespace candor::cli
