#include "threatmodel/evaluate.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "threatmodel/builtin_catalogue.h"
#include "threatmodel/model_parser.h"

namespace candor::threatmodel {
namespace {

Assessment Assess(std::string_view yaml, const Catalogue* catalogue = nullptr) {
  auto model = ParseNativeModel(yaml, "m.yaml");
  EXPECT_TRUE(model) << model.error().ToString();
  auto builtin = BuiltinCatalogue();
  EXPECT_TRUE(builtin);
  auto assessment = Evaluate(*model, catalogue ? *catalogue : *builtin);
  EXPECT_TRUE(assessment) << assessment.error().ToString();
  return *assessment;
}

const Threat* Find(const Assessment& a, std::string_view id) {
  for (const Threat& t : a.threats)
    if (t.id == id) return &t;
  return nullptr;
}

constexpr std::string_view kOpenApi = R"(version: 1
assets:
  - {id: pii, confidentiality: strictly-confidential, integrity: important, availability: operational}
components:
  - {id: user, type: external-entity}
  - {id: api, type: process, technology: web-service, processes: [pii]}
  - {id: db, type: datastore, technology: database, stores: [pii]}
flows:
  - {id: call, source: user, target: api, protocol: http, authentication: token, sends: [pii]}
  - {id: query, source: api, target: db, protocol: sql, encrypted: true, authentication: credentials}
)";

TEST(EvaluateTest, ThreatsCarryStableIdsAndTheFactsThatFiredThem) {
  Assessment a = Assess(kOpenApi);
  const Threat* missing = Find(a, "missing-authentication@api");
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->because, (std::vector<std::string>{"type is 'process'", "authentication is 'none'",
                                                        "flow 'call' reaches it from 'user'"}));
  EXPECT_EQ(missing->impact_basis, "data 'pii' has confidentiality strictly-confidential");
  EXPECT_EQ(missing->likelihood, 3);
  EXPECT_EQ(missing->impact, 4);
  EXPECT_EQ(missing->severity, core::Severity::kCritical);
  EXPECT_EQ(missing->element_where, "m.yaml:6:5");

  const Threat* plaintext = Find(a, "credentials-over-plaintext@call");
  ASSERT_NE(plaintext, nullptr);
  EXPECT_EQ(plaintext->stride, Stride::kSpoofing);
  EXPECT_NE(Find(a, "sql-injection@api"), nullptr);
  EXPECT_NE(Find(a, "missing-encryption-at-rest@db"), nullptr);
  // The query flow is encrypted and authenticated: none of those rules fire on it.
  EXPECT_EQ(Find(a, "unencrypted-communication@query"), nullptr);
  EXPECT_EQ(Find(a, "unauthenticated-datastore-access@query"), nullptr);
  EXPECT_TRUE(std::is_sorted(a.threats.begin(), a.threats.end(),
                             [](const Threat& x, const Threat& y) { return x.id < y.id; }));
}

TEST(EvaluateTest, FixingTheDesignRemovesTheThreat) {
  std::string fixed(kOpenApi);
  fixed.replace(fixed.find("processes: [pii]}"), 17, "processes: [pii], authentication: token}");
  Assessment a = Assess(fixed);
  EXPECT_EQ(Find(a, "missing-authentication@api"), nullptr);
  EXPECT_NE(Find(a, "sql-injection@api"), nullptr);
}

TEST(EvaluateTest, StatusComesFromTheModelAndStaleDecisionsAreKept) {
  std::string text = std::string(kOpenApi) +
                     "threats:\n  - {id: sql-injection@api, status: mitigated, note: ORM only}\n"
                     "  - {id: gone@nowhere, status: accepted}\n";
  Assessment a = Assess(text);
  const Threat* sqli = Find(a, "sql-injection@api");
  ASSERT_NE(sqli, nullptr);
  EXPECT_EQ(sqli->status, ThreatStatus::kMitigated);
  EXPECT_EQ(sqli->note, "ORM only");
  ASSERT_EQ(a.stale_decisions.size(), 1u);
  EXPECT_EQ(a.stale_decisions[0].threat_id, "gone@nowhere");
}

TEST(EvaluateTest, RequirementsCollectTheirThreatsAndCwes) {
  Assessment a = Assess(kOpenApi);
  auto it = std::find_if(a.requirements.begin(), a.requirements.end(),
                         [](const RequirementResult& r) { return r.requirement.id == "SR-5"; });
  ASSERT_NE(it, a.requirements.end());
  EXPECT_NE(std::find(it->cwes.begin(), it->cwes.end(), 89), it->cwes.end());
  EXPECT_NE(std::find(it->threat_ids.begin(), it->threat_ids.end(), "sql-injection@api"),
            it->threat_ids.end());
}

TEST(EvaluateTest, OutOfScopeComponentsRaiseNothing) {
  std::string text(kOpenApi);
  text.replace(text.find("processes: [pii]}"), 17, "processes: [pii], out_of_scope: true}");
  Assessment a = Assess(text);
  for (const Threat& t : a.threats) EXPECT_NE(t.element_id, "api") << t.id;
}

TEST(EvaluateTest, CustomRulesWithLuaConditionsFire) {
  auto catalogue = ParseCatalogue(R"(version: 1
requirements:
  - {id: T-1, text: "Every service that handles PII is listed in the data inventory with its owner."}
rules:
  - id: pii-on-plain-http
    title: PII over plain HTTP
    stride: information-disclosure
    cwe: 319
    applies_to: flow
    when:
      protocol: http
      lua: "element.confidentiality >= 4 and element.source == 'user'"
    requirement: T-1
)",
                                  "team.yaml");
  ASSERT_TRUE(catalogue) << catalogue.error().ToString();
  Catalogue merged;
  ASSERT_TRUE(MergeCatalogue(merged, *catalogue));
  Assessment a = Assess(kOpenApi, &merged);
  ASSERT_EQ(a.threats.size(), 1u);
  EXPECT_EQ(a.threats[0].id, "pii-on-plain-http@call");
  EXPECT_EQ(a.threats[0].because.back(),
            "Lua condition `element.confidentiality >= 4 and element.source == 'user'` is true");
}

TEST(EvaluateTest, ARunawayLuaConditionIsALimitNamingTheRule) {
  auto catalogue = ParseCatalogue(R"yaml(version: 1
rules:
  - id: spin
    title: Never ends
    applies_to: component
    when: {lua: "(function() while true do end end)()"}
)yaml",
                                  "team.yaml");
  ASSERT_TRUE(catalogue) << catalogue.error().ToString();
  auto model = ParseNativeModel(kOpenApi, "m.yaml");
  ASSERT_TRUE(model);
  auto assessment = Evaluate(*model, *catalogue);
  ASSERT_FALSE(assessment);
  EXPECT_EQ(assessment.error().code, core::ErrorCode::kLimitExceeded);
  EXPECT_EQ(assessment.error().where, "team.yaml:3:5");
  EXPECT_TRUE(assessment.error().message.starts_with("rule 'spin' on 'user': "))
      << assessment.error().message;
}

TEST(EvaluateTest, SeverityIsLikelihoodTimesImpact) {
  EXPECT_EQ(SeverityOf(4, 4), core::Severity::kCritical);
  EXPECT_EQ(SeverityOf(3, 4), core::Severity::kCritical);
  EXPECT_EQ(SeverityOf(2, 4), core::Severity::kHigh);
  EXPECT_EQ(SeverityOf(2, 3), core::Severity::kMedium);
  EXPECT_EQ(SeverityOf(1, 2), core::Severity::kLow);
  EXPECT_EQ(SeverityOf(1, 1), core::Severity::kInfo);
}

}  // namespace
}  // namespace candor::threatmodel
