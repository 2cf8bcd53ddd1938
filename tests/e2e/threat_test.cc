// candor threat end to end: the real binary on the payments example and the
// real Threagile model; exit codes 0, 1 and 2 and nothing written on errors.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "run_candor.h"

namespace candor::e2e {
namespace {

const std::string kExample = std::string(CANDOR_EXAMPLES) + "/payments-service/";
const std::string kModel = kExample + ".candor/threatmodel.yaml";
const std::string kChanged = kExample + "design-change/threatmodel.yaml";

std::string TempPath(const std::string& name) {
  auto dir = ProcessTempDir("candor_threat_");
  std::filesystem::remove(dir / name);
  return (dir / name).string();
}

TEST(ThreatCliTest, CheckAcceptsTheExampleAndTheThreagileModel) {
  CommandResult run = RunCandor("threat check " + ShellQuote(kModel));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("valid candor model: 3 data assets, 6 components, 5 flows, 3 trust boundaries"),
            std::string::npos)
      << run.out;
  run = RunCandor("threat check " + ShellQuote(std::string(CANDOR_SHARED_DATA) +
                                               "/threatmodels/threagile/example/threagile.yaml"));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("valid threagile model"), std::string::npos);
}

TEST(ThreatCliTest, InvalidModelExitsTwoWithOneLineAtFileLineColAndWritesNothing) {
  std::string bad = TempPath("bad.yaml");
  {
    std::ofstream out(bad);
    out << "version: 1\ncomponents:\n  - {id: a, type: process}\nflows:\n  - {source: a, target: ghost}\n";
  }
  std::string report = TempPath("report.md");
  CommandResult run = RunCandor("threat report " + ShellQuote(bad) + " -o " + ShellQuote(report));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "candor: " + bad +
                         ":5:5: flow 'a->ghost' ends at 'ghost', which is not a component of the model\n");
  EXPECT_FALSE(std::filesystem::exists(report));
  run = RunCandor("threat check " + ShellQuote(bad));
  EXPECT_EQ(run.exit_code, 2);
  std::string stale = TempPath("stale.yaml");
  {
    std::ofstream out(stale);
    out << "version: 1\ncomponents:\n  - {id: a, type: process}\nthreats:\n  - {id: sql-injection@a, status: "
           "mitigated}\n";
  }
  run = RunCandor("threat check " + ShellQuote(stale));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err,
            "candor: warning: " + stale +
                ":5:5: decision for 'sql-injection@a' names a threat that does not apply to this model\n");
  run = RunCandor("threat check /nonexistent/threatmodel.yaml");
  EXPECT_EQ(run.exit_code, 2) << run.err;
  run = RunCandor("threat frobnicate");
  EXPECT_EQ(run.exit_code, 2);
}

TEST(ThreatCliTest, ReportWritesEveryFormat) {
  CommandResult md = RunCandor("threat report " + ShellQuote(kModel));
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_TRUE(md.out.starts_with("# Threat model: Payments service\n")) << md.out;
  EXPECT_NE(md.out.find("`sql-injection@payments-api`"), std::string::npos);
  CommandResult js = RunCandor("threat report " + ShellQuote(kModel) + " --format json");
  ASSERT_EQ(js.exit_code, 0);
  auto doc = nlohmann::json::parse(js.out);
  EXPECT_EQ(doc["threats"].size(), 12u);
  std::string sarif = TempPath("threats.sarif");
  CommandResult sr =
      RunCandor("threat report " + ShellQuote(kModel) + " --format sarif -o " + ShellQuote(sarif));
  ASSERT_EQ(sr.exit_code, 0) << sr.err;
  EXPECT_EQ(nlohmann::json::parse(Slurp(sarif))["runs"][0]["results"].size(), 12u);
  CommandResult html = RunCandor("threat report " + ShellQuote(kModel) + " --format html");
  ASSERT_EQ(html.exit_code, 0);
  EXPECT_TRUE(html.out.starts_with("<!DOCTYPE html>"));
  EXPECT_EQ(RunCandor("threat report " + ShellQuote(kModel) + " --format pdf").exit_code, 2);
}

TEST(ThreatCliTest, CustomRulesJoinTheBuiltinOnes) {
  std::string rules = TempPath("rules.yaml");
  {
    std::ofstream out(rules);
    out << "version: 1\nrules:\n  - id: psp-call\n    title: Card data leaves for the PSP\n"
           "    stride: information-disclosure\n    cwe: 359\n    applies_to: flow\n"
           "    when: {lua: \"element.target == 'card-processor'\"}\n    requirement: SR-22\n";
  }
  CommandResult run =
      RunCandor("threat report " + ShellQuote(kModel) + " --format json --rules " + ShellQuote(rules));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\"psp-call@authorize-card\""), std::string::npos);
}

TEST(ThreatCliTest, DiagramAsDotAndSvg) {
  CommandResult dot = RunCandor("threat diagram " + ShellQuote(kModel));
  ASSERT_EQ(dot.exit_code, 0) << dot.err;
  EXPECT_TRUE(dot.out.starts_with("digraph \"Payments service\" {")) << dot.out;
  std::string svg = TempPath("dfd.svg");
  CommandResult run = RunCandor("threat diagram " + ShellQuote(kModel) + " -o " + ShellQuote(svg));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(Slurp(svg).find("<svg"), std::string::npos);
}

TEST(ThreatCliTest, DiffExitsOneOnNewUndecidedThreatsAboveTheThreshold) {
  CommandResult run = RunCandor("threat diff " + ShellQuote(kModel) + " " + ShellQuote(kChanged));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.out.find("**10 new threats at high or above without a decision.**"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("### Requirements added"), std::string::npos);
  run = RunCandor("threat diff " + ShellQuote(kModel) + " " + ShellQuote(kChanged) + " --fail-on critical");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  run = RunCandor("threat diff " + ShellQuote(kModel) + " " + ShellQuote(kModel));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("0 threats added"), std::string::npos) << run.out;
  run = RunCandor("threat diff " + ShellQuote(kModel) + " " + ShellQuote(kChanged) + " --format json");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(nlohmann::json::parse(run.out)["blocked"], true);
}

TEST(ThreatCliTest, RequirementsShowOpenFindingsOfTheirCwesFromTheStore) {
  std::string db = FreshStore("threat_evidence");
  CommandResult ingest = RunCandor("ingest " + ShellQuote(kExample + "scans/codeql.sarif") + " " +
                                   ShellQuote(kExample + "scans/semgrep.json") +
                                   " --repo payments --commit abc --db " + ShellQuote(db));
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  CommandResult run =
      RunCandor("threat report " + ShellQuote(kChanged) + " --db " + ShellQuote(db) + " --repo payments");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // The XML and injection requirements are contradicted by the service's open CodeQL/Semgrep findings.
  auto row = [&](std::string_view id) {
    auto at = run.out.find(std::string("| ") + std::string(id) + " |");
    return at == std::string::npos ? std::string() : run.out.substr(at, run.out.find('\n', at) - at);
  };
  EXPECT_TRUE(row("SR-6").ends_with("contradicted by 10 open findings |")) << row("SR-6");
  EXPECT_TRUE(row("SR-5").ends_with("contradicted by 2 open findings |")) << row("SR-5");
  EXPECT_TRUE(row("SR-1").ends_with(" none |")) << row("SR-1");
  // Another repository has no findings: nothing contradicts.
  run = RunCandor("threat report " + ShellQuote(kChanged) + " --db " + ShellQuote(db) + " --repo other");
  EXPECT_EQ(run.out.find("contradicted"), std::string::npos);
}

}  // namespace
}  // namespace candor::e2e
