// Reading one SARIF result into a normalised Finding.

#include <fmt/format.h>

#include <climits>

#include "core/severity.h"
#include "core/text.h"
#include "ingest/category_rules.h"
#include "ingest/sarif_extract.h"
#include "ingest/sarif_message.h"
#include "ingest/sarif_run.h"

namespace candor::ingest::sarif {
namespace {

using core::Status;

// The raw pieces of a result, gathered in whatever order its fields come.
struct RawResult {
  std::string_view rule_id;
  std::optional<int64_t> rule_index;
  std::string_view rule_ref_id;            // result.rule.id
  std::optional<int64_t> rule_ref_index;   // result.rule.index
  std::optional<int64_t> component_index;  // result.rule.toolComponent.index
  std::string_view kind;
  std::string_view level;
  std::string_view message_text;
  std::string_view message_markdown;
  std::string_view message_id;
  bool has_arguments = false;
  std::string_view uri;
  std::string_view base_id;
  std::optional<int64_t> artifact_index;
  uint32_t tag_bits = 0;
};

#define CANDOR_READ(var, expr) \
  auto var = (expr);           \
  if (!var) return std::unexpected(std::move(var).error())

Status ReadString(JsonReader& json, od::value& value, std::string_view& out) {
  CANDOR_READ(text, json.StringOrNull(value));
  out = text->value_or("");
  return {};
}

Status ReadInt(JsonReader& json, od::value& value, std::optional<int64_t>& out) {
  CANDOR_READ(number, json.IntOrNull(value));
  out = *number;
  return {};
}

// Region ints: 1-based; 0 or negative are "not given" (with a warning once per run).
Status ReadRegionInt(JsonReader& json, od::value& value, RunContext& run, int& out, bool is_start_line) {
  std::optional<int64_t> number;
  if (auto status = ReadInt(json, value, number); !status) return status;
  if (!number) return {};
  if (*number <= 0) {
    if (is_start_line && *number == 0) {
      run.WarnOnce(json, kWarnStartLineZero, "startLine 0 (lines are 1-based); treated as not given");
    } else {
      run.WarnOnce(json, kWarnBadRegion, "region value below 1; treated as not given");
    }
    return {};
  }
  out = *number > INT_MAX ? INT_MAX : static_cast<int>(*number);
  return {};
}

Status ReadSnippet(JsonReader& json, od::value& value, std::string_view& out) {
  return json.ForEachField(value, [&](std::string_view key, od::value& field) -> Status {
    if (!KeyIs(key, "text")) return {};
    return ReadString(json, field, out);
  });
}

Status ReadRegion(JsonReader& json, od::value& value, RunContext& run, core::Region& region,
                  std::string_view& snippet) {
  return json.ForEachField(value, [&](std::string_view key, od::value& field) -> Status {
    if (KeyIs(key, "startLine")) return ReadRegionInt(json, field, run, region.start_line, true);
    if (KeyIs(key, "startColumn")) return ReadRegionInt(json, field, run, region.start_column, false);
    if (KeyIs(key, "endLine")) return ReadRegionInt(json, field, run, region.end_line, false);
    if (KeyIs(key, "endColumn")) return ReadRegionInt(json, field, run, region.end_column, false);
    if (KeyIs(key, "snippet")) return ReadSnippet(json, field, snippet);
    return {};
  });
}

Status ReadArtifactLocation(JsonReader& json, od::value& value, RawResult& raw) {
  return json.ForEachField(value, [&](std::string_view key, od::value& field) -> Status {
    if (KeyIs(key, "uri")) return ReadString(json, field, raw.uri);
    if (KeyIs(key, "uriBaseId")) return ReadString(json, field, raw.base_id);
    if (KeyIs(key, "index")) return ReadInt(json, field, raw.artifact_index);
    return {};
  });
}

Status ReadLocation(JsonReader& json, od::value& value, RunContext& run, RawResult& raw,
                    core::Finding& finding) {
  std::string_view snippet, context_snippet;
  auto status = json.ForEachField(value, [&](std::string_view key, od::value& field) -> Status {
    if (!KeyIs(key, "physicalLocation")) return {};
    return json.ForEachField(field, [&](std::string_view pkey, od::value& pfield) -> Status {
      if (KeyIs(pkey, "artifactLocation")) return ReadArtifactLocation(json, pfield, raw);
      if (KeyIs(pkey, "region")) return ReadRegion(json, pfield, run, finding.region, snippet);
      if (KeyIs(pkey, "contextRegion")) {
        core::Region unused;
        return ReadRegion(json, pfield, run, unused, context_snippet);
      }
      return {};
    });
  });
  if (!status) return status;
  finding.snippet.assign(!snippet.empty() ? snippet : context_snippet);
  return {};
}

Status ReadMessage(JsonReader& json, od::value& value, RunContext& run, RawResult& raw) {
  return json.ForEachField(value, [&](std::string_view key, od::value& field) -> Status {
    if (KeyIs(key, "text")) return ReadString(json, field, raw.message_text);
    if (KeyIs(key, "markdown")) return ReadString(json, field, raw.message_markdown);
    if (KeyIs(key, "id")) return ReadString(json, field, raw.message_id);
    if (KeyIs(key, "arguments")) {
      raw.has_arguments = true;
      return json.ForEachElement(field, [&](size_t, od::value& element) -> Status {
        CANDOR_READ(text, json.ScalarTextOrNull(element));
        run.arguments.push_back(text->value_or(""));
        return {};
      });
    }
    return {};
  });
}

Status ReadRuleReference(JsonReader& json, od::value& value, RawResult& raw) {
  return json.ForEachField(value, [&](std::string_view key, od::value& field) -> Status {
    if (KeyIs(key, "id")) return ReadString(json, field, raw.rule_ref_id);
    if (KeyIs(key, "index")) return ReadInt(json, field, raw.rule_ref_index);
    if (KeyIs(key, "toolComponent")) {
      return json.ForEachField(field, [&](std::string_view k, od::value& v) -> Status {
        if (KeyIs(k, "index")) return ReadInt(json, v, raw.component_index);
        return {};
      });
    }
    return {};
  });
}

Status ReadFingerprints(JsonReader& json, od::value& value, std::vector<core::Fingerprint>& out) {
  return json.ForEachField(value, [&](std::string_view key, od::value& field) -> Status {
    CANDOR_READ(text, json.ScalarTextOrNull(field));
    if (*text) out.push_back(core::Fingerprint{std::string(key), std::string(**text)});
    return {};
  });
}

Status ReadSuppressions(JsonReader& json, od::value& value, RunContext& run,
                        std::vector<core::Suppression>& out) {
  return json.ForEachElement(value, [&](size_t, od::value& element) -> Status {
    core::Suppression suppression;
    std::string_view kind, status, justification;
    auto read = json.ForEachField(element, [&](std::string_view key, od::value& field) -> Status {
      if (KeyIs(key, "kind")) return ReadString(json, field, kind);
      if (KeyIs(key, "status")) return ReadString(json, field, status);
      if (KeyIs(key, "justification")) return ReadString(json, field, justification);
      return {};
    });
    if (!read) return read;
    if (kind == "inSource") {
      suppression.kind = core::SuppressionKind::kInSource;
    } else if (kind != "external") {
      run.WarnOnce(json, kWarnUnknownSuppressionKind,
                   "suppression kind is not \"inSource\" or \"external\"; treated as external");
    }
    suppression.status = status.empty() ? "accepted" : std::string(status);
    suppression.justification = justification;
    out.push_back(std::move(suppression));
    return {};
  });
}

// result.taxa[]: {id, toolComponent {name, index}}; CWE entries become CWE numbers.
Status ReadTaxa(JsonReader& json, od::value& value, const RunContext& run, std::vector<int>& cwes) {
  return json.ForEachElement(value, [&](size_t, od::value& element) -> Status {
    std::string_view id, component;
    std::optional<int64_t> component_index;
    auto read = json.ForEachField(element, [&](std::string_view key, od::value& field) -> Status {
      if (KeyIs(key, "id")) return ReadString(json, field, id);
      if (KeyIs(key, "toolComponent")) {
        return json.ForEachField(field, [&](std::string_view k, od::value& v) -> Status {
          if (KeyIs(k, "name")) return ReadString(json, v, component);
          if (KeyIs(k, "index")) return ReadInt(json, v, component_index);
          return {};
        });
      }
      return {};
    });
    if (!read) return read;
    if (component.empty() && component_index && *component_index >= 0 &&
        static_cast<uint64_t>(*component_index) < run.taxonomy_names.size()) {
      component = run.taxonomy_names[static_cast<size_t>(*component_index)];
    }
    if (core::EqualsIgnoreCase(component, "CWE")) {
      if (int cwe = ParseCweId(id); cwe > 0) cwes.push_back(cwe);
    }
    return {};
  });
}

Status ReadResultProperties(JsonReader& json, od::value& value, RawResult& raw, core::Finding& finding) {
  return json.ForEachField(value, [&](std::string_view key, od::value& field) -> Status {
    if (!KeyIs(key, "tags")) return {};
    return json.ForEachElement(field, [&](size_t, od::value& element) -> Status {
      CANDOR_READ(tag, json.ScalarTextOrNull(element));
      if (!*tag) return {};
      AppendCwes(**tag, finding.cwes);
      AppendAdvisories(**tag, finding.advisories);
      raw.tag_bits |= TagBitsFor(**tag);
      return {};
    });
  });
}

Status CountElements(JsonReader& json, od::value& value, int& count) {
  return json.ForEachElement(value, [&](size_t, od::value&) -> Status {
    ++count;
    return {};
  });
}

// Finds the result's rule: rule.index / ruleIndex in the named component,
// then ruleId / rule.id (with the hierarchical fallback).
const Rule* ResolveRule(JsonReader& json, RunContext& run, const RawResult& raw,
                        const ToolComponent*& component) {
  component = run.rules.Component(raw.component_index.value_or(-1));
  if (component == nullptr) {
    run.WarnOnce(json, kWarnComponentIndexRange,
                 "rule.toolComponent.index is out of range of tool.extensions; using the driver");
    component = &run.rules.driver();
  }
  std::optional<int64_t> index = raw.rule_ref_index ? raw.rule_ref_index : raw.rule_index;
  if (index && *index == -1) {
    run.WarnOnce(json, kWarnSentinelIndex, "index -1 (the \"not given\" sentinel) written out; ignored");
  } else if (index) {
    if (*index >= 0 && static_cast<uint64_t>(*index) < component->rules.size()) {
      return &component->rules[static_cast<size_t>(*index)];
    }
    run.WarnOnce(json, kWarnRuleIndexRange, "ruleIndex is out of range of the rules; using ruleId");
  }
  std::string_view id = !raw.rule_id.empty() ? raw.rule_id : raw.rule_ref_id;
  if (id.empty()) return nullptr;
  return run.rules.FindById(id);
}

void ResolveSeverity(JsonReader& json, RunContext& run, const RawResult& raw, const Rule* rule,
                     core::Finding& finding) {
  if (!raw.kind.empty() && raw.kind != "fail") {
    if (raw.kind != "pass" && raw.kind != "notApplicable" && raw.kind != "informational" &&
        raw.kind != "review" && raw.kind != "open") {
      run.WarnOnce(json, kWarnUnknownKind, "unknown result kind; treated as not a failure (info)");
    }
    finding.severity = core::Severity::kInfo;
    finding.tool_severity = fmt::format("kind {}", raw.kind);
    return;
  }
  if (rule != nullptr && rule->security_severity) {
    finding.severity = core::SeverityFromCvssScore(*rule->security_severity);
    finding.tool_severity = rule->security_severity_label;
    return;
  }
  std::string_view level = !raw.level.empty()                                  ? raw.level
                           : (rule != nullptr && !rule->default_level.empty()) ? rule->default_level
                                                                               : "warning";
  auto severity = core::SeverityFromSarifLevel(level);
  if (!severity) {
    run.WarnOnce(json, kWarnUnknownLevel, "unknown level; treated as \"warning\"");
    severity = core::Severity::kMedium;
  }
  finding.severity = *severity;
  finding.tool_severity =
      (rule != nullptr && !rule->problem_severity.empty()) ? rule->problem_severity : level;
}

void BuildMessage(const RunContext& run, const RawResult& raw, const Rule* rule,
                  const ToolComponent& component, core::Finding& finding) {
  std::string_view pattern = raw.message_text;
  if (pattern.empty() && !raw.message_id.empty())
    pattern = FindMessageString(rule, component, raw.message_id);
  if (pattern.empty()) pattern = raw.message_markdown;
  if (raw.has_arguments && !run.arguments.empty()) {
    FormatMessage(pattern, run.arguments, finding.message);
  } else {
    finding.message.assign(pattern);
  }
  if (finding.message.find('[') != std::string::npos) finding.message = RenderEmbeddedLinks(finding.message);
}

// run.uris.Resolve, kept for the next result: a scan's results come
// grouped by file, so most resolve the location the one before did.
// Decoding and normalizing each path again was a twentieth of reading one.
void ResolveArtifact(RunContext& run, std::string_view uri, std::string_view base_id, std::string& path,
                     uint32_t& issues) {
  RunContext::ResolvedUri& last = run.last_resolved;
  if (uri != last.uri || base_id != last.base_id) {
    last.uri.assign(uri);
    last.base_id.assign(base_id);
    last.issues = 0;
    run.uris.Resolve(uri, base_id, last.path, last.issues);
  }
  path.assign(last.path);
  issues |= last.issues;
}

}  // namespace

Status ReadResult(JsonReader& json, od::value& value, RunContext& run, core::Finding& finding) {
  RawResult raw;
  run.arguments.clear();
  auto status = json.ForEachField(value, [&](std::string_view key, od::value& field) -> Status {
    switch (key.empty() ? '\0' : key[0]) {
      case 'r':
        if (KeyIs(key, "ruleId")) return ReadString(json, field, raw.rule_id);
        if (KeyIs(key, "ruleIndex")) return ReadInt(json, field, raw.rule_index);
        if (KeyIs(key, "rule")) return ReadRuleReference(json, field, raw);
        if (KeyIs(key, "relatedLocations")) return CountElements(json, field, finding.related_location_count);
        break;
      case 'k':
        if (KeyIs(key, "kind")) return ReadString(json, field, raw.kind);
        break;
      case 'b':
        if (KeyIs(key, "baselineState") && run.result_layout != nullptr) {
          std::string_view token = core::Trim(field.raw_json_token());
          size_t begin = static_cast<size_t>(token.data() - json.input().bytes().data());
          run.result_layout->baseline_state = TextSpan{begin, begin + token.size()};
        }
        break;
      case 'l':
        if (KeyIs(key, "level")) return ReadString(json, field, raw.level);
        if (KeyIs(key, "locations")) {
          return json.ForEachElement(field, [&](size_t index, od::value& element) -> Status {
            return index == 0 ? ReadLocation(json, element, run, raw, finding) : Status();
          });
        }
        break;
      case 'm':
        if (KeyIs(key, "message")) return ReadMessage(json, field, run, raw);
        break;
      case 'c':
        if (KeyIs(key, "codeFlows")) return CountElements(json, field, finding.code_flow_count);
        break;
      case 'f':
        if (KeyIs(key, "fingerprints")) return ReadFingerprints(json, field, finding.fingerprints);
        break;
      case 'p':
        if (KeyIs(key, "partialFingerprints"))
          return ReadFingerprints(json, field, finding.partial_fingerprints);
        if (KeyIs(key, "properties")) return ReadResultProperties(json, field, raw, finding);
        break;
      case 's':
        if (KeyIs(key, "suppressions")) return ReadSuppressions(json, field, run, finding.suppressions);
        break;
      case 't':
        if (KeyIs(key, "taxa")) return ReadTaxa(json, field, run, finding.cwes);
        break;
      default: break;
    }
    return {};
  });
  if (!status) return status;

  const ToolComponent* component = nullptr;
  const Rule* rule = ResolveRule(json, run, raw, component);
  std::string_view rule_id = !raw.rule_id.empty() ? raw.rule_id : raw.rule_ref_id;
  if (rule_id.empty() && rule != nullptr) rule_id = rule->id;

  finding.tool = run.info.tool;
  finding.tool_version = run.info.tool_version;
  finding.rule_id.assign(rule_id);
  if (rule != nullptr) {
    finding.rule_name.assign(rule->name);
    finding.rule_help.assign(rule->help);
    finding.help_uri.assign(rule->help_uri);
    finding.cwes.insert(finding.cwes.end(), rule->cwes.begin(), rule->cwes.end());
    finding.advisories.insert(finding.advisories.end(), rule->advisories.begin(), rule->advisories.end());
  }
  if (rule == nullptr || rule->id != rule_id) AppendAdvisories(rule_id, finding.advisories);
  SortUnique(finding.cwes);
  SortUnique(finding.advisories);

  BuildMessage(run, raw, rule, *component, finding);
  ResolveSeverity(json, run, raw, rule, finding);

  // Location.
  std::string_view uri = raw.uri, base_id = raw.base_id;
  if (uri.empty() && raw.artifact_index) {
    int64_t index = *raw.artifact_index;
    if (index >= 0 && static_cast<uint64_t>(index) < run.artifacts.size()) {
      uri = run.artifacts[static_cast<size_t>(index)].uri;
      base_id = run.artifacts[static_cast<size_t>(index)].base_id;
    } else if (index == -1) {
      run.WarnOnce(json, kWarnSentinelIndex, "index -1 (the \"not given\" sentinel) written out; ignored");
    } else {
      run.WarnOnce(json, kWarnArtifactIndexRange, "artifactLocation.index is out of range of run.artifacts");
    }
  }
  if (!uri.empty()) {
    uint32_t issues = 0;
    ResolveArtifact(run, uri, base_id, finding.path, issues);
    if (issues != 0) {
      // SRCROOT is the conventional name of the source root, which is how
      // an undefined base is read anyway: nothing to warn about.
      const bool conventional_root =
          core::EqualsIgnoreCase(base_id, "SRCROOT") || core::EqualsIgnoreCase(base_id, "%SRCROOT%");
      if ((issues & kPathUnknownBase) != 0 && !conventional_root) {
        run.WarnOnce(json, kWarnPathBase << 0,
                     fmt::format("uriBaseId \"{}\" is not in run.originalUriBaseIds; paths taken as "
                                 "relative to the repository root",
                                 base_id));
      }
      if ((issues & kPathAbsoluteNoBase) != 0) {
        run.WarnOnce(json, kWarnPathBase << 1,
                     "absolute artifact paths match no originalUriBaseIds or versionControlProvenance "
                     "root; kept without the leading '/'");
      }
      if ((issues & kPathEscapesRoot) != 0) {
        run.WarnOnce(json, kWarnPathBase << 2,
                     "artifact path leads outside the repository root; kept as given");
      }
      if ((issues & kPathBaseCycle) != 0) {
        run.WarnOnce(json, kWarnPathBase << 3, "originalUriBaseIds refer to each other in a loop");
      }
    }
  }
  if (finding.region.start_line > 0 && finding.region.end_line == 0) {
    finding.region.end_line = finding.region.start_line;
  }

  // Dependency: the result's own "Package:/Installed Version:" lines (Trivy),
  // else the rule's help (Grype writes one rule per package and version).
  if (!finding.advisories.empty()) {
    if (!ParseDependencyLines(finding.message, finding.dependency) && rule != nullptr && rule->dependency) {
      finding.dependency = *rule->dependency;
    }
  }

  CategoryHints hints;
  hints.tool = run.tool_kind;
  hints.tags = raw.tag_bits | (rule != nullptr ? rule->tag_bits : 0);
  hints.has_advisory = !finding.advisories.empty();
  hints.has_cwe = !finding.cwes.empty();
  hints.image_context = run.image_context || (rule != nullptr && rule->os_package);
  finding.category = CategoryFor(hints);
  return {};
}

}  // namespace candor::ingest::sarif
