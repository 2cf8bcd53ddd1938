#include <gtest/gtest.h>

#include <string>

#include "policy/policy.h"

namespace candor::policy {
namespace {

using core::BaselineState;
using core::Category;
using core::ErrorCode;
using core::Severity;

Policy Parse(std::string_view yaml) {
  auto policy = ParsePolicy(yaml, "policy.yaml");
  EXPECT_TRUE(policy) << policy.error().ToString();
  return policy ? *policy : Policy{};
}

// Parsing must fail at `where` ("policy.yaml:L:C") with `text` in the message.
void ExpectError(std::string_view yaml, std::string_view where, std::string_view text,
                 ErrorCode code = ErrorCode::kInvalidInput) {
  auto policy = ParsePolicy(yaml, "policy.yaml");
  ASSERT_FALSE(policy) << yaml;
  EXPECT_EQ(policy.error().code, code) << policy.error().ToString();
  EXPECT_EQ(policy.error().where, where) << policy.error().ToString();
  EXPECT_NE(policy.error().message.find(text), std::string::npos) << policy.error().ToString();
}

TEST(PolicyParserTest, ReadsEveryKey) {
  Policy policy = Parse(R"(version: 1
guardrails:
  - name: no-new-high
    description: New high or critical findings block the merge
    action: block
    when:
      state: [new, updated]
      severity: ">= high"
      category: [sast, secrets]
      tool: [Semgrep, codeql]
      rule: ["python.lang.security.*"]
      cwe: [79, CWE-89]
      paths: ["src/**"]
      exclude_paths: ["**/test/**"]
      changed_lines_only: true
      lua: "finding.fixed_version ~= ''"
sla:
  critical: 7
  high: 30
  medium: 90
  low: ~
)");
  EXPECT_EQ(policy.origin, "policy.yaml");
  ASSERT_EQ(policy.guardrails.size(), 1u);
  const Guardrail& g = policy.guardrails[0];
  EXPECT_EQ(g.name, "no-new-high");
  EXPECT_EQ(g.description, "New high or critical findings block the merge");
  EXPECT_EQ(g.action, Action::kBlock);
  EXPECT_EQ(g.states, (std::vector{BaselineState::kNew, BaselineState::kUpdated}));
  EXPECT_EQ(g.min_severity, Severity::kHigh);
  EXPECT_EQ(g.categories, (std::vector{Category::kSast, Category::kSecrets}));
  EXPECT_EQ(g.tools, (std::vector<std::string>{"Semgrep", "codeql"}));
  EXPECT_EQ(g.rules, (std::vector<std::string>{"python.lang.security.*"}));
  EXPECT_EQ(g.cwes, (std::vector{79, 89}));
  EXPECT_EQ(g.paths, (std::vector<std::string>{"src/**"}));
  EXPECT_EQ(g.exclude_paths, (std::vector<std::string>{"**/test/**"}));
  EXPECT_TRUE(g.changed_lines_only);
  EXPECT_EQ(g.lua, "finding.fixed_version ~= ''");
  EXPECT_EQ(g.origin, "policy.yaml:3:5");
  EXPECT_FALSE(g.from_org);
  EXPECT_EQ(policy.sla_days[static_cast<int>(Severity::kCritical)], 7);
  EXPECT_EQ(policy.sla_days[static_cast<int>(Severity::kHigh)], 30);
  EXPECT_EQ(policy.sla_days[static_cast<int>(Severity::kMedium)], 90);
  EXPECT_EQ(policy.sla_days[static_cast<int>(Severity::kLow)], std::nullopt);
  EXPECT_EQ(policy.sla_days[static_cast<int>(Severity::kInfo)], std::nullopt);
  EXPECT_EQ(policy.sla_origins[static_cast<int>(Severity::kHigh)], "policy.yaml:19:3");
  EXPECT_EQ(policy.sla_origins[static_cast<int>(Severity::kLow)], "policy.yaml:21:3");
}

TEST(PolicyParserTest, DefaultsAndShortForms) {
  Policy policy = Parse(R"(guardrails:
  - name: everything-new
  - name: short
    action: WARN
    when: {state: any, severity: medium, category: sca, tool: trivy, rule: "CVE-*", cwe: 79, paths: "lib/**"}
  - name: empty-when
    action: inform
    when:
)");
  ASSERT_EQ(policy.guardrails.size(), 3u);
  const Guardrail& all = policy.guardrails[0];
  EXPECT_EQ(all.action, Action::kBlock);  // the safe default
  EXPECT_EQ(all.states, std::vector{BaselineState::kNew});
  EXPECT_FALSE(all.min_severity);
  EXPECT_TRUE(all.categories.empty() && all.tools.empty() && all.rules.empty() && all.cwes.empty());
  const Guardrail& s = policy.guardrails[1];
  EXPECT_EQ(s.action, Action::kWarn);
  EXPECT_TRUE(s.states.empty());                 // any
  EXPECT_EQ(s.min_severity, Severity::kMedium);  // "medium" is a floor, like ">= medium"
  EXPECT_EQ(s.categories, std::vector{Category::kSca});
  EXPECT_EQ(s.tools, std::vector<std::string>{"trivy"});
  EXPECT_EQ(s.cwes, std::vector{79});
  EXPECT_EQ(s.paths, std::vector<std::string>{"lib/**"});
  EXPECT_EQ(policy.guardrails[2].action, Action::kInform);
  EXPECT_FALSE(policy.sla_days[0]);
}

TEST(PolicyParserTest, SlaOnlyPolicyAndEmptyGuardrails) {
  Policy policy = Parse("version: 1\nguardrails: []\nsla: {high: 14}\n");
  EXPECT_TRUE(policy.guardrails.empty());
  EXPECT_EQ(policy.sla_days[static_cast<int>(Severity::kHigh)], 14);
  EXPECT_TRUE(Parse("guardrails:\n").guardrails.empty());
}

TEST(PolicyParserTest, UnknownKeysSuggestTheClosest) {
  ExpectError("version: 1\nguardrail: []\n", "policy.yaml:2:1",
              "unknown key 'guardrail' in the policy; did you mean 'guardrails'?");
  ExpectError("guardrails:\n  - name: x\n    when:\n      sevrity: high\n", "policy.yaml:4:7",
              "did you mean 'severity'?");
  ExpectError("guardrails:\n  - name: x\n    when:\n      categories: [sast]\n", "policy.yaml:4:7",
              "did you mean 'category'?");
  ExpectError("guardrails:\n  - name: x\n    actoin: warn\n", "policy.yaml:3:5", "did you mean 'action'?");
  ExpectError("sla:\n  hihg: 3\n", "policy.yaml:2:3", "did you mean 'high'?");
  // Nothing close: the valid keys are listed instead.
  ExpectError("guardrails:\n  - name: x\n    zzzzzzzzzz: 1\n", "policy.yaml:3:5",
              "expected one of: name, description, action, when");
}

TEST(PolicyParserTest, WrongTypesNameTheKey) {
  ExpectError("guardrails: {name: x}\n", "policy.yaml:1:13", "'guardrails' must be a list, not a mapping");
  ExpectError("guardrails:\n  - just-a-name\n", "policy.yaml:2:5", "a guardrail must be a mapping");
  ExpectError("guardrails:\n  - name: [a, b]\n", "policy.yaml:2:11",
              "'name' must be a single value, not a list");
  ExpectError("guardrails:\n  - name: x\n    when:\n      changed_lines_only: yes\n", "policy.yaml:4:27",
              "must be true or false");
  ExpectError("guardrails:\n  - name: x\n    when:\n      tool: {a: b}\n", "policy.yaml:4:13",
              "'tool' must be a value or a list of values, not a mapping");
  ExpectError("guardrails:\n  - name: x\n    when:\n      paths: [[a]]\n", "policy.yaml:4:15",
              "each item of 'paths' must be a single value");
  ExpectError("sla:\n  high: soon\n", "policy.yaml:2:9", "'sla.high' must be a whole number");
  ExpectError("version: one\n", "policy.yaml:1:10", "must be a whole number");
  ExpectError("- a\n- b\n", "policy.yaml:1:1", "the policy must be a mapping, not a list");
  ExpectError("{? [a]: 1}\n", "policy.yaml:1:4", "a key in the policy must be a plain word");
}

TEST(PolicyParserTest, UnknownNamesInValues) {
  ExpectError("guardrails:\n  - name: x\n    action: stop\n", "policy.yaml:3:13", "unknown action 'stop'");
  ExpectError("guardrails:\n  - name: x\n    action: blok\n", "policy.yaml:3:13", "did you mean 'block'?");
  ExpectError("guardrails:\n  - name: x\n    when: {severity: hihg}\n", "policy.yaml:3:22",
              "unknown severity 'hihg' (expected info, low, medium, high, critical); did you mean 'high'?");
  ExpectError("guardrails:\n  - name: x\n    when: {severity: '> high'}\n", "policy.yaml:3:22",
              "write '>= high' (or just 'high'), '== medium' or '<= low'");
  ExpectError("guardrails:\n  - name: x\n    when: {category: [sast, secret]}\n", "policy.yaml:3:29",
              "unknown category 'secret'");
  ExpectError("guardrails:\n  - name: x\n    when: {state: [new, fixed]}\n", "policy.yaml:3:25",
              "unknown state 'fixed'");
  ExpectError("guardrails:\n  - name: x\n    when: {state: []}\n", "policy.yaml:3:19", "write 'any'");
  ExpectError("guardrails:\n  - name: x\n    when: {cwe: [79, XSS]}\n", "policy.yaml:3:22",
              "'XSS' is not a CWE number");
  ExpectError("guardrails:\n  - name: x\n    when: {tool: ['']}\n", "policy.yaml:3:19",
              "an empty value in 'tool'");
  ExpectError("version: 2\n", "policy.yaml:1:10", "policy version 2 is not known");
}

TEST(PolicyParserTest, GuardrailNames) {
  ExpectError("guardrails:\n  - name: a\n  - name: b\n  - name: A\n", "policy.yaml:4:5",
              "duplicate guardrail name 'A' (first at policy.yaml:2:5)");
  ExpectError("guardrails:\n  - description: nameless\n", "policy.yaml:2:5", "a guardrail needs a 'name'");
  ExpectError("guardrails:\n  - name: 'has spaces'\n", "policy.yaml:2:11", "must be 1 to 64 letters");
  ExpectError("guardrails:\n  - name: \"\\e[31mred\"\n", "policy.yaml:2:11", "must be 1 to 64 letters");
  ExpectError("guardrails:\n  - name: a\n    name: b\n", "policy.yaml:3:5",
              "duplicate key 'name' in a guardrail (first at policy.yaml:2:5)");
}

TEST(PolicyParserTest, GlobsAreChecked) {
  ExpectError("guardrails:\n  - name: x\n    when: {paths: ['src/[abc']}\n", "policy.yaml:3:20",
              "pattern 'src/[abc' in 'paths'");
  ExpectError("guardrails:\n  - name: x\n    when: {rule: ['a\\']}\n", "policy.yaml:3:19", "in 'rule'");
  ExpectError("guardrails:\n  - name: x\n    when: {exclude_paths: ./test/**}\n", "policy.yaml:3:27",
              "paths are repo-relative");
  ExpectError("guardrails:\n  - name: x\n    when: {paths: ''}\n", "policy.yaml:3:19", "an empty pattern");
}

TEST(PolicyParserTest, SlaDays) {
  ExpectError("sla:\n  critical: -1\n", "policy.yaml:2:13",
              "sla.critical is -1 days; it must be between 0 and");
  ExpectError("sla:\n  critical: 1000000\n", "policy.yaml:2:13", "must be between 0 and 36500");
  ExpectError("sla: 30\n", "policy.yaml:1:6", "'sla' must be a mapping");
  EXPECT_EQ(Parse("sla: {critical: 0}\n").sla_days[4], 0);
}

TEST(PolicyParserTest, LuaMustCompile) {
  ExpectError("guardrails:\n  - name: x\n    when:\n      lua: \"finding.severity ==\"\n", "policy.yaml:4:12",
              "the Lua condition does not compile: lua:");
  ExpectError("guardrails:\n  - name: x\n    when: {lua: '  '}\n", "policy.yaml:3:17",
              "an empty Lua condition");
  Policy policy = Parse(
      "guardrails:\n  - name: x\n    when:\n      lua: |\n        finding.severity_rank >= 3\n"
      "          and finding.package ~= ''\n");
  EXPECT_EQ(policy.guardrails[0].lua, "finding.severity_rank >= 3\n  and finding.package ~= ''\n");
}

TEST(PolicyParserTest, SyntaxErrorsAndEmptyFiles) {
  ExpectError("guardrails:\n  - name: [x\n", "policy.yaml:3:1", "YAML syntax:");
  ExpectError("a: b\n c: d\n", "policy.yaml:2:3", "YAML syntax:");
  ExpectError("guardrails:\n\t- name: x\n", "policy.yaml:2:2", "YAML syntax:");
  ExpectError("", "policy.yaml:1:1", "the policy is empty");
  ExpectError("# only a comment\n\n", "policy.yaml:1:1", "the policy is empty");
  ExpectError("version: 1\n---\nversion: 1\n", "policy.yaml:2:1", "one YAML document");
  // yaml-cpp's LoadAll never returns on these (found by fuzz/policy_fuzzer.cc).
  ExpectError(",#", "policy.yaml:1:1", "the policy is empty");
  ExpectError(",", "policy.yaml:1:1", "the policy is empty");
}

TEST(PolicyParserTest, DeepNestingIsAnErrorNotACrash) {
  for (std::string_view unit : {"[", "{", "- ", "{a: "}) {
    std::string yaml;
    for (int i = 0; i < 100'000; ++i) yaml += unit;
    auto policy = ParsePolicy(yaml, "deep.yaml");
    ASSERT_FALSE(policy) << unit;
    EXPECT_TRUE(policy.error().code == ErrorCode::kLimitExceeded ||
                policy.error().code == ErrorCode::kInvalidInput)
        << policy.error().ToString();
  }
  std::string yaml = "guardrails:\n";
  for (int i = 0; i < 100'000; ++i) yaml += "[";
  auto policy = ParsePolicy(yaml, "deep.yaml");
  ASSERT_FALSE(policy);
  EXPECT_EQ(policy.error().code, ErrorCode::kLimitExceeded) << policy.error().ToString();
  EXPECT_NE(policy.error().message.find("nested too deeply"), std::string::npos);
}

TEST(PolicyParserTest, SizeAndAliasBounds) {
  std::string big = "version: 1\n# " + std::string(kMaxPolicyBytes, 'x') + "\n";
  ExpectError(big, "policy.yaml", "over the limit", ErrorCode::kLimitExceeded);

  // A 1,000-item list used 1,000 times would be a million values.
  std::string bomb = "guardrails:\n  - name: g0\n    when: {paths: &p [";
  for (int i = 0; i < 1000; ++i) bomb += "a,";
  bomb += "a]}\n";
  for (int i = 1; i < 1000; ++i) bomb += "  - {name: g" + std::to_string(i) + ", when: {paths: *p}}\n";
  auto policy = ParsePolicy(bomb, "policy.yaml");
  ASSERT_FALSE(policy);
  EXPECT_EQ(policy.error().code, ErrorCode::kLimitExceeded);
  EXPECT_NE(policy.error().message.find("too many values"), std::string::npos);

  std::string many = "guardrails:\n";
  for (size_t i = 0; i <= kMaxGuardrails; ++i) many += "  - name: g" + std::to_string(i) + "\n";
  ExpectError(many, "policy.yaml:2:3", "over the limit of 1000", ErrorCode::kLimitExceeded);
}

TEST(PolicyParserTest, LoadPolicyReadsFiles) {
  auto policy = LoadPolicy(std::string(CANDOR_TEST_DATA) + "/policy/org-policy.yaml");
  ASSERT_TRUE(policy) << policy.error().ToString();
  EXPECT_FALSE(policy->guardrails.empty());
  EXPECT_NE(policy->guardrails[0].origin.find("org-policy.yaml:"), std::string::npos);
  auto missing = LoadPolicy(std::string(CANDOR_TEST_DATA) + "/policy/no-such-file.yaml");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace candor::policy
