// candor incident / postmortem / actions, run as users run them: exit codes,
// one-line errors naming FILE:LINE:COL, and nothing written on bad input.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "run_candor.h"

namespace candor::e2e {
namespace {

const std::string kData = std::string(CANDOR_TEST_DATA) + "/postmortem-lint/";

std::string Write(const std::string& name, const std::string& text) {
  auto path = FreshDir("incidents_" + name) / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

std::string OpenIncident(const std::string& db) {
  return "incident open --title 'Checkout errors' --severity SEV2 --service payments --tag cwe:89"
         " --opened-at 2026-11-01T14:00Z --db " +
         db;
}

TEST(IncidentsCliTest, LintExitsOneWithProblemsAndZeroWithout) {
  CommandResult bad = RunCandor("postmortem lint " + kData + "blameful.md --names " + kData + "names.txt");
  EXPECT_EQ(bad.exit_code, 1) << bad.err;
  EXPECT_NE(bad.out.find("blameful.md:18:5: blame/counterfactual: 'should have'"), std::string::npos)
      << bad.out;
  EXPECT_NE(bad.out.find("  suggestion: "), std::string::npos);
  CommandResult clean = RunCandor("postmortem lint " + kData + "clean.md");
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
}

TEST(IncidentsCliTest, LintTakesNamesFromTheStoresTeamRosters) {
  std::string db = FreshStore("lint_roster.db");
  std::string roster =
      Write("teams.yaml", "teams:\n  payments:\n    members: ['@bobm', 'Bob Martins', 'bob@example.com']\n");
  ASSERT_EQ(RunCandor("team sync " + roster + " --db " + db).exit_code, 0);
  CommandResult without = RunCandor("postmortem lint " + kData + "blameful.md");
  EXPECT_EQ(without.out.find("'Bob' makes a person the cause"), std::string::npos) << without.out;
  CommandResult with = RunCandor("postmortem lint " + kData + "blameful.md --db " + db);
  EXPECT_EQ(with.exit_code, 1);
  EXPECT_NE(with.out.find("blameful.md:18:1: blame/named-person: 'Bob' makes a person the cause"),
            std::string::npos)
      << with.out;
}

TEST(IncidentsCliTest, LinkedFindingsTagIncidentsSoRepeatsAreFoundWithoutHandTags) {
  std::string db = FreshStore("repeats_from_findings.db");
  const std::string scans = std::string(CANDOR_EXAMPLES) + "/payments-service/scans/";
  ASSERT_EQ(
      RunCandor("ingest " + scans + "codeql.sarif --repo example/payments --commit c1 --db " + db).exit_code,
      0);
  auto findings = nlohmann::json::parse(RunCandor("findings --tool CodeQL --format json --db " + db).out);
  std::vector<std::string> sql;  // two different SQL-injection findings (CWE-89)
  for (const auto& f : findings) {
    if (f["rule_id"] == "py/sql-injection") sql.push_back(std::to_string(f["id"].get<int64_t>()));
  }
  ASSERT_GE(sql.size(), 2u);
  auto open = [&](const std::string& title, const std::string& at, const std::string& finding) {
    return RunCandor("incident open --title '" + title + "' --severity SEV2 --service payments --opened-at " +
                     at + " --finding " + finding + " --db " + db);
  };
  ASSERT_EQ(open("Orders leaked", "2026-09-01T10:00Z", sql[0]).exit_code, 0);
  ASSERT_EQ(open("Users leaked", "2026-10-15T10:00Z", sql[1]).exit_code, 0);
  auto shown = nlohmann::json::parse(RunCandor("incident show 2 --format json --db " + db).out);
  EXPECT_NE(shown.dump().find("cwe:89"), std::string::npos) << shown.dump();
  auto repeats = RunCandor("incident repeats --window-days 90 --db " + db);
  EXPECT_EQ(repeats.exit_code, 0) << repeats.err;
  EXPECT_NE(repeats.out.find("Users leaked"), std::string::npos) << repeats.out;
  EXPECT_NE(repeats.out.find("Orders leaked"), std::string::npos) << repeats.out;
}

TEST(IncidentsCliTest, LintJsonAndSarifAreJson) {
  for (std::string format : {"json", "sarif"}) {
    CommandResult run = RunCandor("postmortem lint " + kData + "blameful.md --format " + format);
    EXPECT_EQ(run.exit_code, 1) << run.err;
    auto json = nlohmann::json::parse(run.out, nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << run.out;
    if (format == "json") {
      EXPECT_GT(json["problem_count"].get<int>(), 5);
      EXPECT_EQ(json["problems"][0]["line"], 1);
    } else {
      EXPECT_EQ(json["version"], "2.1.0");
      EXPECT_FALSE(json["runs"][0]["results"].empty());
    }
  }
}

TEST(IncidentsCliTest, LintRefusesBadInputWithOneLineAndExitTwo) {
  std::string file = Write("bad.md", "# Summary\n\nok\nbad \xc3\x28 byte\n");
  CommandResult run = RunCandor("postmortem lint " + file);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("bad.md:4:5: not UTF-8 text"), std::string::npos) << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  EXPECT_EQ(RunCandor("postmortem lint /nonexistent/pm.md").exit_code, 2);
}

TEST(IncidentsCliTest, BadTimeIsRefusedAndNothingIsWritten) {
  std::string db = FreshStore("incident_bad_time");
  CommandResult run = RunCandor(OpenIncident(db) + " --detected-at 'yesterday-ish'");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--detected-at: 'yesterday-ish' is not an ISO 8601 time"), std::string::npos)
      << run.err;
  EXPECT_EQ(RunCandor("incident list --db " + db).out, "no incidents\n");
}

TEST(IncidentsCliTest, TimelineCorrectionsAndRoles) {
  std::string db = FreshStore("incident_timeline");
  ASSERT_EQ(RunCandor(OpenIncident(db)).exit_code, 0);
  ASSERT_EQ(RunCandor("incident log 1 --at 2026-11-01T14:05Z --observed 'rate 12%' --db " + db).exit_code, 0);
  ASSERT_EQ(RunCandor("incident log 1 --at 2026-11-01T14:05Z --observed 'rate 14%' --corrects 1 --db " + db)
                .exit_code,
            0);
  EXPECT_EQ(RunCandor("incident log 1 --observed x --corrects 99 --db " + db).exit_code, 2);
  EXPECT_EQ(RunCandor("incident role 1 chief 'Alice' --db " + db).exit_code, 2);
  ASSERT_EQ(RunCandor("incident role 1 ic 'Alice Chen' --db " + db).exit_code, 0);
  CommandResult show = RunCandor("incident show 1 --format json --db " + db);
  ASSERT_EQ(show.exit_code, 0) << show.err;
  auto json = nlohmann::json::parse(show.out);
  ASSERT_EQ(json["timeline"].size(), 2u);
  EXPECT_EQ(json["timeline"][1]["corrects"], 1);
  EXPECT_EQ(json["roles"][0]["role"], "commander");
  EXPECT_EQ(RunCandor("incident show 7 --db " + db).exit_code, 2);
}

TEST(IncidentsCliTest, IngestRefusesAnIncompleteItemAndRecordsNothing) {
  std::string db = FreshStore("incident_ingest_bad");
  ASSERT_EQ(RunCandor(OpenIncident(db)).exit_code, 0);
  std::string file =
      Write("pm.md",
            "<!-- candor:incident 1 -->\n## Action items\n\n| Title | Owning team | Due | Kind |\n"
            "|---|---|---|---|\n| Add a check | platform | 2026-12-01 | systemic |\n"
            "| Add an alert | database | 2026-02-30 | patch |\n");
  CommandResult run = RunCandor("postmortem ingest " + file + " --db " + db);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("pm.md:7:29: due date '2026-02-30' is not a YYYY-MM-DD date"), std::string::npos)
      << run.err;
  EXPECT_EQ(RunCandor("actions list --db " + db).out, "no action items\n");
}

TEST(IncidentsCliTest, IngestedItemsAreFollowedThrough) {
  std::string db = FreshStore("incident_ingest");
  ASSERT_EQ(RunCandor(OpenIncident(db)).exit_code, 0);
  CommandResult ingest = RunCandor("postmortem ingest " + kData + "clean.md --incident 1 --db " + db);
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  EXPECT_EQ(ingest.out, "recorded 2 action items for incident 1\n");
  // Ingesting the same file again changes nothing.
  ASSERT_EQ(RunCandor("postmortem ingest " + kData + "clean.md --incident 1 --db " + db).exit_code, 0);
  CommandResult overdue = RunCandor("actions list --overdue --today 2026-12-10 --db " + db);
  EXPECT_EQ(overdue.out,
            "#2 [open] Alert on lock wait above 5 s (team database, due 2026-12-01, patch, incident 1)\n");
  EXPECT_EQ(RunCandor("actions list --team platform --format json --db " + db).exit_code, 0);
  ASSERT_EQ(RunCandor("actions done 2 --at 2026-12-02T10:00Z --db " + db).exit_code, 0);
  EXPECT_EQ(RunCandor("actions list --overdue --today 2026-12-10 --db " + db).out, "no action items\n");
  EXPECT_EQ(RunCandor("actions done 99 --db " + db).exit_code, 2);
  EXPECT_EQ(RunCandor("actions list --overdue --today 12/10/2026 --db " + db).exit_code, 2);
}

TEST(IncidentsCliTest, NewWritesATemplateThatIngestFindsAndLintCallsIncomplete) {
  std::string db = FreshStore("incident_new");
  ASSERT_EQ(RunCandor(OpenIncident(db)).exit_code, 0);
  auto dir = FreshDir("incident_new");
  std::string file = (dir / "pm.md").string();
  ASSERT_EQ(RunCandor("postmortem new 1 -o " + file + " --db " + db).exit_code, 0);
  std::string text = Slurp(file);
  EXPECT_TRUE(text.starts_with("<!-- candor:incident 1 -->\n# Postmortem: Checkout errors\n")) << text;
  CommandResult lint = RunCandor("postmortem lint " + file);
  EXPECT_EQ(lint.exit_code, 1);
  EXPECT_NE(lint.out.find("completeness/empty-section: section 'Summary' is empty"), std::string::npos)
      << lint.out;
  EXPECT_EQ(lint.out.find("blame/"), std::string::npos) << "the template itself must not blame:\n"
                                                        << lint.out;
  EXPECT_EQ(RunCandor("postmortem new 5 --db " + db).exit_code, 2);
}

}  // namespace
}  // namespace candor::e2e
