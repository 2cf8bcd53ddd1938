// candor threat: threat models as code. Subcommands check, report, diagram
// and diff are rows of one table, like the commands themselves.

#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/options.h"
#include "core/clock.h"
#include "decisions/decision_log.h"
#include "decisions/decisions_file.h"
#include "policy/policy.h"
#include "report/threat_report.h"
#include "store/store.h"
#include "threatmodel/builtin_catalogue.h"
#include "threatmodel/diagram.h"
#include "threatmodel/evaluate.h"
#include "threatmodel/import.h"
#include "threatmodel/threat_decisions.h"
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
  candor threat report .candor/threatmodel.yaml --db sqlite:candor.db --as-of 2027-01-31

MODEL is Candor's threatmodel.yaml, a Threagile YAML model, an Open Threat Model (OTM) file or an
OWASP Threat Dragon JSON model; the format is recognised from the content. See docs/threat-modelling.md.
A threat's status comes from risk decisions scoped `threat: RULE@ELEMENT` (--decisions, default
./.candor/decisions.yaml, else decisions.yaml beside the model; with --db also the store's), else from
`status:` in the model.)EX";

// Where threat decisions come from and how they are judged (the same options
// as `candor check`).
struct DecisionOptions {
  std::string decisions_file;
  std::string db_url;
  std::string policy_file;
  std::string org_policy_file;
  std::string as_of;
};

void AddDecisionOptions(CLI::App& app, DecisionOptions& options, bool with_db) {
  app.add_option("--decisions", options.decisions_file,
                 "Risk decisions (default: ./.candor/decisions.yaml, else decisions.yaml beside the model)");
  if (with_db) app.add_option("--db", options.db_url, "Also use the store's unrevoked decisions (read only)");
  app.add_option("--policy", options.policy_file, "The team's policy (risk appetite for decisions)");
  app.add_option("--org-policy", options.org_policy_file, "The organisation's policy");
  app.add_option("--as-of", options.as_of, "Judge decisions' expiry as of this date (ISO 8601; default now)");
}

// The explicit --decisions file, else the first default that exists (none
// is fine: a model may have no decisions yet).
std::string DecisionsFile(const DecisionOptions& options, const std::string& model_path) {
  if (!options.decisions_file.empty()) return options.decisions_file;
  namespace fs = std::filesystem;
  std::error_code ignored;
  for (fs::path candidate :
       {fs::path(".candor/decisions.yaml"), fs::path(model_path).parent_path() / "decisions.yaml"}) {
    if (fs::is_regular_file(candidate, ignored)) return candidate.string();
  }
  return "";
}

// Everything needed to apply decisions to an assessment, loaded once.
struct DecisionContext {
  std::vector<core::Decision> decisions;
  decisions::RiskAppetite appetite;
  core::TimePoint now{};
};

core::Result<DecisionContext> LoadDecisionContext(const DecisionOptions& options,
                                                  const std::string& model_path) {
  DecisionContext context;
  context.now = core::SystemClock().Now();
  if (!options.as_of.empty()) {
    auto parsed = core::ParseIso8601(options.as_of);
    if (!parsed)
      return std::unexpected(
          core::Error{core::ErrorCode::kUsage, fmt::format("--as-of '{}' is not a date", options.as_of)});
    context.now = *parsed;
  }
  auto policy = policy::LoadEffectivePolicy(options.policy_file, options.org_policy_file);
  if (!policy) return std::unexpected(policy.error());
  context.appetite = policy::RiskAppetiteOf(*policy);
  if (std::string file = DecisionsFile(options, model_path); !file.empty()) {
    auto loaded = decisions::LoadDecisions(file);
    if (!loaded) return std::unexpected(loaded.error());
    context.decisions = std::move(*loaded);
  }
  if (!options.db_url.empty()) {
    auto store = store::OpenStore(options.db_url);
    if (!store) return std::unexpected(store.error());
    auto log = (*store)->ListDecisionRecords();
    if (!log) return std::unexpected(log.error());
    // Store decisions come after the file's: on equal creation time the
    // recorded one wins (ApplyDecisions keeps order among equals).
    for (auto& d : decisions::Unrevoked(*log)) context.decisions.push_back(std::move(d));
  }
  return context;
}

// The model and the catalogue, evaluated; errors already reported.
struct Evaluated {
  threatmodel::Model model;
  threatmodel::Assessment assessment;
};

core::Result<Evaluated> LoadAndEvaluate(const std::string& path, const threatmodel::Catalogue& catalogue,
                                        const DecisionContext& context) {
  auto model = threatmodel::LoadModel(path);
  if (!model) return std::unexpected(model.error());
  auto assessment = threatmodel::Evaluate(*model, catalogue);
  if (!assessment) return std::unexpected(assessment.error());
  threatmodel::ApplyDecisions(*assessment, context.decisions, context.appetite, context.now);
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
  DecisionOptions decision_options;
  app.add_option("MODEL", path, "The threat model")->required();
  AddRulesOption(app, rules);
  AddDecisionOptions(app, decision_options, /*with_db=*/true);
  if (auto exit = ParseArgs(app, args)) return *exit;
  auto catalogue = threatmodel::LoadCatalogue(rules);
  if (!catalogue) return ReportError(catalogue.error());
  auto context = LoadDecisionContext(decision_options, path);
  if (!context) return ReportError(context.error());
  auto evaluated = LoadAndEvaluate(path, *catalogue, *context);
  if (!evaluated) return ReportError(evaluated.error());
  const auto& m = evaluated->model;
  // A decision whose threat no longer fires is not an error (the design may
  // have fixed it), but the record is stale and should go.
  for (const auto& stale : evaluated->assessment.stale_decisions) {
    fmt::print(stderr,
               "candor: warning: {}: decision for '{}' names a threat that does not apply to this model\n",
               stale.where, stale.threat_id);
  }
  // An expired or unauthorised decision leaves its threat open; say so calmly.
  for (const auto& t : evaluated->assessment.threats) {
    if (!t.decision_problem.empty()) fmt::print(stderr, "candor: note: {}: {}\n", t.id, t.decision_problem);
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
  app.add_option(
      "--db", db_url,
      "Show open findings of each requirement's CWEs, and use its unrevoked decisions (read only)");
  app.add_option("--repo", repo, "The service's repository in the store, with --db");
  AddRulesOption(app, rules);
  DecisionOptions decision_options;
  AddDecisionOptions(app, decision_options, /*with_db=*/false);  // --db above serves both
  if (auto exit = ParseArgs(app, args)) return *exit;
  decision_options.db_url = db_url;
  if (format != "markdown" && format != "json" && format != "sarif" && format != "html") {
    return ReportError({core::ErrorCode::kUsage,
                        fmt::format("unknown --format '{}' (markdown, json, sarif, html)", format)});
  }
  auto catalogue = threatmodel::LoadCatalogue(rules);
  if (!catalogue) return ReportError(catalogue.error());
  auto context = LoadDecisionContext(decision_options, path);
  if (!context) return ReportError(context.error());
  auto evaluated = LoadAndEvaluate(path, *catalogue, *context);
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
  DecisionOptions decision_options;
  AddDecisionOptions(app, decision_options, /*with_db=*/true);
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
  // The decisions of the changed design judge both versions: that is where
  // the team records what it decided about the change.
  auto context = LoadDecisionContext(decision_options, new_path);
  if (!context) return ReportError(context.error());
  auto before = LoadAndEvaluate(old_path, *catalogue, *context);
  if (!before) return ReportError(before.error());
  auto after = LoadAndEvaluate(new_path, *catalogue, *context);
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
