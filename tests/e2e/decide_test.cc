// candor decide, service and team end to end: recording a decisions file,
// refusals that write nothing, revocation, and tamper detection on the real
// SQLite file (edited with the sqlite3 shell, as someone covering tracks would).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_candor.h"

namespace candor::e2e {
namespace {

const std::string kDecisions = std::string(CANDOR_TEST_DATA) + "/decisions/decisions.yaml";
const std::string kExample = std::string(CANDOR_EXAMPLES) + "/payments-service";

// The sqlite3 shell on the file behind store URL `db` ("sqlite:/tmp/...").
std::string Sqlite(const std::string& db, const std::string& sql) {
  return "sqlite3 " + db.substr(db.find(':') + 1) + " \"" + sql + "\" 2>&1";
}

TEST(DecideTest, RecordsAFileListsShowsRevokesAndVerifies) {
  std::string db = FreshStore("decide.db");
  auto added = RunCandor("decide add --file " + kDecisions + " --db " + db);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_NE(added.out.find("RD-3: recorded (fix_scheduled, rule B608; payments approved by Sam"),
            std::string::npos)
      << added.out;
  auto again = RunCandor("decide add --file " + kDecisions + " --db " + db);
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("RD-1: already recorded, unchanged"), std::string::npos);

  auto listed = RunCandor("decide list --format json --db " + db);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  auto json = nlohmann::json::parse(listed.out);
  ASSERT_EQ(json.size(), 3u);
  EXPECT_EQ(json[0]["approver_role"], "team");
  EXPECT_EQ(json[2]["expires"], "2026-12-15T00:00:00Z");

  auto revoked = RunCandor("decide revoke RD-1 --by @dana --reason 'legacy/ was removed' --db " + db);
  EXPECT_EQ(revoked.exit_code, 0) << revoked.err;
  auto shown = RunCandor("decide show RD-1 --db " + db);
  EXPECT_NE(shown.out.find("revoked"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("legacy/ was removed"), std::string::npos);
  EXPECT_EQ(RunCandor("decide list --db " + db).out.find("RD-1 "), std::string::npos);

  auto verified = RunCandor("decide verify --db " + db);
  EXPECT_EQ(verified.exit_code, 0);
  EXPECT_NE(verified.out.find("intact: 4 entries"), std::string::npos) << verified.out;
  std::string head = verified.out.substr(verified.out.find("head ") + 5, 64);
  EXPECT_EQ(RunCandor("decide verify --expect-head " + head + " --db " + db).exit_code, 0);
  EXPECT_EQ(RunCandor("decide verify --expect-head 00ff --db " + db).exit_code, 1);
}

TEST(DecideTest, TheLogRefusesSqlEditsAndVerifyCatchesEditsAroundTheTriggers) {
  std::string db = FreshStore("tamper.db");
  ASSERT_EQ(RunCandor("decide add --file " + kDecisions + " --db " + db).exit_code, 0);
  // The schema refuses an UPDATE or DELETE of the log...
  std::string refused = "";
  FILE* pipe = popen(
      Sqlite(db, "UPDATE decision_log SET expires_at = '2099-01-01T00:00:00Z' WHERE seq = 2").c_str(), "r");
  char buffer[256];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) refused += buffer;
  pclose(pipe);
  EXPECT_NE(refused.find("append-only"), std::string::npos) << refused;
  // ...and someone who drops the trigger first is caught by the hash chain.
  ASSERT_EQ(std::system(Sqlite(db,
                               "DROP TRIGGER decision_log_no_update; UPDATE decision_log SET expires_at = "
                               "'2099-01-01T00:00:00Z' WHERE seq = 2")
                            .c_str()),
            0);
  auto verified = RunCandor("decide verify --db " + db);
  EXPECT_EQ(verified.exit_code, 1);
  EXPECT_NE(verified.out.find("BROKEN at entry 2 of 3"), std::string::npos) << verified.out;
  EXPECT_NE(verified.out.find("RD-2"), std::string::npos);
}

TEST(DecideTest, RefusalsNameTheProblemAndWriteNothing) {
  std::string db = FreshStore("refuse.db");
  auto beyond = RunCandor(
      "decide add --id RD-9 --kind accept_risk --rule B101 --severity critical --rationale r "
      "--team payments --approver x --role champion --expires 2099-01-01 --db " +
      db);
  EXPECT_EQ(beyond.exit_code, 2);
  EXPECT_NE(beyond.err.find("a critical finding needs security_partner"), std::string::npos) << beyond.err;
  auto past = RunCandor(
      "decide add --id RD-9 --kind accept_risk --rule B101 --rationale r --team payments "
      "--approver x --role team --expires 2020-01-01 --db " +
      db);
  EXPECT_EQ(past.exit_code, 2);
  EXPECT_NE(past.err.find("before it was created"), std::string::npos) << past.err;
  auto no_rationale = RunCandor(
      "decide add --id RD-9 --kind false_positive --rule B101 --team payments "
      "--approver x --role team --db " +
      db);
  EXPECT_EQ(no_rationale.exit_code, 2);
  EXPECT_NE(no_rationale.err.find("needs a rationale"), std::string::npos);
  auto broken = RunCandor("decide add --file " + kExample + "/.candor/policy.yaml --db " + db);
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("policy.yaml:"), std::string::npos) << broken.err;
  EXPECT_NE(RunCandor("decide list --db " + db).out.find("no decisions in force"), std::string::npos);
}

TEST(ServiceAndTeamTest, CatalogAndRostersLiveInTheStore) {
  std::string db = FreshStore("catalog.db");
  auto added = RunCandor("service add " + kExample + "/.candor/service.yaml --db " + db);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out, "payments-api: owned by payments, tier-1, restricted data\n");
  auto listed = nlohmann::json::parse(RunCandor("service list --format json --db " + db).out);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["champion"], "Sam Okafor");
  auto synced = RunCandor("team sync " + kExample + "/.candor/teams.yaml --db " + db);
  ASSERT_EQ(synced.exit_code, 0) << synced.err;
  auto teams = nlohmann::json::parse(RunCandor("team list --format json --db " + db).out);
  ASSERT_EQ(teams.size(), 3u);
  EXPECT_EQ(teams[1]["team"], "payments");
  EXPECT_EQ(teams[1]["parents"], nlohmann::json::array({"commerce"}));
  auto not_a_roster = RunCandor("team sync " + kDecisions + " --db " + db);
  EXPECT_EQ(not_a_roster.exit_code, 2);
  EXPECT_NE(not_a_roster.err.find("decisions.yaml:3:1: unknown key 'decisions'"), std::string::npos)
      << not_a_roster.err;
}

TEST(OwnershipIngestTest, EveryFindingCarriesItsTeamAndDecisionsApply) {
  std::string db = FreshStore("owned.db");
  auto ingested = RunCandor("ingest " + kExample + "/scans/gitleaks.json " + kExample +
                            "/scans/codeql.sarif --repo example/payments --commit c1 --repo-dir " + kExample +
                            " --db " + db);
  ASSERT_EQ(ingested.exit_code, 0) << ingested.err;
  EXPECT_NE(ingested.out.find("1 finding covered by a decision in force"), std::string::npos) << ingested.out;
  auto findings = nlohmann::json::parse(RunCandor("findings --format json --db " + db).out);
  size_t platform = 0, payments = 0;
  for (const auto& f : findings) {
    if (f["path"] == "tests/api.py") {
      EXPECT_EQ(f["status"], "false_positive");
      EXPECT_EQ(f["decision"], "RD-7");
    }
    platform += f["team"] == "platform";
    payments += f["team"] == "payments";
  }
  EXPECT_EQ(platform, 3u);  // the conf/ secrets
  EXPECT_EQ(platform + payments, findings.size());
  auto mine = nlohmann::json::parse(RunCandor("findings --team platform --format json --db " + db).out);
  EXPECT_EQ(mine.size(), 3u);
}

TEST(CheckDecisionsTest, ACoveredFindingIsSuppressedUntilItsDecisionExpires) {
  auto dir = ProcessTempDir("candor_e2e_check_decisions_");
  const std::string decisions = (dir / "decisions.yaml").string();
  std::ofstream(decisions) << R"(version: 1
decisions:
  - id: RD-8
    kind: accept_risk
    scope: {rule: "python.lang.security.audit.subprocess-shell-true.*", path: utils.py}
    rationale: utils.py only runs the fixed reconciliation script
    team: payments
    approver: "@sam"
    approver_role: champion
    created: 2026-11-20
    expires: 2026-12-22
)";
  const std::string check = "check --current " + kExample + "/pr/semgrep.json --baseline " + kExample +
                            "/scans/semgrep.json --diff " + kExample + "/pr/change.diff --repo-dir " +
                            kExample + " --decisions " + decisions;
  auto before = RunCandor(check + " --as-of 2026-12-01 --format json");
  ASSERT_EQ(before.exit_code, 0) << before.err;
  auto json = nlohmann::json::parse(before.out);
  ASSERT_EQ(json["introduced"].size(), 1u);
  EXPECT_EQ(json["introduced"][0]["decision"]["id"], "RD-8");
  EXPECT_EQ(json["introduced"][0]["decision"]["suppressed"], true);
  EXPECT_EQ(json["introduced"][0]["team"], "payments");
  EXPECT_EQ(json["counts"]["suppressed"], 1);

  auto sarif = nlohmann::json::parse(RunCandor(check + " --as-of 2026-12-01 --format sarif").out);
  const auto& result = sarif["runs"][0]["results"][0];
  ASSERT_TRUE(result.contains("suppressions")) << result.dump();
  EXPECT_EQ(result["suppressions"][0]["kind"], "external");
  EXPECT_NE(result["suppressions"][0]["justification"].get<std::string>().find("RD-8 accept_risk"),
            std::string::npos);

  auto after = RunCandor(check + " --as-of 2026-12-25 --format json");
  EXPECT_EQ(after.exit_code, 1) << after.err;
  auto expired = nlohmann::json::parse(after.out);
  EXPECT_EQ(expired["introduced"][0]["decision"]["suppressed"], false);
  EXPECT_NE(
      expired["introduced"][0]["decision"]["note"].get<std::string>().find("expired 3 days ago (2026-12-22)"),
      std::string::npos);
  ASSERT_EQ(expired["decision_notes"].size(), 1u);

  auto markdown = RunCandor(check + " --as-of 2026-12-01 --format markdown");
  EXPECT_NE(markdown.out.find("### Covered by the team's decisions"), std::string::npos) << markdown.out;
  EXPECT_NE(markdown.out.find("1 covered by the team's decisions"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace candor::e2e
