#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "policy/policy.h"

namespace candor::policy {
namespace {

using core::BaselineState;
using core::Category;
using core::ErrorCode;
using core::Severity;

core::Finding MakeFinding() {
  core::Finding f;
  f.tool = "Semgrep";
  f.rule_id = "python.lang.security.audit.formatted-sql-query";
  f.rule_name = "formatted-sql-query";
  f.category = Category::kSast;
  f.severity = Severity::kHigh;
  f.cwes = {89};
  f.path = "src/app/db.py";
  f.region.start_line = 42;
  f.message = "SQL built from user input";
  return f;
}

// The guardrails (by name) that `subject` trips under a policy of one
// guardrail written as YAML under "when:".
std::vector<size_t> Trips(std::string_view when, const Subject& subject) {
  std::string yaml = "guardrails:\n  - name: g\n    when:\n";
  for (std::string_view line : {when}) yaml += std::string(line);
  auto policy = ParsePolicy(yaml, "policy.yaml");
  EXPECT_TRUE(policy) << policy.error().ToString();
  if (!policy) return {};
  auto evaluator = Evaluator::Create(*policy);
  EXPECT_TRUE(evaluator) << evaluator.error().ToString();
  auto tripped = evaluator->Tripped(subject);
  EXPECT_TRUE(tripped) << tripped.error().ToString();
  return tripped ? *tripped : std::vector<size_t>{99};
}

bool Holds(std::string_view when, const core::Finding& finding, BaselineState state = BaselineState::kNew) {
  Subject subject{&finding, state, false, false};
  return !Trips(when, subject).empty();
}

TEST(EvaluatorTest, EmptyConditionsTripOnEveryNewFinding) {
  core::Finding f = MakeFinding();
  EXPECT_TRUE(Holds("      {}\n", f));
  EXPECT_FALSE(Holds("      {}\n", f, BaselineState::kUnchanged));  // state defaults to new
}

TEST(EvaluatorTest, States) {
  core::Finding f = MakeFinding();
  EXPECT_TRUE(Holds("      state: [new, updated]\n", f, BaselineState::kUpdated));
  EXPECT_FALSE(Holds("      state: [new, updated]\n", f, BaselineState::kAbsent));
  EXPECT_TRUE(Holds("      state: any\n", f, BaselineState::kAbsent));
  EXPECT_TRUE(Holds("      state: unchanged\n", f, BaselineState::kUnchanged));
}

TEST(EvaluatorTest, SeverityIsAFloor) {
  core::Finding f = MakeFinding();
  EXPECT_TRUE(Holds("      severity: high\n", f));
  EXPECT_TRUE(Holds("      severity: '>= medium'\n", f));
  EXPECT_FALSE(Holds("      severity: critical\n", f));
  f.severity = Severity::kCritical;
  EXPECT_TRUE(Holds("      severity: high\n", f));
}

TEST(EvaluatorTest, CategoriesToolsRulesCwes) {
  core::Finding f = MakeFinding();
  EXPECT_TRUE(Holds("      category: [sca, sast]\n", f));
  EXPECT_FALSE(Holds("      category: secrets\n", f));
  EXPECT_TRUE(Holds("      tool: semgrep\n", f));  // case-insensitive
  EXPECT_FALSE(Holds("      tool: [bandit, codeql]\n", f));
  EXPECT_TRUE(Holds("      rule: 'python.lang.security.*'\n", f));
  EXPECT_FALSE(Holds("      rule: 'python.lang.correctness.*'\n", f));
  EXPECT_FALSE(Holds("      rule: 'Python.lang.*'\n", f));  // rule globs are case-sensitive, like rule ids
  EXPECT_TRUE(Holds("      cwe: [79, 89]\n", f));
  EXPECT_FALSE(Holds("      cwe: 79\n", f));
  f.cwes.clear();
  EXPECT_FALSE(Holds("      cwe: 89\n", f));
}

TEST(EvaluatorTest, PathsAndExcludes) {
  core::Finding f = MakeFinding();
  EXPECT_TRUE(Holds("      paths: 'src/**'\n", f));
  EXPECT_FALSE(Holds("      paths: ['lib/**', 'src/*.py']\n", f));
  EXPECT_TRUE(Holds("      paths: ['lib/**', '**/*.py']\n", f));
  EXPECT_FALSE(Holds("      exclude_paths: 'src/app/**'\n", f));
  EXPECT_FALSE(Holds("      paths: 'src/**'\n      exclude_paths: '**/db.py'\n", f));
  EXPECT_TRUE(Holds("      exclude_paths: '**/test/**'\n", f));
  f.path.clear();  // a finding without a file: no path glob but "**" selects it
  EXPECT_FALSE(Holds("      paths: 'src/**'\n", f));
  EXPECT_TRUE(Holds("      exclude_paths: 'src/**'\n", f));
}

TEST(EvaluatorTest, ChangedLinesOnly) {
  core::Finding f = MakeFinding();
  const char* when = "      changed_lines_only: true\n";
  EXPECT_TRUE(Trips(when, {&f, BaselineState::kNew, true, true}).size() == 1);
  EXPECT_TRUE(Trips(when, {&f, BaselineState::kNew, false, true}).empty());
  // No diff: nobody knows which lines changed, so the guardrail applies.
  EXPECT_TRUE(Trips(when, {&f, BaselineState::kNew, false, false}).size() == 1);
  EXPECT_TRUE(Trips("      changed_lines_only: false\n", {&f, BaselineState::kNew, false, true}).size() == 1);
}

TEST(EvaluatorTest, EveryConditionMustHold) {
  core::Finding f = MakeFinding();
  const char* when = "      severity: high\n      category: sast\n      paths: 'src/**'\n      cwe: 89\n";
  EXPECT_TRUE(Holds(when, f));
  f.severity = Severity::kMedium;
  EXPECT_FALSE(Holds(when, f));
}

TEST(EvaluatorTest, LuaSeesTheFinding) {
  core::Finding f = MakeFinding();
  f.category = Category::kSca;
  f.dependency = {"lodash", "4.17.15", "4.17.21", "npm"};
  f.advisories = {"CVE-2021-23337"};
  f.suppressions.push_back({core::SuppressionKind::kInSource, "", ""});
  Subject subject{&f, BaselineState::kUpdated, true, true};
  const char* checks[] = {
      "finding.tool == 'Semgrep' and finding.rule_id:find('sql', 1, true) ~= nil",
      "finding.rule_name == 'formatted-sql-query'",
      "finding.category == 'sca' and finding.severity == 'high' and finding.severity_rank == 3",
      "finding.cwes[1] == 89 and #finding.cwes == 1",
      "finding.advisories[1] == 'CVE-2021-23337'",
      "finding.path == 'src/app/db.py' and finding.line == 42",
      "finding.message:match('^SQL') ~= nil",
      "finding.package == 'lodash' and finding.installed_version == '4.17.15' and finding.fixed_version == "
      "'4.17.21'",
      "finding.state == 'updated' and finding.on_changed_line and finding.diff_given",
      "finding.suppressed",
  };
  for (const char* check : checks) {
    std::string when = "      state: any\n      lua: \"" + std::string(check) + "\"\n";
    EXPECT_EQ(Trips(when, subject).size(), 1u) << check;
  }
  EXPECT_TRUE(Trips("      lua: \"finding.fixed_version == ''\"\n", subject).empty());
  // A rejected suppression does not count.
  f.suppressions[0].status = "rejected";
  EXPECT_TRUE(Trips("      state: any\n      lua: 'finding.suppressed'\n", subject).empty());
}

TEST(EvaluatorTest, LuaRunsOnlyWhenTheOtherConditionsHold) {
  core::Finding f = MakeFinding();
  // This Lua would fail; severity critical excludes the finding first.
  EXPECT_TRUE(Trips("      severity: critical\n      lua: 'finding.nope.nope'\n", {&f}).empty());
}

TEST(EvaluatorTest, LuaRuntimeErrorsNameTheGuardrail) {
  core::Finding f = MakeFinding();
  auto policy =
      ParsePolicy("guardrails:\n  - name: broken\n    when:\n      lua: 'finding.nope.nope'\n", "p.yaml");
  ASSERT_TRUE(policy);
  auto evaluator = Evaluator::Create(*policy);
  ASSERT_TRUE(evaluator);
  auto tripped = evaluator->Tripped({&f});
  ASSERT_FALSE(tripped);
  EXPECT_EQ(tripped.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(tripped.error().where, "p.yaml:2:5");
  EXPECT_NE(tripped.error().message.find("guardrail 'broken' (p.yaml:2:5): lua:1: attempt to index"),
            std::string::npos)
      << tripped.error().message;

  auto looping = ParsePolicy(
      "guardrails:\n  - name: spin\n    when:\n      lua: '(function() while true do end end)()'\n",
      "p.yaml");
  ASSERT_TRUE(looping);
  auto spinner = Evaluator::Create(*looping);
  ASSERT_TRUE(spinner);
  auto limited = spinner->Tripped({&f});
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().code, ErrorCode::kLimitExceeded);
  EXPECT_NE(limited.error().message.find("guardrail 'spin'"), std::string::npos);
}

TEST(EvaluatorTest, GuardrailsCannotTamperWithEachOther) {
  core::Finding f = MakeFinding();
  // The first guardrail (a team's) redefines string.find for everyone, it hopes.
  auto policy = ParsePolicy(R"(guardrails:
  - name: tamper
    action: inform
    when:
      lua: "(function() string.find = function() return nil end; rawset(_G, 'finding', {}) end)() or false"
  - name: org-rule
    when:
      lua: "finding.path:find('src/', 1, true) ~= nil"
)",
                            "p.yaml");
  ASSERT_TRUE(policy) << policy.error().ToString();
  auto evaluator = Evaluator::Create(*policy);
  ASSERT_TRUE(evaluator);
  for (int i = 0; i < 2; ++i) {
    auto tripped = evaluator->Tripped({&f});
    ASSERT_TRUE(tripped) << tripped.error().ToString();
    EXPECT_EQ(*tripped, std::vector<size_t>{1});
  }
}

TEST(EvaluatorTest, CreateChecksProgrammaticPolicies) {
  Policy policy;
  Guardrail bad_glob;
  bad_glob.name = "bad";
  bad_glob.paths = {"src/[x"};
  bad_glob.origin = "code";
  policy.guardrails = {bad_glob};
  auto evaluator = Evaluator::Create(policy);
  ASSERT_FALSE(evaluator);
  EXPECT_EQ(evaluator.error().where, "code");
  policy.guardrails[0].paths.clear();
  policy.guardrails[0].lua = "1 +";
  evaluator = Evaluator::Create(policy);
  ASSERT_FALSE(evaluator);
  EXPECT_NE(evaluator.error().message.find("does not compile"), std::string::npos);
}

TEST(EvaluatorTest, TrippedListsIndicesInPolicyOrder) {
  core::Finding f = MakeFinding();
  auto policy = ParsePolicy(R"(guardrails:
  - {name: a, when: {severity: low}}
  - {name: b, when: {severity: critical}}
  - {name: c, action: warn, when: {tool: semgrep}}
)",
                            "p.yaml");
  ASSERT_TRUE(policy);
  auto evaluator = Evaluator::Create(*policy);
  ASSERT_TRUE(evaluator);
  Evaluator moved = std::move(*evaluator);
  auto tripped = moved.Tripped({&f});
  ASSERT_TRUE(tripped);
  EXPECT_EQ(*tripped, (std::vector<size_t>{0, 2}));
}

TEST(DefaultPolicyTest, BlocksNewHighAndSecretsWarnsOnMedium) {
  Policy policy = DefaultPolicy();
  auto evaluator = Evaluator::Create(policy);
  ASSERT_TRUE(evaluator);
  auto actions = [&](const core::Finding& f, BaselineState state) {
    std::vector<std::string> names;
    auto tripped = evaluator->Tripped({&f, state});
    EXPECT_TRUE(tripped);
    for (size_t i : *tripped) names.push_back(policy.guardrails[i].name);
    return names;
  };
  core::Finding f = MakeFinding();
  // A new high finding trips the high guardrail only: the medium warning is for medium findings.
  EXPECT_EQ(actions(f, BaselineState::kNew), std::vector<std::string>{"no-new-high"});
  EXPECT_TRUE(actions(f, BaselineState::kUnchanged).empty());  // old debt is not this change's
  f.severity = Severity::kLow;
  EXPECT_TRUE(actions(f, BaselineState::kNew).empty());
  f.category = Category::kSecrets;
  EXPECT_EQ(actions(f, BaselineState::kNew), std::vector<std::string>{"no-new-secrets"});
  f.category = Category::kSast;
  f.severity = Severity::kMedium;
  EXPECT_EQ(actions(f, BaselineState::kNew), std::vector<std::string>{"warn-new-medium"});
  EXPECT_EQ(policy.guardrails[0].action, Action::kBlock);
  EXPECT_EQ(policy.guardrails[2].action, Action::kWarn);
  EXPECT_EQ(ToString(Action::kBlock), "block");
  EXPECT_EQ(ToString(Action::kWarn), "warn");
  EXPECT_EQ(ToString(Action::kInform), "inform");
  EXPECT_LT(Action::kInform, Action::kWarn);
}

TEST(EvaluatorSeverityBandTest, ExactAndCeilingSeverities) {
  auto policy = ParsePolicy(
      "guardrails:\n"
      "  - name: only-medium\n"
      "    action: warn\n"
      "    when: {severity: '== medium'}\n"
      "  - name: low-or-less\n"
      "    action: inform\n"
      "    when: {severity: '<= low'}\n",
      "policy.yaml");
  ASSERT_TRUE(policy) << policy.error().ToString();
  auto evaluator = Evaluator::Create(*policy);
  ASSERT_TRUE(evaluator);
  auto tripped = [&](core::Severity severity) {
    core::Finding finding;
    finding.severity = severity;
    return *evaluator->Tripped(Subject{&finding, core::BaselineState::kNew, false, false});
  };
  EXPECT_EQ(tripped(core::Severity::kMedium), std::vector<size_t>{0});
  EXPECT_EQ(tripped(core::Severity::kHigh), std::vector<size_t>{});
  EXPECT_EQ(tripped(core::Severity::kLow), std::vector<size_t>{1});
  EXPECT_EQ(tripped(core::Severity::kInfo), std::vector<size_t>{1});
}

// The default policy's warning is for medium findings only: higher ones block.
TEST(EvaluatorSeverityBandTest, DefaultWarnsOnMediumOnly) {
  auto evaluator = Evaluator::Create(DefaultPolicy());
  ASSERT_TRUE(evaluator);
  core::Finding high;
  high.severity = core::Severity::kHigh;
  auto tripped = *evaluator->Tripped(Subject{&high, core::BaselineState::kNew, false, false});
  ASSERT_EQ(tripped.size(), 1u);
  EXPECT_EQ(DefaultPolicy().guardrails[tripped[0]].name, "no-new-high");
}

}  // namespace
}  // namespace candor::policy
