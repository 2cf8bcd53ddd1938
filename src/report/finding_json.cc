#include "report/finding_json.h"

namespace candor::report {
namespace {

using Json = nlohmann::ordered_json;

Json Prints(const std::vector<core::Fingerprint>& prints) {
  Json out = Json::object();
  for (const auto& print : prints) {
    if (!out.contains(print.name)) out[print.name] = print.value;
  }
  return out;
}

}  // namespace

nlohmann::ordered_json FindingJsonFields(const core::Finding& f) {
  Json out = {
      {"tool", f.tool},
      {"tool_version", f.tool_version},
      {"rule_id", f.rule_id},
      {"rule_name", f.rule_name},
      {"category", core::ToString(f.category)},
      {"severity", core::ToString(f.severity)},
      {"tool_severity", f.tool_severity},
      {"cwe", f.cwes},
      {"advisories", f.advisories},
      {"path", f.path},
      {"start_line", f.region.start_line},
      {"start_column", f.region.start_column},
      {"end_line", f.region.end_line},
      {"end_column", f.region.end_column},
      {"message", f.message},
      {"help", f.rule_help},
      {"help_uri", f.help_uri},
      {"identity", f.identity},
      {"fingerprints", Prints(f.fingerprints)},
      {"partial_fingerprints", Prints(f.partial_fingerprints)},
  };
  if (!f.dependency.package.empty()) {
    out["dependency"] = {{"package", f.dependency.package},
                         {"installed_version", f.dependency.installed_version},
                         {"fixed_version", f.dependency.fixed_version},
                         {"ecosystem", f.dependency.ecosystem}};
  }
  return out;
}

}  // namespace candor::report
