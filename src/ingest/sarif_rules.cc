#include "ingest/sarif_rules.h"

#include <fmt/format.h>

#include <charconv>

#include "core/text.h"
#include "ingest/category_rules.h"
#include "ingest/sarif_extract.h"

namespace candor::ingest::sarif {
namespace {

constexpr size_t kMaxHelpBytes = 4096;

// Reads a multiformatMessageString's text (and markdown) into the views.
core::Status ReadMultiformat(JsonReader& json, od::value& value, std::string_view* text,
                             std::string_view* markdown = nullptr) {
  return json.ForEachField(value, [&](std::string_view key, od::value& field) -> core::Status {
    std::string_view* target = key == "text" ? text : key == "markdown" ? markdown : nullptr;
    if (target == nullptr) return {};
    auto read = json.StringOrNull(field);
    if (!read) return std::unexpected(read.error());
    *target = read->value_or("");
    return {};
  });
}

core::Status ReadMessageStrings(JsonReader& json, od::value& value, std::vector<MessageString>& out) {
  return json.ForEachField(value, [&](std::string_view key, od::value& field) -> core::Status {
    MessageString message{key, {}};
    std::string_view markdown;
    if (auto status = ReadMultiformat(json, field, &message.text, &markdown); !status) return status;
    if (message.text.empty()) message.text = markdown;
    out.push_back(message);
    return {};
  });
}

// "CWE-79", or a bare "79" where the field is known to hold CWEs.
void AddCweText(std::string_view text, std::vector<int>& out) {
  if (AppendCwes(text, out)) return;
  if (int cwe = ParseCweId(text); cwe > 0) out.push_back(cwe);
}

core::Status ReadRuleProperties(JsonReader& json, od::value& value, Rule& rule) {
  return json.ForEachField(value, [&](std::string_view key, od::value& field) -> core::Status {
    if (key == "security-severity") {
      auto text = json.ScalarTextOrNull(field);
      if (!text) return std::unexpected(text.error());
      if (!*text) return {};
      std::string_view score = core::Trim(**text);
      double number = 0;
      auto [end, error] = std::from_chars(score.data(), score.data() + score.size(), number);
      if (error != std::errc() || end != score.data() + score.size() || number < 0 || number > 10) {
        json.Warn("security-severity is not a score from 0 to 10; ignored");
        return {};
      }
      rule.security_severity = number;
      rule.security_severity_label = fmt::format("security-severity {}", score);
    } else if (key == "problem.severity") {
      auto text = json.ScalarTextOrNull(field);
      if (!text) return std::unexpected(text.error());
      rule.problem_severity = text->value_or("");
    } else if (key == "tags") {
      return json.ForEachElement(field, [&](size_t, od::value& element) -> core::Status {
        auto tag = json.ScalarTextOrNull(element);
        if (!tag) return std::unexpected(tag.error());
        if (!*tag) return {};
        AppendCwes(**tag, rule.cwes);
        AppendAdvisories(**tag, rule.advisories);
        rule.tag_bits |= TagBitsFor(**tag);
        return {};
      });
    } else if (key == "cwe" || key == "cwes" || key == "CWE") {
      od::json_type type;
      if (auto e = field.type().get(type)) return json.Fail(e);
      if (type == od::json_type::array) {
        return json.ForEachElement(field, [&](size_t, od::value& element) -> core::Status {
          auto text = json.ScalarTextOrNull(element);
          if (!text) return std::unexpected(text.error());
          if (*text) AddCweText(**text, rule.cwes);
          return {};
        });
      }
      auto text = json.ScalarTextOrNull(field);
      if (!text) return std::unexpected(text.error());
      if (*text) AddCweText(**text, rule.cwes);
    }
    return {};
  });
}

// rule.relationships[].target {id, toolComponent {name}}: a CWE when the component is named CWE.
core::Status ReadRelationships(JsonReader& json, od::value& value, Rule& rule) {
  return json.ForEachElement(value, [&](size_t, od::value& relationship) -> core::Status {
    return json.ForEachField(relationship, [&](std::string_view key, od::value& field) -> core::Status {
      if (key != "target") return {};
      std::string_view id, component;
      auto status = json.ForEachField(field, [&](std::string_view target_key, od::value& target_field) {
        if (target_key == "id") {
          auto text = json.StringOrNull(target_field);
          if (!text) return core::Status(std::unexpected(text.error()));
          id = text->value_or("");
        } else if (target_key == "toolComponent") {
          return json.ForEachField(target_field, [&](std::string_view k, od::value& v) -> core::Status {
            if (k != "name") return {};
            auto text = json.StringOrNull(v);
            if (!text) return std::unexpected(text.error());
            component = text->value_or("");
            return {};
          });
        }
        return core::Status();
      });
      if (!status) return status;
      if (core::EqualsIgnoreCase(component, "CWE")) {
        if (int cwe = ParseCweId(id); cwe > 0) rule.cwes.push_back(cwe);
      }
      return {};
    });
  });
}

core::Status ReadRule(JsonReader& json, od::value& value, Rule& rule) {
  std::string_view short_description, full_description, help_text, help_markdown;
  auto status = json.ForEachField(value, [&](std::string_view key, od::value& field) -> core::Status {
    if (key == "id" || key == "name" || key == "helpUri") {
      auto text = json.StringOrNull(field);
      if (!text) return std::unexpected(text.error());
      (key == "id" ? rule.id : key == "name" ? rule.name : rule.help_uri) = text->value_or("");
    } else if (key == "shortDescription") {
      return ReadMultiformat(json, field, &short_description);
    } else if (key == "fullDescription") {
      return ReadMultiformat(json, field, &full_description);
    } else if (key == "help") {
      return ReadMultiformat(json, field, &help_text, &help_markdown);
    } else if (key == "defaultConfiguration") {
      return json.ForEachField(field, [&](std::string_view k, od::value& v) -> core::Status {
        if (k != "level") return {};
        auto text = json.StringOrNull(v);
        if (!text) return std::unexpected(text.error());
        rule.default_level = text->value_or("");
        return {};
      });
    } else if (key == "messageStrings") {
      return ReadMessageStrings(json, field, rule.message_strings);
    } else if (key == "properties") {
      return ReadRuleProperties(json, field, rule);
    } else if (key == "relationships") {
      return ReadRelationships(json, field, rule);
    }
    return {};
  });
  if (!status) return status;
  AppendAdvisories(rule.id, rule.advisories);
  AppendAdvisories(rule.name, rule.advisories);
  if (rule.name.empty()) rule.name = short_description;
  std::string_view help = !help_text.empty()          ? help_text
                          : !full_description.empty() ? full_description
                                                      : help_markdown;
  rule.help = CapHelp(core::Trim(help));
  rule.os_package = rule.name == "OsPackageVulnerability" || rule.name.starts_with("Apk") ||
                    rule.name.starts_with("Dpkg") || rule.name.starts_with("Rpm");
  if (!rule.advisories.empty()) {
    core::Dependency dependency;
    if (ParseDependencyLines(help_text, dependency)) rule.dependency = std::move(dependency);
  }
  SortUnique(rule.cwes);
  SortUnique(rule.advisories);
  return {};
}

}  // namespace

std::string_view CapHelp(std::string_view text) {
  if (text.size() <= kMaxHelpBytes) return text;
  size_t end = kMaxHelpBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0u) == 0x80u) --end;
  return text.substr(0, end);
}

core::Status RuleTable::ReadComponent(JsonReader& json, od::value& value, ToolComponent& component) {
  std::string_view semantic_version;
  auto status = json.ForEachField(value, [&](std::string_view key, od::value& field) -> core::Status {
    if (key == "name" || key == "version" || key == "semanticVersion") {
      auto text = json.StringOrNull(field);
      if (!text) return std::unexpected(text.error());
      if (!*text && key == "name") json.Warn("tool name is null");
      (key == "name"      ? component.name
       : key == "version" ? component.version
                          : semantic_version) = text->value_or("");
    } else if (key == "rules") {
      return json.ForEachElement(field, [&](size_t, od::value& element) -> core::Status {
        component.rules.emplace_back();
        return ReadRule(json, element, component.rules.back());
      });
    } else if (key == "globalMessageStrings") {
      return ReadMessageStrings(json, field, component.global_message_strings);
    }
    return {};
  });
  if (!status) return status;
  if (component.version.empty()) component.version = semantic_version;
  return {};
}

core::Status RuleTable::ReadTool(JsonReader& json, od::value& tool) {
  bool has_driver = false;
  auto status = json.ForEachField(tool, [&](std::string_view key, od::value& field) -> core::Status {
    if (key == "driver") {
      auto is_null = json.IsNull(field);
      if (!is_null) return std::unexpected(is_null.error());
      if (*is_null) return json.Invalid("tool.driver is null; SARIF 2.1.0 requires the driver");
      has_driver = true;
      return ReadComponent(json, field, components_.front());
    }
    if (key == "extensions") {
      return json.ForEachElement(field, [&](size_t, od::value& element) -> core::Status {
        components_.emplace_back();
        return ReadComponent(json, element, components_.back());
      });
    }
    return {};
  });
  if (!status) return status;
  if (!has_driver) {
    return json.Invalid(
        "run.tool has no driver (SARIF 1.0 logs name the tool in tool.name; "
        "convert them with the SARIF Multitool)");
  }
  IndexById();
  return {};
}

void RuleTable::IndexById() {
  by_id_.clear();
  // Earlier components win for the same id; the driver first.
  for (const ToolComponent& component : components_) {
    for (const Rule& rule : component.rules) {
      if (!rule.id.empty()) by_id_.emplace(rule.id, &rule);
    }
  }
}

const ToolComponent* RuleTable::Component(int64_t extension_index) const {
  if (extension_index < 0) return &components_.front();
  if (static_cast<uint64_t>(extension_index) + 1 >= components_.size()) return nullptr;
  return &components_[static_cast<size_t>(extension_index) + 1];
}

const Rule* RuleTable::FindById(std::string_view id) const {
  while (!id.empty()) {
    if (auto it = by_id_.find(id); it != by_id_.end()) return it->second;
    size_t slash = id.rfind('/');
    if (slash == std::string_view::npos) break;
    id = id.substr(0, slash);
  }
  return nullptr;
}

std::string_view FindMessageString(const Rule* rule, const ToolComponent& component, std::string_view id) {
  if (rule != nullptr) {
    for (const MessageString& message : rule->message_strings) {
      if (message.id == id) return message.text;
    }
  }
  for (const MessageString& message : component.global_message_strings) {
    if (message.id == id) return message.text;
  }
  return {};
}

}  // namespace candor::ingest::sarif
