// candor threat with the decision register, end to end: threat status from a
// decisions file and from the store, expiry judged --as-of, decision ids in
// the reports, and a decided threat no longer failing `candor threat diff`.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_candor.h"

namespace candor::e2e {
namespace {

const std::string kExample = std::string(CANDOR_EXAMPLES) + "/payments-service/";
const std::string kModel = kExample + ".candor/threatmodel.yaml";
const std::string kChanged = kExample + "design-change/threatmodel.yaml";

// The design change's two new threats, decided by the security partner.
// RD-32 expires 2030-12-01, so --as-of 2030-12-04 sees it three days expired.
constexpr std::string_view kDecisions = R"(version: 1
decisions:
  - id: RD-31
    kind: mitigated_by_control
    scope: {threat: missing-authentication@refunds-worker}
    rationale: The partner bank reaches the worker only through the mTLS gateway.
    team: payments
    approver: "@lee"
    approver_role: security_partner
    created: 2026-11-20
  - id: RD-32
    kind: accept_risk
    scope: {threat: xml-external-entities@refunds-worker}
    rationale: The parser is replaced in Q1; refund files come from one partner.
    team: payments
    approver: "@lee"
    approver_role: security_partner
    created: 2026-11-20
    expires: 2030-12-01
)";

std::string DecisionsFile() {
  auto dir = FreshDir("threat_decisions");
  auto path = dir / "decisions.yaml";
  std::ofstream(path) << kDecisions;
  return path.string();
}

nlohmann::json ThreatById(const nlohmann::json& report, const std::string& id) {
  for (const auto& t : report["threats"])
    if (t["id"] == id) return t;
  ADD_FAILURE() << "no threat " << id;
  return {};
}

// The high threats the design change adds (docs/threat-modelling.md).
const std::vector<std::string> kHighThreats = {
    "excessive-database-privileges@refunds-to-db", "missing-audit-trail@refunds-worker",
    "missing-authentication@refunds-worker",       "missing-authorization@refunds-worker",
    "os-command-injection@refunds-worker",         "sql-injection@refunds-worker",
    "unattributable-actions@refunds-to-db",        "unauthenticated-cross-boundary-flow@refund-files",
    "unprotected-flow-integrity@refund-files",     "vulnerable-dependencies@refunds-worker"};

std::string EveryHighThreatDecided() {
  std::string yaml = "version: 1\ndecisions:\n";
  for (size_t i = 0; i < kHighThreats.size(); ++i) {
    yaml += "  - id: RD-" + std::to_string(100 + i) +
            "\n    kind: fix_scheduled\n    scope: {threat: " + kHighThreats[i] +
            "}\n    rationale: Fixed before the worker ships.\n    team: payments\n    approver: \"@lee\"\n"
            "    approver_role: security_partner\n    created: 2026-11-20\n    expires: 2030-01-01\n";
  }
  auto path = FreshDir("threat_decisions_high") / "decisions.yaml";
  std::ofstream(path) << yaml;
  return path.string();
}

TEST(ThreatDecisionsCliTest, DecidedThreatsNoLongerFailTheDiff) {
  std::string diff = "threat diff " + ShellQuote(kModel) + " " + ShellQuote(kChanged) + " --fail-on high";
  CommandResult undecided = RunCandor(diff);
  EXPECT_EQ(undecided.exit_code, 1) << undecided.err;
  EXPECT_NE(undecided.out.find("**10 new threats at high"), std::string::npos) << undecided.out;
  // One decided: the other nine still fail the check.
  CommandResult one = RunCandor(diff + " --decisions " + ShellQuote(DecisionsFile()) + " --as-of 2026-11-25");
  EXPECT_EQ(one.exit_code, 1) << one.err;
  EXPECT_NE(one.out.find("**9 new threats at high"), std::string::npos) << one.out;
  CommandResult all =
      RunCandor(diff + " --decisions " + ShellQuote(EveryHighThreatDecided()) + " --as-of 2026-11-25");
  EXPECT_EQ(all.exit_code, 0) << all.out << all.err;
  EXPECT_NE(all.out.find("No new threat at high or above without a decision."), std::string::npos) << all.out;
}

TEST(ThreatDecisionsCliTest, AnExpiredDecisionLeavesTheThreatOpenAndTheReportSaysSo) {
  CommandResult run = RunCandor("threat report " + ShellQuote(kChanged) + " --decisions " +
                                ShellQuote(DecisionsFile()) + " --as-of 2030-12-04");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("decision RD-32 expired 3 days ago"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("mitigated (RD-31): The partner bank"), std::string::npos) << run.out;
}

TEST(ThreatDecisionsCliTest, SarifSuppressesDecidedThreatsWithTheDecisionId) {
  CommandResult run = RunCandor("threat report " + ShellQuote(kChanged) + " --format sarif --decisions " +
                                ShellQuote(DecisionsFile()) + " --as-of 2026-11-25");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto sarif = nlohmann::json::parse(run.out);
  bool seen = false;
  for (const auto& result : sarif["runs"][0]["results"]) {
    if (result["properties"]["threat-id"] != "missing-authentication@refunds-worker") continue;
    seen = true;
    ASSERT_TRUE(result.contains("suppressions")) << result.dump();
    EXPECT_EQ(result["suppressions"][0]["kind"], "external");
    EXPECT_EQ(result["suppressions"][0]["status"], "accepted");
    EXPECT_EQ(result["suppressions"][0]["justification"],
              "RD-31: The partner bank reaches the worker only through the mTLS gateway.");
  }
  EXPECT_TRUE(seen) << run.out;
}

TEST(ThreatDecisionsCliTest, StoreDecisionsApplyUntilRevoked) {
  std::string db = FreshStore("threat_decisions");
  std::string file = DecisionsFile();
  CommandResult added = RunCandor("decide add --file " + ShellQuote(file) + " --db " + ShellQuote(db) +
                                  " --repo-dir " + ShellQuote(kExample));
  ASSERT_EQ(added.exit_code, 0) << added.out << added.err;
  CommandResult revoked =
      RunCandor("decide revoke RD-31 --by @lee --reason 'gateway removed' --db " + ShellQuote(db));
  ASSERT_EQ(revoked.exit_code, 0) << revoked.out << revoked.err;
  // The example's own decisions file has no threat decisions: only the store's count.
  std::string report = "threat report " + ShellQuote(kChanged) +
                       " --format json --as-of 2026-11-25 --decisions " +
                       ShellQuote(kExample + ".candor/decisions.yaml");
  CommandResult without_db = RunCandor(report);
  ASSERT_EQ(without_db.exit_code, 0) << without_db.err;
  EXPECT_EQ(
      ThreatById(nlohmann::json::parse(without_db.out), "xml-external-entities@refunds-worker")["status"],
      "open");
  CommandResult with_db = RunCandor(report + " --db " + ShellQuote(db));
  ASSERT_EQ(with_db.exit_code, 0) << with_db.err;
  auto json = nlohmann::json::parse(with_db.out);
  auto xxe = ThreatById(json, "xml-external-entities@refunds-worker");
  EXPECT_EQ(xxe["status"], "accepted");
  EXPECT_EQ(xxe["decision"], "RD-32");
  auto auth = ThreatById(json, "missing-authentication@refunds-worker");
  EXPECT_EQ(auth["status"], "open");
  EXPECT_EQ(auth["decision"], "");
}

TEST(ThreatDecisionsCliTest, ABadAsOfDateIsAUsageError) {
  CommandResult run = RunCandor("threat check " + ShellQuote(kModel) + " --as-of yesterday");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--as-of 'yesterday' is not a date"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace candor::e2e
