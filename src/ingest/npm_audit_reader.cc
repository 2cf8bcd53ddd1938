#include "ingest/npm_audit_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/severity.h"
#include "ingest/json_fields.h"
#include "ingest/json_reader.h"

// `npm audit --json` reports.
//   npm 7+ ("auditReportVersion": 2): {"vulnerabilities": {NAME: {"name",
//     "severity", "via": [advisory objects, or names of packages the problem
//     comes through], "range", "fixAvailable": true|false|{"name", "version",
//     "isSemVerMajor"}}}}. One finding per advisory object (deduplicated by its
//     "source" id within the package); string entries of "via" point at other
//     packages' advisories, which are reported under those packages.
//   npm 6: {"advisories": {ID: {"id", "title", "module_name", "severity", "cwe"
//     (string or list), "cves", "url", "github_advisory_id",
//     "patched_versions", "recommendation", "findings": [{"version", "paths"}]}}}.
//     One finding per advisory and distinct installed version.
// "found_by"/"reported_by" name people and are dropped. Both formats locate
// the finding in package-lock.json, the file that pins the dependency.

namespace candor::ingest {
namespace {

using core::Finding;
using core::Status;

constexpr std::string_view kTool = "npm-audit";
constexpr std::string_view kLockFile = "package-lock.json";

// The rule id of an advisory: its GHSA id when known, otherwise npm's number.
std::string RuleId(std::string_view ghsa, std::string_view number) {
  if (!ghsa.empty()) return std::string(ghsa);
  return fmt::format("npm-advisory-{}", number);
}

class NpmAuditReader {
 public:
  NpmAuditReader(JsonReader& json, FindingSink& sink) : json_(json), walk_(json), sink_(sink) {}

  Status Read() {
    auto document = OpenDocument(json_);
    if (!document) return Forward(document.error());
    if (auto status = sink_.BeginRun({std::string(kTool), "", 0}); !status) return status;
    auto root = walk_.RootObject(**document, "an npm audit report object");
    if (!root) return Forward(root.error());
    Status status = walk_.Fields(*root, [this](std::string_view key, od::value& value) -> Status {
      if (key == "vulnerabilities") {
        // npm 7+ writes a map here; npm 6's "metadata.vulnerabilities" is not at the top level.
        return walk_.Fields(
            value, [this](std::string_view name, od::value& item) { return ReadPackage(name, item); });
      }
      if (key == "advisories") {
        return walk_.Fields(value, [this](std::string_view, od::value& item) { return ReadAdvisory(item); });
      }
      if (key == "error") return ReadError(value);
      return walk_.Skip(value);
    });
    if (!status) return status;
    if (auto finished = walk_.Finish(**document); !finished) return finished;
    return sink_.EndRun();
  }

 private:
  Status Text(od::value& value, std::string& out) {
    auto read = walk_.ScalarText(value);
    if (!read) return Forward(read.error());
    out = std::move(*read);
    return {};
  }

  Status Cwes(od::value& value, std::vector<int>& out) {
    std::vector<std::string> cwes;
    if (auto read = walk_.Strings(value, cwes); !read) return read;
    for (const std::string& cwe : cwes) {
      AddCwes(out, cwe);
    }
    return {};
  }

  // npm writes {"error": {"code", "summary"}} when the audit itself failed.
  Status ReadError(od::value& value) {
    std::string code, summary;
    Status status = walk_.Fields(value, [&](std::string_view key, od::value& field) -> Status {
      if (key == "code") return Text(field, code);
      if (key == "summary") return Text(field, summary);
      return walk_.Skip(field);
    });
    if (!status) return status;
    return json_.Invalid(fmt::format("npm audit reported an error instead of results: {} {}", code, summary));
  }

  // ---- npm 7+ ----

  struct Via {
    std::string source, title, url, severity;
    std::vector<int> cwes;
  };

  Status ReadPackage(std::string_view key, od::value& item) {
    std::string name, range, fix_name, fix_version, fix_text;
    bool fix_major = false;
    std::vector<Via> vias;
    Status status = walk_.Fields(item, [&](std::string_view field, od::value& value) -> Status {
      if (field == "name") return Text(value, name);
      if (field == "range") return Text(value, range);
      if (field == "via") {
        return walk_.Elements(value, [&](size_t, od::value& entry) -> Status {
          auto type = walk_.Type(entry);
          if (!type) return Forward(type.error());
          if (*type != od::json_type::object) {
            auto text = walk_.String(entry);  // a package name: reported under that package
            if (!text) return Forward(text.error());
            return {};
          }
          Via via;
          Status read = walk_.Fields(entry, [&](std::string_view via_key, od::value& via_value) -> Status {
            if (via_key == "source") return Text(via_value, via.source);
            if (via_key == "title") return Text(via_value, via.title);
            if (via_key == "url") return Text(via_value, via.url);
            if (via_key == "severity") return Text(via_value, via.severity);
            if (via_key == "cwe") return Cwes(via_value, via.cwes);
            return walk_.Skip(via_value);
          });
          if (!read) return read;
          if (via.source.empty() && via.url.empty()) return json_.Invalid("advisory without a source or url");
          vias.push_back(std::move(via));
          return {};
        });
      }
      if (field == "fixAvailable") {
        auto type = walk_.Type(value);
        if (!type) return Forward(type.error());
        if (*type != od::json_type::object) {
          auto flag = walk_.Bool(value);
          if (!flag) return Forward(flag.error());
          fix_text = *flag ? "Run npm audit fix" : "No fix is available yet";
          return {};
        }
        return walk_.Fields(value, [&](std::string_view fix_key, od::value& fix_value) -> Status {
          if (fix_key == "name") return Text(fix_value, fix_name);
          if (fix_key == "version") return Text(fix_value, fix_version);
          if (fix_key == "isSemVerMajor") {
            auto flag = walk_.Bool(fix_value);
            if (!flag) return Forward(flag.error());
            fix_major = *flag;
            return {};
          }
          return walk_.Skip(fix_value);
        });
      }
      return walk_.Skip(value);
    });
    if (!status) return status;
    if (name.empty()) name = key;
    if (!fix_version.empty()) {
      fix_text = fmt::format("Upgrade {} to {}{}", fix_name.empty() ? name : fix_name, fix_version,
                             fix_major ? " (a major version change)" : "");
    }
    std::vector<std::string> seen;
    for (Via& via : vias) {
      std::string id = !via.source.empty() ? via.source : via.url;
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
      seen.push_back(id);
      Finding finding = NewFinding();
      std::string ghsa = GhsaFromUrl(via.url).value_or("");
      finding.rule_id = RuleId(ghsa, via.source);
      finding.rule_name = via.title;
      finding.message = !via.title.empty() ? via.title : finding.rule_id;
      finding.help_uri = via.url;
      finding.tool_severity = via.severity;
      finding.severity = ToolSeverity(json_, via.severity);
      finding.cwes = std::move(via.cwes);
      if (!ghsa.empty()) finding.advisories.push_back(ghsa);
      finding.dependency.package = name;
      // npm 7 does not say which version is installed, only the vulnerable range.
      finding.dependency.installed_version = range;
      // The fix may be an upgrade of another package (the one that pulls this in).
      if (fix_name == name) finding.dependency.fixed_version = fix_version;
      finding.rule_help = fix_text;
      if (auto added = Emit(json_, sink_, std::move(finding)); !added) return added;
    }
    return {};
  }

  // ---- npm 6 ----

  Status ReadAdvisory(od::value& item) {
    std::string id, title, module, severity, url, ghsa, patched, recommendation;
    std::vector<int> cwes;
    std::vector<std::string> cves, versions;
    Status status = walk_.Fields(item, [&](std::string_view key, od::value& value) -> Status {
      if (key == "id") return Text(value, id);
      if (key == "title") return Text(value, title);
      if (key == "module_name") return Text(value, module);
      if (key == "severity") return Text(value, severity);
      if (key == "url") return Text(value, url);
      if (key == "github_advisory_id") return Text(value, ghsa);
      if (key == "patched_versions") return Text(value, patched);
      if (key == "recommendation") return Text(value, recommendation);
      if (key == "cwe") return Cwes(value, cwes);
      if (key == "cves") return walk_.Strings(value, cves);
      if (key == "findings") {
        return walk_.Elements(value, [&](size_t, od::value& found) {
          return walk_.Fields(found, [&](std::string_view found_key, od::value& found_value) -> Status {
            if (found_key != "version") return walk_.Skip(found_value);
            std::string version;
            if (auto read = Text(found_value, version); !read) return read;
            if (std::find(versions.begin(), versions.end(), version) == versions.end()) {
              versions.push_back(std::move(version));
            }
            return {};
          });
        });
      }
      return walk_.Skip(value);
    });
    if (!status) return status;
    if (id.empty() && url.empty()) return json_.Invalid("advisory without an id or url");
    if (module.empty()) return json_.Invalid("advisory without a module_name");
    if (ghsa.empty()) ghsa = GhsaFromUrl(url).value_or("");
    // An advisory with no findings still names a vulnerable module: report it once.
    if (versions.empty()) versions.emplace_back();
    for (const std::string& version : versions) {
      Finding finding = NewFinding();
      finding.rule_id = RuleId(ghsa, id);
      finding.rule_name = title;
      finding.message = !title.empty() ? title : finding.rule_id;
      finding.rule_help = recommendation;
      finding.help_uri = url;
      finding.tool_severity = severity;
      finding.severity = ToolSeverity(json_, severity);
      finding.cwes = cwes;
      for (const std::string& cve : cves) AddUnique(finding.advisories, cve);
      AddUnique(finding.advisories, ghsa);
      finding.dependency.package = module;
      finding.dependency.installed_version = version;
      // "<0.0.0" is npm's way of saying no version is patched.
      if (patched != "<0.0.0") finding.dependency.fixed_version = patched;
      if (auto added = Emit(json_, sink_, std::move(finding)); !added) return added;
    }
    return {};
  }

  static Finding NewFinding() {
    Finding finding;
    finding.tool = kTool;
    finding.category = core::Category::kSca;
    finding.path = kLockFile;
    finding.dependency.ecosystem = "npm";
    return finding;
  }

  JsonReader& json_;
  FieldWalker walk_;
  FindingSink& sink_;
};

}  // namespace

core::Status ReadNpmAudit(const InputBuffer& input, ParseContext& context, FindingSink& sink) {
  JsonReader json(input, context);
  return NpmAuditReader(json, sink).Read();
}

}  // namespace candor::ingest
