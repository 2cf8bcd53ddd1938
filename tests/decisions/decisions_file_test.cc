#include "decisions/decisions_file.h"

#include <gtest/gtest.h>

#include <string>

namespace candor::decisions {
namespace {

const std::string kFile = std::string(CANDOR_TEST_DATA) + "/decisions/decisions.yaml";

core::Error ParseError(const std::string& yaml) {
  auto parsed = ParseDecisions(yaml, "decisions.yaml");
  EXPECT_FALSE(parsed) << "accepted:\n" << yaml;
  return parsed ? core::Error{} : parsed.error();
}

// One valid decision with `extra` lines appended and `drop` removed.
std::string Decision(const std::string& replace_key = "", const std::string& with = "") {
  std::string lines[] = {
      "    id: RD-9",           "    kind: accept_risk", "    scope: {rule: B608}", "    rationale: why",
      "    team: payments",     "    approver: dana",    "    approver_role: team", "    created: 2026-11-01",
      "    expires: 2027-01-01"};
  std::string yaml = "version: 1\ndecisions:\n  -\n";
  for (const std::string& line : lines) {
    bool replaced = !replace_key.empty() && line.find("    " + replace_key + ":") == 0;
    if (!replaced) {
      yaml += line + "\n";
    } else if (!with.empty()) {
      yaml += "    " + with + "\n";
    }
  }
  return yaml;
}

TEST(DecisionsFileTest, ReadsEveryFieldOfTheExampleFile) {
  auto decisions = LoadDecisions(kFile);
  ASSERT_TRUE(decisions) << decisions.error().ToString();
  ASSERT_EQ(decisions->size(), 3u);
  const core::Decision& first = (*decisions)[0];
  EXPECT_EQ(first.id, "RD-1");
  EXPECT_EQ(first.kind, core::DecisionKind::kAcceptRisk);
  EXPECT_EQ(first.scope.rule, "python.lang.security.insecure-hash-algorithms.*");
  EXPECT_EQ(first.scope.path, "legacy/**");
  EXPECT_EQ(first.severity, core::Severity::kMedium);
  EXPECT_EQ(first.team, "payments");
  EXPECT_EQ(first.approver_role, "team");
  EXPECT_EQ(core::FormatIso8601(first.created), "2026-11-01T00:00:00Z");
  ASSERT_TRUE(first.expires);
  EXPECT_EQ(core::FormatDate(*first.expires), "2027-02-01");
  EXPECT_EQ(first.ticket, "https://tracker.example/PAY-101");
  EXPECT_NE(first.origin.find("decisions.yaml:4:5"), std::string::npos) << first.origin;
  EXPECT_EQ((*decisions)[1].scope.identity, "fp:semgrep:0123456789abcdef");
  EXPECT_EQ((*decisions)[1].scope.tool, "semgrep");
  EXPECT_FALSE((*decisions)[1].expires);  // a false positive need not expire
  EXPECT_EQ((*decisions)[2].kind, core::DecisionKind::kFixScheduled);
}

TEST(DecisionsFileTest, TheBaseDecisionIsValid) {
  auto decisions = ParseDecisions(Decision(), "decisions.yaml");
  ASSERT_TRUE(decisions) << decisions.error().ToString();
  EXPECT_EQ(decisions->size(), 1u);
}

TEST(DecisionsFileTest, RefusesADecisionWithoutRationaleNamingItsLine) {
  core::Error error = ParseError(Decision("rationale"));
  EXPECT_EQ(error.code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(error.where, "decisions.yaml:4:5");
  EXPECT_NE(error.message.find("needs a rationale"), std::string::npos) << error.message;
}

TEST(DecisionsFileTest, AcceptedRiskAndScheduledFixesMustExpire) {
  EXPECT_NE(ParseError(Decision("expires")).message.find("needs 'expires'"), std::string::npos);
  std::string fix = Decision("kind", "kind: fix_scheduled");
  EXPECT_FALSE(ParseDecisions(fix.substr(0, fix.find("    expires")), "d.yaml"));
  std::string mitigated = Decision("kind", "kind: mitigated_by_control");
  EXPECT_TRUE(ParseDecisions(mitigated.substr(0, mitigated.find("    expires")), "d.yaml"));
}

TEST(DecisionsFileTest, RefusesExpiryBeforeCreation) {
  EXPECT_NE(ParseError(Decision("expires", "expires: 2026-10-01")).message.find("before it was created"),
            std::string::npos);
}

TEST(DecisionsFileTest, RefusesBadFieldsWithTheirPosition) {
  core::Error kind = ParseError(Decision("kind", "kind: accept_risks"));
  EXPECT_EQ(kind.where, "decisions.yaml:5:11");
  EXPECT_NE(kind.message.find("did you mean 'accept_risk'"), std::string::npos) << kind.message;
  EXPECT_NE(ParseError(Decision("expires", "expires: next week")).message.find("must be a date"),
            std::string::npos);
  EXPECT_NE(ParseError(Decision("created", "created: 2026-02-30")).message.find("must be a date"),
            std::string::npos);
  EXPECT_NE(ParseError(Decision("team", "teem: payments")).message.find("unknown key 'teem'"),
            std::string::npos);
  EXPECT_NE(ParseError(Decision("scope", "scope: {rule: B608, identity: x}")).message.find("exactly one"),
            std::string::npos);
  EXPECT_NE(ParseError(Decision("scope", "scope: {path: 'src/**'}")).message.find("exactly one"),
            std::string::npos);
  EXPECT_NE(ParseError(Decision("scope", "scope: {rule: x, path: 'src/[a'}")).message.find("scope.path"),
            std::string::npos);
  EXPECT_NE(ParseError(Decision("id", "id: 'RD 9'")).message.find("decision id"), std::string::npos);
}

TEST(DecisionsFileTest, RefusesDuplicateIds) {
  std::string twice = Decision() + Decision().substr(Decision().find("  -\n"));
  core::Error error = ParseError(twice);
  EXPECT_NE(error.message.find("'RD-9' is used twice (first at decisions.yaml:4:5)"), std::string::npos)
      << error.message;
}

TEST(DecisionsFileTest, MalformedAndHugeInputIsRefusedWithoutCrashing) {
  EXPECT_EQ(ParseError("decisions: [").code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(ParseError("").code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(ParseError("decisions: 7").code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(ParseError(std::string(200000, '[')).code, core::ErrorCode::kLimitExceeded);
  EXPECT_EQ(ParseError(std::string(kMaxDecisionsFileBytes + 1, ' ')).code, core::ErrorCode::kLimitExceeded);
  EXPECT_EQ(ParseError("version: 2\n").message, "version 2 is not known; use 1");
}

}  // namespace
}  // namespace candor::decisions
