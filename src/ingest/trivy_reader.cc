#include "ingest/trivy_reader.h"

#include <fmt/format.h>

#include <utility>
#include <vector>

#include "core/severity.h"
#include "ingest/json_fields.h"
#include "ingest/json_reader.h"

// Trivy's JSON report (`trivy image|fs|repo|config --format json`, schema 2):
//   {"SchemaVersion": 2, "Trivy": {"Version"}, "ArtifactName", "ArtifactType",
//    "Results": [{"Target", "Class", "Type", "Vulnerabilities": [...],
//                 "Misconfigurations": [...], "Secrets": [...], "Licenses": [...]}]}
// Also: `trivy k8s` reports ("ClusterName" with "Resources", or the older
// "Vulnerabilities"/"Misconfigurations" lists of resources, each with
// "Namespace", "Kind", "Name", "Results"), the pre-schema-2 top-level array of
// results, and a top-level `null` (old Trivy with nothing found).
//
// Licence results are not security findings and are skipped (with a warning
// that says how many). Secret matches are never copied: Trivy masks them, but a
// masked line is still the secret's neighbourhood.

namespace candor::ingest {
namespace {

using core::Finding;
using core::Status;

constexpr std::string_view kTool = "trivy";

class TrivyReader {
 public:
  TrivyReader(JsonReader& json, FindingSink& sink) : json_(json), walk_(json), sink_(sink) {}

  Status Read() {
    auto document = OpenDocument(json_);
    if (!document) return Forward(document.error());
    od::document& doc = **document;
    bool peeked = PeekTopLevel(doc, [this](std::string_view key, od::value& value) {
      if (key == "Trivy") {
        std::string_view version;
        od::object trivy;
        if (value.get_object().get(trivy) == simdjson::SUCCESS &&
            trivy.find_field_unordered("Version").get_string().get(version) == simdjson::SUCCESS) {
          tool_version_ = version;
        }
        have_version_ = true;
      } else if (key == "ArtifactType") {
        std::string_view type;
        if (value.get_string().get(type) == simdjson::SUCCESS) artifact_type_ = type;
        have_type_ = true;
      }
      return !(have_version_ && have_type_);
    });
    // The document is broken: parse it afresh so the walk below reports where.
    if (!peeked && !(document = OpenDocument(json_))) return Forward(document.error());

    if (auto status = sink_.BeginRun({std::string(kTool), tool_version_, 0}); !status) return status;
    auto root = walk_.Root(doc);
    if (!root) return Forward(root.error());
    if (*root) {
      auto type = walk_.Type(**root);
      if (!type) return Forward(type.error());
      Status status = *type == od::json_type::array ? ReadResults(**root) : ReadReport(**root);
      if (!status) return status;
    }
    if (auto status = walk_.Finish(doc); !status) return status;
    if (skipped_licences_ > 0) {
      json_.Warn(
          fmt::format("skipped {} licence result(s): licences are not security findings", skipped_licences_));
    }
    return sink_.EndRun();
  }

 private:
  Status ReadReport(od::value& report) {
    return walk_.Fields(report, [this](std::string_view key, od::value& value) -> Status {
      if (key == "Results") return ReadResults(value);
      if (key == "Resources" || key == "Vulnerabilities" || key == "Misconfigurations") {
        // Kubernetes reports: lists of resources, each with its own results.
        return walk_.Elements(value, [this](size_t, od::value& resource) { return ReadResource(resource); });
      }
      if (key == "ArtifactType" || key == "ArtifactName" || key == "ClusterName") {
        auto text = walk_.OptionalString(value);
        if (!text) return Forward(text.error());
        return {};
      }
      return walk_.Skip(value);
    });
  }

  // {"Namespace", "Kind", "Name", "Results": [...]}: the findings are buffered
  // until the resource's name is known, whatever the order of its fields.
  Status ReadResource(od::value& resource) {
    std::string space, kind, name;
    std::vector<Finding> pending;
    Status status = walk_.Fields(resource, [&](std::string_view key, od::value& value) -> Status {
      std::string* text = key == "Namespace" ? &space
                          : key == "Kind"    ? &kind
                          : key == "Name"    ? &name
                                             : nullptr;
      if (text != nullptr) {
        return walk_.StringInto(value, *text);
      }
      if (key == "Results") {
        return walk_.Elements(value, [&](size_t, od::value& result) { return ReadResult(result, pending); });
      }
      return walk_.Skip(value);
    });
    if (!status) return status;
    std::string path;
    for (const std::string* part : {&space, &kind, &name}) {
      if (part->empty()) continue;
      if (!path.empty()) path += '/';
      path += *part;
    }
    for (Finding& finding : pending) {
      finding.path = path;
      if (auto added = Emit(json_, sink_, std::move(finding)); !added) return added;
    }
    return {};
  }

  Status ReadResults(od::value& results) {
    return walk_.Elements(results, [this](size_t, od::value& result) -> Status {
      std::vector<Finding> pending;
      if (auto status = ReadResult(result, pending); !status) return status;
      for (Finding& finding : pending) {
        if (auto added = Emit(json_, sink_, std::move(finding)); !added) return added;
      }
      return {};
    });
  }

  // One entry of "Results". Its findings go to `out` once the result's Target,
  // Class and Type are known (they decide path, category and ecosystem).
  Status ReadResult(od::value& result, std::vector<Finding>& out) {
    std::string target, result_class, type;
    size_t first = out.size();
    Status status = walk_.Fields(result, [&](std::string_view key, od::value& value) -> Status {
      std::string* text = key == "Target"  ? &target
                          : key == "Class" ? &result_class
                          : key == "Type"  ? &type
                                           : nullptr;
      if (text != nullptr) {
        return walk_.StringInto(value, *text);
      }
      if (key == "Vulnerabilities") {
        return walk_.Elements(value, [&](size_t, od::value& item) { return ReadVulnerability(item, out); });
      }
      if (key == "Misconfigurations") {
        return walk_.Elements(value,
                              [&](size_t, od::value& item) { return ReadMisconfiguration(item, out); });
      }
      if (key == "Secrets") {
        return walk_.Elements(value, [&](size_t, od::value& item) { return ReadSecret(item, out); });
      }
      if (key == "Licenses") {
        return walk_.Elements(value, [&](size_t, od::value& item) {
          ++skipped_licences_;
          return walk_.Skip(item);
        });
      }
      return walk_.Skip(value);
    });
    if (!status) return status;
    const bool container = artifact_type_ == "container_image" || result_class == "os-pkgs";
    for (size_t i = first; i < out.size(); ++i) {
      Finding& finding = out[i];
      if (finding.path.empty()) finding.path = NormalisePath(target);
      if (finding.category == core::Category::kSca) {
        if (container) finding.category = core::Category::kContainer;
        finding.dependency.ecosystem = type;
      }
    }
    return {};
  }

  static Finding NewFinding(core::Category category) {
    Finding finding;
    finding.tool = kTool;
    finding.category = category;
    return finding;
  }

  Status ReadVulnerability(od::value& item, std::vector<Finding>& out) {
    Finding finding = NewFinding(core::Category::kSca);
    std::string title, description, pkg_path;
    Status status = walk_.Fields(item, [&](std::string_view key, od::value& value) -> Status {
      if (key == "VulnerabilityID") return walk_.StringInto(value, finding.rule_id);
      if (key == "PkgName") return walk_.StringInto(value, finding.dependency.package);
      if (key == "PkgPath") return walk_.StringInto(value, pkg_path);
      if (key == "InstalledVersion") return walk_.StringInto(value, finding.dependency.installed_version);
      if (key == "FixedVersion") return walk_.StringInto(value, finding.dependency.fixed_version);
      if (key == "Title") return walk_.StringInto(value, title);
      if (key == "Description") return walk_.StringInto(value, description);
      if (key == "Severity") return walk_.StringInto(value, finding.tool_severity);
      if (key == "PrimaryURL") return walk_.StringInto(value, finding.help_uri);
      if (key == "CweIDs") {
        std::vector<std::string> cwes;
        if (auto read = walk_.Strings(value, cwes); !read) return read;
        for (const std::string& cwe : cwes) {
          AddCwes(finding.cwes, cwe);
        }
        return {};
      }
      if (key == "VendorIDs" || key == "References") {
        std::vector<std::string> ids;
        if (auto read = walk_.Strings(value, ids); !read) return read;
        for (const std::string& id : ids) {
          if (key == "VendorIDs" && IsAdvisoryId(id)) AddUnique(finding.advisories, id);
          if (key == "References") {
            if (auto ghsa = GhsaFromUrl(id)) AddUnique(finding.advisories, *ghsa);
          }
        }
        return {};
      }
      return walk_.Skip(value);
    });
    if (!status) return status;
    if (finding.rule_id.empty()) return json_.Invalid("vulnerability without a VulnerabilityID");
    if (IsAdvisoryId(finding.rule_id)) {
      finding.advisories.insert(finding.advisories.begin(), finding.rule_id);
      // The id may also have come from the references: keep it once.
      for (size_t i = 1; i < finding.advisories.size(); ++i) {
        if (finding.advisories[i] == finding.rule_id)
          finding.advisories.erase(finding.advisories.begin() + i--);
      }
    }
    finding.rule_name = title;
    finding.message = !title.empty() ? title : !description.empty() ? description : finding.rule_id;
    finding.severity = ToolSeverity(json_, finding.tool_severity);
    if (!finding.dependency.fixed_version.empty()) {
      finding.rule_help =
          fmt::format("Upgrade {} to {}", finding.dependency.package, finding.dependency.fixed_version);
    }
    finding.path = NormalisePath(pkg_path);
    out.push_back(std::move(finding));
    return {};
  }

  Status ReadMisconfiguration(od::value& item, std::vector<Finding>& out) {
    Finding finding = NewFinding(core::Category::kIac);
    std::string id, avd_id, status_word, title, description;
    Status status = walk_.Fields(item, [&](std::string_view key, od::value& value) -> Status {
      if (key == "ID") return walk_.StringInto(value, id);
      if (key == "AVDID") return walk_.StringInto(value, avd_id);
      if (key == "Status") return walk_.StringInto(value, status_word);
      if (key == "Title") return walk_.StringInto(value, title);
      if (key == "Description") return walk_.StringInto(value, description);
      if (key == "Message") return walk_.StringInto(value, finding.message);
      if (key == "Resolution") return walk_.StringInto(value, finding.rule_help);
      if (key == "Severity") return walk_.StringInto(value, finding.tool_severity);
      if (key == "PrimaryURL") return walk_.StringInto(value, finding.help_uri);
      if (key == "CauseMetadata") return ReadCause(value, finding);
      return walk_.Skip(value);
    });
    if (!status) return status;
    finding.rule_id = !id.empty() ? id : avd_id;
    if (finding.rule_id.empty()) return json_.Invalid("misconfiguration without an ID or AVDID");
    // Only failures are findings; PASS and EXCEPTION are the checks that held.
    // Reports from before Trivy wrote a Status list failures only.
    if (!status_word.empty() && status_word != "FAIL") return {};
    finding.rule_name = title;
    if (finding.message.empty()) finding.message = !title.empty() ? title : description;
    finding.severity = ToolSeverity(json_, finding.tool_severity);
    out.push_back(std::move(finding));
    return {};
  }

  // CauseMetadata: {"StartLine", "EndLine", "Code": {"Lines": [{"Content", "IsCause"}]}}
  Status ReadCause(od::value& cause, Finding& finding) {
    return walk_.Fields(cause, [&](std::string_view key, od::value& value) -> Status {
      if (key == "StartLine" || key == "EndLine") {
        return walk_.PositionInto(value,
                                  key == "StartLine" ? finding.region.start_line : finding.region.end_line);
      }
      if (key != "Code") return walk_.Skip(value);
      return walk_.Fields(value, [&](std::string_view code_key, od::value& lines) -> Status {
        if (code_key != "Lines") return walk_.Skip(lines);
        return walk_.Elements(lines, [&](size_t, od::value& line) -> Status {
          std::string content;
          bool is_cause = false;
          Status read = walk_.Fields(line, [&](std::string_view line_key, od::value& field) -> Status {
            if (line_key == "Content") return walk_.StringInto(field, content);
            if (line_key == "IsCause") {
              auto flag = walk_.Bool(field);
              if (!flag) return Forward(flag.error());
              is_cause = *flag;
              return {};
            }
            return walk_.Skip(field);
          });
          if (!read) return read;
          if (is_cause) {
            if (!finding.snippet.empty()) finding.snippet += '\n';
            finding.snippet += content;
          }
          return {};
        });
      });
    });
  }

  Status ReadSecret(od::value& item, std::vector<Finding>& out) {
    Finding finding = NewFinding(core::Category::kSecrets);
    std::string title;
    Status status = walk_.Fields(item, [&](std::string_view key, od::value& value) -> Status {
      if (key == "RuleID") return walk_.StringInto(value, finding.rule_id);
      if (key == "Title") return walk_.StringInto(value, title);
      if (key == "Severity") return walk_.StringInto(value, finding.tool_severity);
      if (key == "StartLine" || key == "EndLine") {
        return walk_.PositionInto(value,
                                  key == "StartLine" ? finding.region.start_line : finding.region.end_line);
      }
      // "Match" and "Code" hold the (masked) secret and its lines: validated, never kept.
      return walk_.Skip(value);
    });
    if (!status) return status;
    if (finding.rule_id.empty()) return json_.Invalid("secret without a RuleID");
    finding.rule_name = title;
    finding.message = !title.empty() ? title : finding.rule_id;
    finding.severity = ToolSeverity(json_, finding.tool_severity);
    out.push_back(std::move(finding));
    return {};
  }

  JsonReader& json_;
  FieldWalker walk_;
  FindingSink& sink_;
  std::string tool_version_;
  std::string artifact_type_;
  bool have_version_ = false;
  bool have_type_ = false;
  size_t skipped_licences_ = 0;
};

}  // namespace

core::Status ReadTrivy(const InputBuffer& input, ParseContext& context, FindingSink& sink) {
  JsonReader json(input, context);
  return TrivyReader(json, sink).Read();
}

}  // namespace candor::ingest
