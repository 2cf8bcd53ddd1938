// candor threat: threat models as code. Subcommands check, report, diagram
// and diff are rows of one table, like the commands themselves.

#include <fmt/format.h>

#include <array>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/options.h"
#include "report/threat_report.h"
#include "store/store.h"
#include "threatmodel/builtin_catalogue.h"
#include "threatmodel/diagram.h"
#include "threatmodel/evaluate.h"
#include "threatmodel/import.h"
#include "threatmodel/threat_diff.h"

namespace candor::cli {
namespace {

constexpr std::string_view kExamples = R"EX(
Examples:
  candor threat check .candor/threatmodel.yaml
  candor threat report .candor/threatmodel.yaml --format markdown -o threats.md
  candor threat report threagile.yaml --format sarif -o threats.sarif
  candor threat diagram .candor/threatmodel.yaml -o dfd.svg
  candor threat diff main/threatmodel.yaml .candor/threatmodel.yaml --fail-on high

MODEL is Candor's threatmodel.yaml, a Threagile YAML model, an Open Threat Model (OTM) file or an
OWASP Threat Dragon JSON model; the format is recognised from the content. See docs/threat-modelling.md.)EX";

// The model and the catalogue, evaluated; errors already reported.
struct Evaluated {
  threatmodel::Model model;
  threatmodel::Assessment assessment;
};

core::Result<Evaluated> LoadAndEvaluate(const std::string& path, const threatmodel::Catalogue& catalogue) {
  auto model = threatmodel::LoadModel(path);
  if (!model) return std::unexpected(model.error());
  auto assessment = threatmodel::Evaluate(*model, catalogue);
  if (!assessment) return std::unexpected(assessment.error());
  return Evaluated{std::move(*model), std::move(*assessment)};
}

void AddRulesOption(CLI::App& app, std::vector<std::string>& rules) {
  app.add_option("--rules", rules, "A team's own rule catalogue (YAML, same form as the built-in rules)");
}

int RunThreatCheck(std::span<char* const> args) {
  CLI::App app{"Validate a threat model: ids, references, nesting of trust boundaries.", "threat check"};
  app.footer(std::string(kExamples));
  std::string path;
  std::vector<std::string> rules;
  app.add_option("MODEL", path, "The threat model")->required();
  AddRulesOption(app, rules);
  if (auto exit = ParseArgs(app, args)) return *exit;
  auto catalogue = threatmodel::LoadCatalogue(rules);
  if (!catalogue) return ReportError(catalogue.error());
  auto evaluated = LoadAndEvaluate(path, *catalogue);
  if (!evaluated) return ReportError(evaluated.error());
  const auto& m = evaluated->model;
  // A decision whose threat no longer fires is not an error (the design may
  // have fixed it), but the record is stale and should go.
  for (const auto& stale : evaluated->assessment.stale_decisions) {
    fmt::print(stderr,
               "candor: warning: {}: decision for '{}' names a threat that does not apply to this model\n",
               stale.where, stale.threat_id);
  }
  fmt::print("{}: valid {} model: {} data assets, {} components, {} flows, {} trust boundaries; {} threats\n",
             path, m.format, m.assets.size(), m.components.size(), m.flows.size(), m.boundaries.size(),
             evaluated->assessment.threats.size());
  return 0;
}

core::Result<report::FindingEvidence> Evidence(const std::string& db_url, const std::string& repo) {
  report::FindingEvidence evidence;
  if (db_url.empty()) return evidence;
  auto store = store::OpenStore(db_url);
  if (!store) return std::unexpected(store.error());
  store::FindingFilter filter;
  filter.repo = repo;
  auto findings = (*store)->QueryFindings(filter);
  if (!findings) return std::unexpected(findings.error());
  evidence.available = true;
  for (const auto& f : *findings) {
    if (f.status != store::FindingStatus::kOpen) continue;
    for (int cwe : f.finding.cwes) ++evidence.open_by_cwe[cwe];
  }
  return evidence;
}

int RunThreatReport(std::span<char* const> args) {
  CLI::App app{
      "List a threat model's threats, with why each applies, and the security requirements they generate.",
      "threat report"};
  app.footer(std::string(kExamples));
  std::string path, format = "markdown", output, db_url, repo;
  std::vector<std::string> rules;
  app.add_option("MODEL", path, "The threat model")->required();
  app.add_option("--format", format, "markdown|json|sarif|html")->capture_default_str();
  app.add_option("-o,--output", output, "Write the report here (default: standard output)");
  app.add_option("--db", db_url, "Show open findings of each requirement's CWEs from this store (read only)");
  app.add_option("--repo", repo, "The service's repository in the store, with --db");
  AddRulesOption(app, rules);
  if (auto exit = ParseArgs(app, args)) return *exit;
  if (format != "markdown" && format != "json" && format != "sarif" && format != "html") {
    return ReportError({core::ErrorCode::kUsage,
                        fmt::format("unknown --format '{}' (markdown, json, sarif, html)", format)});
  }
  auto catalogue = threatmodel::LoadCatalogue(rules);
  if (!catalogue) return ReportError(catalogue.error());
  auto evaluated = LoadAndEvaluate(path, *catalogue);
  if (!evaluated) return ReportError(evaluated.error());
  auto evidence = Evidence(db_url, repo);
  if (!evidence) return ReportError(evidence.error());
  const auto& a = evaluated->assessment;
  std::string text = format == "json"    ? report::RenderThreatJson(a, *evidence)
                     : format == "sarif" ? report::RenderThreatSarif(a)
                     : format == "html"  ? report::RenderThreatHtml(a, *evidence)
                                         : report::RenderThreatMarkdown(a, *evidence);
  if (auto written = WriteOutput(output, text); !written) return ReportError(written.error());
  return 0;
}

int RunThreatDiagram(std::span<char* const> args) {
  CLI::App app{
      "Draw a threat model's data-flow diagram: trust boundaries as clusters, flows labelled by protocol.",
      "threat diagram"};
  app.footer(std::string(kExamples));
  std::string path, output, format;
  app.add_option("MODEL", path, "The threat model")->required();
  app.add_option("-o,--output", output, "Write the diagram here (default: standard output)");
  app.add_option("--format", format, "dot|svg (default: from the -o file's extension, else dot)");
  if (auto exit = ParseArgs(app, args)) return *exit;
  if (format.empty()) format = output.ends_with(".svg") ? "svg" : "dot";
  if (format != "dot" && format != "svg") {
    return ReportError({core::ErrorCode::kUsage, fmt::format("unknown --format '{}' (dot, svg)", format)});
  }
  auto model = threatmodel::LoadModel(path);
  if (!model) return ReportError(model.error());
  std::string dot = threatmodel::RenderDot(*model);
  if (format == "dot") {
    if (auto written = WriteOutput(output, dot); !written) return ReportError(written.error());
    return 0;
  }
  auto svg = threatmodel::RenderSvg(dot);
  if (!svg) return ReportError(svg.error());
  if (auto written = WriteOutput(output, *svg); !written) return ReportError(written.error());
  return 0;
}

int RunThreatDiff(std::span<char* const> args) {
  CLI::App app{
      "Compare two versions of a threat model: threats added, removed and changed, requirements added. "
      "Exits 1 when the change adds threats at or above --fail-on without a decision.",
      "threat diff"};
  app.footer(std::string(kExamples));
  std::string old_path, new_path, format = "markdown", output, fail_on = "high";
  std::vector<std::string> rules;
  app.add_option("OLD", old_path, "The model before the change")->required();
  app.add_option("NEW", new_path, "The model after the change")->required();
  app.add_option("--format", format, "markdown|json")->capture_default_str();
  app.add_option("--fail-on", fail_on,
                 "Lowest severity of a new, undecided threat that fails (info..critical)")
      ->capture_default_str();
  app.add_option("-o,--output", output, "Write the diff here (default: standard output)");
  AddRulesOption(app, rules);
  if (auto exit = ParseArgs(app, args)) return *exit;
  auto threshold = core::ParseSeverity(fail_on);
  if (!threshold)
    return ReportError({core::ErrorCode::kUsage, fmt::format("unknown --fail-on '{}'", fail_on)});
  if (format != "markdown" && format != "json") {
    return ReportError(
        {core::ErrorCode::kUsage, fmt::format("unknown --format '{}' (markdown, json)", format)});
  }
  auto catalogue = threatmodel::LoadCatalogue(rules);
  if (!catalogue) return ReportError(catalogue.error());
  auto before = LoadAndEvaluate(old_path, *catalogue);
  if (!before) return ReportError(before.error());
  auto after = LoadAndEvaluate(new_path, *catalogue);
  if (!after) return ReportError(after.error());
  auto diff = threatmodel::DiffAssessments(before->assessment, after->assessment);
  report::DiffVerdict verdict{*threshold, threatmodel::UndecidedAtOrAbove(diff, *threshold)};
  std::string text = format == "json" ? report::RenderThreatDiffJson(diff, verdict)
                                      : report::RenderThreatDiffMarkdown(diff, verdict);
  if (auto written = WriteOutput(output, text); !written) return ReportError(written.error());
  return verdict.blocking.empty() ? 0 : 1;
}

constexpr std::array kSubcommands{
    Command{"check", "Validate a threat model (exit 2 on errors)", RunThreatCheck},
    Command{"report", "Threats and security requirements as markdown, json, sarif or html", RunThreatReport},
    Command{"diagram", "The data-flow diagram as DOT or SVG", RunThreatDiagram},
    Command{"diff", "Threats a design change adds, removes or changes; exit 1 above --fail-on",
            RunThreatDiff},
};

void PrintUsage(std::FILE* stream) {
  fmt::print(stream, "Usage: candor threat <subcommand> [options]\n\nSubcommands:\n");
  for (const Command& sub : kSubcommands) fmt::print(stream, "  {:<9} {}\n", sub.name, sub.summary);
  fmt::print(stream, "\nRun 'candor threat <subcommand> --help' for its options.\n");
}

}  // namespace

int RunThreat(std::span<char* const> args) {
  if (args.size() < 2) {
    PrintUsage(stderr);
    return 2;
  }
  std::string_view name = args[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintUsage(stdout);
    return 0;
  }
  for (const Command& sub : kSubcommands) {
    if (sub.name == name) return sub.run(args.subspan(1));
  }
  fmt::print(stderr, "candor: unknown threat subcommand '{}' (check, report, diagram, diff)\n", name);
  return 2;
}

}  // namespace candor::cli
