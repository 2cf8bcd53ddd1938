#pragma once
// A SARIF run's tool components (the driver and its extensions) and their
// rules (reportingDescriptor), read once per run before its results so each
// result can look its rule up by index or id. Views point into the parser's
// string buffer and live as long as the document being read.
// Not thread-safe; one per run.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "ingest/json_reader.h"

namespace candor::ingest::sarif {

struct MessageString {
  std::string_view id;
  std::string_view text;
};

struct Rule {
  std::string_view id;
  std::string_view name;  // rule.name, else shortDescription.text
  std::string_view help;  // help.text, else fullDescription.text; trimmed, capped
  std::string_view help_uri;
  std::string_view default_level;  // defaultConfiguration.level
  std::optional<double> security_severity;
  std::string security_severity_label;         // "security-severity 7.5", the score as written
  std::string_view problem_severity;           // CodeQL's properties["problem.severity"]
  std::vector<int> cwes;                       // from tags, properties.cwe, relationships to CWE
  std::vector<std::string> advisories;         // CVE/GHSA ids in id, name, tags
  uint32_t tag_bits = 0;                       // category TagBits of the tags
  bool os_package = false;                     // Trivy/Grype OS-package rule (an image scan)
  std::optional<core::Dependency> dependency;  // from help text "Package: ..." lines
  std::vector<MessageString> message_strings;
};

struct ToolComponent {
  std::string_view name;
  std::string_view version;  // version, else semanticVersion
  std::vector<Rule> rules;
  std::vector<MessageString> global_message_strings;
};

// The driver (component 0) and extensions (1..n) of one run.
class RuleTable {
 public:
  RuleTable() = default;
  // A copy looks its rules up in its own components (a run read on two threads).
  RuleTable(const RuleTable& other) : components_(other.components_) { IndexById(); }
  RuleTable& operator=(const RuleTable&) = delete;
  RuleTable(RuleTable&&) = default;  // the components' rules stay where they are
  RuleTable& operator=(RuleTable&&) = default;

  // Reads run.tool: driver (required) and extensions[].
  core::Status ReadTool(JsonReader& json, od::value& tool);

  const ToolComponent& driver() const { return components_.front(); }
  // Component by toolComponent index as results use it: -1 or absent is the
  // driver, 0.. are extensions. nullptr when out of range.
  const ToolComponent* Component(int64_t extension_index) const;
  // Rule by id across all components, trying the base rule of a
  // hierarchical id ("a/b" -> "a"). nullptr when unknown.
  const Rule* FindById(std::string_view id) const;
  size_t rule_count() const { return by_id_.size(); }

 private:
  core::Status ReadComponent(JsonReader& json, od::value& value, ToolComponent& component);
  void IndexById();
  std::vector<ToolComponent> components_ = std::vector<ToolComponent>(1);
  std::unordered_map<std::string_view, const Rule*> by_id_;
};

// A message string by id: the rule's messageStrings, then the component's
// globalMessageStrings. Empty when not found.
std::string_view FindMessageString(const Rule* rule, const ToolComponent& component, std::string_view id);

// Caps help text at about 4 KB on a UTF-8 boundary.
std::string_view CapHelp(std::string_view text);

}  // namespace candor::ingest::sarif
