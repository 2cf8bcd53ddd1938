#include <gtest/gtest.h>

#include <algorithm>

#include "threatmodel/builtin_catalogue.h"
#include "threatmodel/diagram.h"
#include "threatmodel/import.h"
#include "threatmodel/model_parser.h"
#include "threatmodel/threat_diff.h"

namespace candor::threatmodel {
namespace {

const std::string kExample = std::string(CANDOR_EXAMPLES) + "/payments-service/";

Assessment AssessFile(const std::string& path) {
  auto model = LoadModel(path);
  EXPECT_TRUE(model) << model.error().ToString();
  auto catalogue = BuiltinCatalogue();
  auto assessment = Evaluate(*model, *catalogue);
  EXPECT_TRUE(assessment);
  return *assessment;
}

TEST(ThreatDiffTest, TheRefundsChangeAddsThreatsAndRequirements) {
  Assessment before = AssessFile(kExample + ".candor/threatmodel.yaml");
  Assessment after = AssessFile(kExample + "design-change/threatmodel.yaml");
  AssessmentDiff diff = DiffAssessments(before, after);
  EXPECT_TRUE(diff.removed.empty());
  EXPECT_TRUE(diff.changed.empty());
  ASSERT_FALSE(diff.added.empty());
  for (const Threat& t : diff.added) {
    EXPECT_TRUE(t.element_id.starts_with("refund")) << t.id;  // only what the change touched
  }
  auto ids = [](const std::vector<RequirementResult>& rs) {
    std::vector<std::string> out;
    for (const auto& r : rs) out.push_back(r.requirement.id);
    return out;
  };
  EXPECT_EQ(ids(diff.requirements_added), (std::vector<std::string>{"SR-1", "SR-3", "SR-6"}));
  auto blocking = UndecidedAtOrAbove(diff, core::Severity::kHigh);
  EXPECT_FALSE(blocking.empty());
  EXPECT_TRUE(UndecidedAtOrAbove(diff, core::Severity::kCritical).empty());
  // Against itself nothing changes.
  AssessmentDiff none = DiffAssessments(after, after);
  EXPECT_TRUE(none.added.empty() && none.removed.empty() && none.changed.empty());
}

TEST(ThreatDiffTest, SeverityChangesAndDecisionsCount) {
  std::string base = R"(version: 1
assets:
  - {id: d, confidentiality: internal}
components:
  - {id: user, type: external-entity}
  - {id: api, type: process, processes: [d]}
flows:
  - {id: f, source: user, target: api, protocol: https}
)";
  auto catalogue = BuiltinCatalogue();
  auto run = [&](const std::string& text) {
    auto model = ParseNativeModel(text, "m.yaml");
    EXPECT_TRUE(model) << model.error().ToString();
    return *Evaluate(*model, *catalogue);
  };
  Assessment before = run(base);
  std::string raised = base;
  raised.replace(raised.find("internal"), 8, "strictly-confidential");
  AssessmentDiff diff = DiffAssessments(before, run(raised));
  auto it = std::find_if(diff.changed.begin(), diff.changed.end(),
                         [](const SeverityChange& c) { return c.after.id == "missing-authentication@api"; });
  ASSERT_NE(it, diff.changed.end());
  EXPECT_LT(it->before.severity, it->after.severity);
  EXPECT_FALSE(UndecidedAtOrAbove(diff, core::Severity::kHigh).empty());
  std::string decided = raised + "threats:\n  - {id: missing-authentication@api, status: fix-scheduled}\n";
  AssessmentDiff with_decision = DiffAssessments(before, run(decided));
  for (const Threat* t : UndecidedAtOrAbove(with_decision, core::Severity::kHigh)) {
    EXPECT_NE(t->id, "missing-authentication@api");
  }
}

TEST(DiagramTest, DotHasClustersForNestedBoundariesAndLabelledFlows) {
  auto model = LoadModel(kExample + "design-change/threatmodel.yaml");
  ASSERT_TRUE(model);
  std::string dot = RenderDot(*model);
  auto vpc = dot.find("subgraph \"cluster_payments-vpc\"");
  auto pods = dot.find("subgraph \"cluster_payments-pods\"");
  ASSERT_NE(vpc, std::string::npos);
  ASSERT_NE(pods, std::string::npos);
  EXPECT_LT(vpc, pods);  // the pods cluster is nested inside the VPC's
  EXPECT_NE(dot.find("\"payments-api\" -> \"orders-db\" [label=\"postgresql-tls\"];"), std::string::npos)
      << dot;
  EXPECT_NE(dot.find("\"partner-bank\" -> \"refunds-worker\" [label=\"http\", style=dashed"),
            std::string::npos);
  EXPECT_NE(dot.find("\"orders-db\" [label=\"Orders database\", shape=cylinder]"), std::string::npos);
}

TEST(DiagramTest, NamesCannotBreakOutOfDotStrings) {
  auto model = ParseNativeModel(
      "version: 1\ncomponents:\n  - {id: a, name: 'x\" -> evil [label=\"1'}\n  - {id: b, name: "
      "'back\\slash'}\n",
      "m.yaml");
  ASSERT_TRUE(model) << model.error().ToString();
  std::string dot = RenderDot(*model);
  EXPECT_NE(dot.find("label=\"x\\\" -> evil [label=\\\"1\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("back\\\\slash"), std::string::npos) << dot;
}

TEST(DiagramTest, SvgIsLaidOutByGraphviz) {
  auto model = LoadModel(kExample + ".candor/threatmodel.yaml");
  ASSERT_TRUE(model);
  auto svg = RenderSvg(RenderDot(*model));
  ASSERT_TRUE(svg) << svg.error().ToString();
  EXPECT_NE(svg->find("<svg"), std::string::npos);
  EXPECT_NE(svg->find("Payments VPC (cloud)"), std::string::npos);
  EXPECT_NE(svg->find("Orders database"), std::string::npos);
}

}  // namespace
}  // namespace candor::threatmodel
