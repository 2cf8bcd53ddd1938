// candor threat's speed (issue 5 targets): Threagile's example model imported
// and evaluated in < 50 ms; a generated model of 2,000 components and 10,000
// flows parsed, evaluated and diffed against a changed copy in < 2 s. Prints
// the median of several runs of each step. Run on demand (scripts/bench-threat).
//
//   candor_threatmodel_bench [THREAGILE_YAML]

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "threatmodel/builtin_catalogue.h"
#include "threatmodel/evaluate.h"
#include "threatmodel/import.h"
#include "threatmodel/model_parser.h"
#include "threatmodel/threat_diff.h"
#include "threatmodel/yaml_document.h"

namespace candor::bench {
namespace {

using Clock = std::chrono::steady_clock;

double MedianMs(int runs, const std::function<void()>& step) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    step();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

// A service landscape: 40 trust boundaries (10 cloud networks, each holding 3
// nested container boundaries), 60 rated data assets, components of every
// type and the technologies the rules look at, and flows between them with
// a mix of protocols and authentication. `changed` edits about 5% of it the
// way a design change would: new components, some flows made plaintext.
std::string GenerateModel(int components, int flows, bool changed) {
  std::mt19937 random(42);
  const char* kTechnologies[] = {"web-service",    "web-application",   "database",         "message-queue",
                                 "object-storage", "identity-provider", "batch-processing", "cms",
                                 "gateway",        "ldap-server"};
  const char* kProtocols[] = {"https", "http", "grpc", "sql", "amqp", "ssh"};
  const char* kAuthentication[] = {"none", "token", "credentials", "client-certificate"};
  const char* kConfidentiality[] = {"public", "internal", "restricted", "confidential",
                                    "strictly-confidential"};
  const char* kCriticality[] = {"archive", "operational", "important", "critical", "mission-critical"};
  std::string out = "version: 1\ntitle: Generated landscape\nassets:\n";
  for (int i = 0; i < 60; ++i) {
    out += fmt::format("  - {{id: data-{}, confidentiality: {}, integrity: {}, availability: {}}}\n", i,
                       kConfidentiality[i % 5], kCriticality[(i / 5) % 5], kCriticality[(i / 25) % 5]);
  }
  int total = components + (changed ? components / 20 : 0);
  out += "components:\n";
  for (int i = 0; i < total; ++i) {
    const char* type = i % 10 == 0 ? "external-entity" : i % 4 == 0 ? "datastore" : "process";
    out += fmt::format(
        "  - {{id: c{}, name: Component {}, type: {}, technology: {}, internet_facing: {}, authentication: "
        "{}, "
        "custom_code: {}, processes: [data-{}], stores: [data-{}], accepts: [{}]}}\n",
        i, i, type, kTechnologies[random() % 10], i % 17 == 0 ? "true" : "false",
        kAuthentication[random() % 4], i % 3 == 0 ? "false" : "true", random() % 60, random() % 60,
        i % 23 == 0 ? "xml" : "json");
  }
  out += "flows:\n";
  std::mt19937 flow_random(7);  // its own stream, so both versions share their flows
  for (int i = 0; i < flows; ++i) {
    int source = static_cast<int>(flow_random() % components),
        target = static_cast<int>(flow_random() % components);
    if (target == source) target = (source + 1) % components;
    std::string protocol = kProtocols[flow_random() % 6];
    if (changed && i % 20 == 0) protocol = "http";
    out += fmt::format(
        "  - {{id: f{}, source: c{}, target: c{}, protocol: {}, authentication: {}, sends: [data-{}]}}\n", i,
        source, target, protocol, kAuthentication[flow_random() % 4], flow_random() % 60);
  }
  out += "boundaries:\n";
  int per_boundary = components / 40;
  for (int b = 0; b < 40; ++b) {
    bool cloud = b % 4 == 0;
    out += fmt::format("  - id: b{}\n    type: {}\n    components: [", b, cloud ? "cloud" : "container");
    for (int k = 0; k < per_boundary; ++k) out += fmt::format("{}c{}", k ? ", " : "", b * per_boundary + k);
    out += "]\n";
    if (cloud) out += fmt::format("    boundaries: [b{}, b{}, b{}]\n", b + 1, b + 2, b + 3);
  }
  return out;
}

int Run(int argc, char** argv) {
  auto catalogue = threatmodel::BuiltinCatalogue();
  if (!catalogue) return fmt::print(stderr, "{}\n", catalogue.error().ToString()), 1;
  fmt::print("catalogue: {} rules, parsed in {:.1f} ms\n", catalogue->rules.size(),
             MedianMs(5, [] { (void)threatmodel::BuiltinCatalogue(); }));

  std::string threagile_path = argc > 1 ? argv[1] : CANDOR_THREAGILE_EXAMPLE;
  std::ifstream in(threagile_path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string threagile = text.str();
  size_t threats = 0;
  double import_ms = MedianMs(21, [&] {
    auto model = threatmodel::ImportThreagile(threagile, threagile_path, nullptr);
    if (!model) throw std::runtime_error(model.error().ToString());
  });
  auto model = threatmodel::ImportThreagile(threagile, threagile_path, nullptr);
  double evaluate_ms =
      MedianMs(21, [&] { threats = threatmodel::Evaluate(*model, *catalogue)->threats.size(); });
  fmt::print(
      "threagile example: import {:.2f} ms + evaluate {:.2f} ms = {:.2f} ms, {} threats (target < 50 ms)\n",
      import_ms, evaluate_ms, import_ms + evaluate_ms, threats);

  const std::string before_text = GenerateModel(2000, 10000, false);
  const std::string after_text = GenerateModel(2000, 10000, true);
  threatmodel::Model before, after;
  double parse_ms = MedianMs(3, [&] {
    before = *threatmodel::ParseNativeModel(before_text, "before.yaml");
    after = *threatmodel::ParseNativeModel(after_text, "after.yaml");
  });
  // How much of parsing is yaml-cpp building its node tree, before Candor's schema walk.
  double load_ms =
      MedianMs(3, [&] { (void)threatmodel::LoadYamlDocument(before_text, "before.yaml", "model"); });
  threatmodel::Assessment old_assessment, new_assessment;
  double eval_ms = MedianMs(3, [&] {
    old_assessment = *threatmodel::Evaluate(before, *catalogue);
    new_assessment = *threatmodel::Evaluate(after, *catalogue);
  });
  threatmodel::AssessmentDiff diff;
  double diff_ms = MedianMs(3, [&] { diff = threatmodel::DiffAssessments(old_assessment, new_assessment); });
  fmt::print("generated: {} components, {} flows, {:.1f} MB of YAML per version\n", after.components.size(),
             after.flows.size(), static_cast<double>(after_text.size()) / 1e6);
  fmt::print("  yaml-cpp's YAML::Load of one version alone: {:.0f} ms\n", load_ms);
  fmt::print(
      "  parse both versions {:.0f} ms, evaluate both {:.0f} ms ({} and {} threats), diff {:.1f} ms "
      "({} added, {} removed, {} changed)\n",
      parse_ms, eval_ms, old_assessment.threats.size(), new_assessment.threats.size(), diff_ms,
      diff.added.size(), diff.removed.size(), diff.changed.size());
  fmt::print("  total {:.0f} ms (target < 2000 ms; OWASP pytm takes 0.5 to 9 s on its small example)\n",
             parse_ms + eval_ms + diff_ms);
  return 0;
}

}  // namespace
}  // namespace candor::bench

int main(int argc, char** argv) {
  return candor::bench::Run(argc, argv);
}
