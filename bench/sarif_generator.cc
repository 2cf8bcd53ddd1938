#include "sarif_generator.h"

#include <fmt/format.h>

#include <array>
#include <random>

namespace candor::bench {
namespace {

constexpr std::array kCwes{79, 89, 22, 78, 502, 611, 918, 327, 798, 352, 434, 601, 94, 200, 287};
constexpr std::array kDirs{"src/main/java/com/acme/payments",
                           "src/api/handlers",
                           "lib/core",
                           "services/billing",
                           "web/static/js",
                           "internal/auth",
                           "cmd/server",
                           "app/models"};
constexpr std::array kExts{".java", ".py", ".go", ".ts", ".js", ".rb", ".cs"};
constexpr std::array kLevels{"error", "warning", "note"};

}  // namespace

std::string GenerateSarif(const SarifShape& shape) {
  std::mt19937 rng(shape.seed);
  auto pick = [&rng](size_t n) { return static_cast<size_t>(rng() % n); };
  std::string out;
  out.reserve(shape.results * 420 + shape.rules * 600);
  out +=
      R"J({"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":{"name":"CodeQL","semanticVersion":"2.15.3","rules":[)J";
  for (size_t r = 0; r < shape.rules; ++r) {
    int cwe = kCwes[r % kCwes.size()];
    double score = 1.0 + static_cast<double>(r * 37 % 90) / 10.0;
    fmt::format_to(
        std::back_inserter(out),
        R"J({}{{"id":"lang/security/rule-{}","name":"Rule{}","shortDescription":{{"text":"Potential issue {} (CWE-{})"}},)J"
        R"J("fullDescription":{{"text":"Data flows from a user-controlled source to a sensitive sink without validation, which can let an attacker change the program's behaviour."}},)J"
        R"J("defaultConfiguration":{{"level":"{}"}},"help":{{"text":"Validate or encode untrusted input before it reaches the sink; prefer the framework's safe API.","markdown":"# Rule {}\n\nValidate input."}},)J"
        R"J("properties":{{"tags":["security","external/cwe/cwe-{:03}"],"precision":"high","security-severity":"{:.1f}"}}}})J",
        r == 0 ? "" : ",", r, r, r, cwe, kLevels[r % 3], r, cwe, score);
  }
  out +=
      R"J(]}},"originalUriBaseIds":{"%SRCROOT%":{"uri":"file:///home/runner/work/payments/payments/"}},"results":[)J";
  for (size_t i = 0; i < shape.results; ++i) {
    size_t rule = pick(shape.rules);
    size_t file = pick(shape.files);
    int line = 1 + static_cast<int>(pick(2000));
    int col = 1 + static_cast<int>(pick(60));
    fmt::format_to(
        std::back_inserter(out),
        R"J({}{{"ruleId":"lang/security/rule-{}","ruleIndex":{},"message":{{"text":"Unsanitised request parameter reaches a sink at line {}."}},)J"
        R"J("locations":[{{"physicalLocation":{{"artifactLocation":{{"uri":"{}/module{}/File{}{}","uriBaseId":"%SRCROOT%"}},)J"
        R"J("region":{{"startLine":{},"startColumn":{},"endLine":{},"endColumn":{},"snippet":{{"text":"q = \"SELECT * FROM t WHERE id=\" + id;"}}}}}}}}],)J"
        R"J("partialFingerprints":{{"primaryLocationLineHash":"{:016x}:1"}})J",
        i == 0 ? "" : ",", rule, rule, line, kDirs[file % kDirs.size()], file % 97, file,
        kExts[file % kExts.size()], line, col, line, col + 40, rng() * 2654435761ull);
    if (i % 20 == 0) {
      fmt::format_to(
          std::back_inserter(out),
          R"J(,"codeFlows":[{{"threadFlows":[{{"locations":[{{"location":{{"physicalLocation":{{"artifactLocation":{{"uri":"src/api/Entry.java"}},"region":{{"startLine":{}}}}}}}}}]}}]}}])J",
          line);
    }
    out += '}';
  }
  out += "]}]}\n";
  return out;
}

}  // namespace candor::bench
