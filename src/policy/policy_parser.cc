// ParsePolicy and LoadPolicy: policy YAML (docs/policy.md) into a Policy.
// yaml-cpp builds the document; the schema walk below checks every key and
// value and names FILE:LINE:COL of whatever is wrong.

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <sstream>

#include "core/glob.h"
#include "core/text.h"
#include "ingest/input.h"
#include "lua/lua_sandbox.h"
#include "policy/policy.h"
#include "yaml/yaml_reader.h"

namespace candor::policy {
namespace {

using lua::LuaField;
using lua::LuaLimits;
using lua::LuaSandbox;
using lua::LuaValue;
using yaml::DidYouMean;
using yaml::ParseInteger;
using yaml::YamlReader;

constexpr size_t kMaxValues = 100'000;
constexpr size_t kMaxNameLength = 64;
constexpr int64_t kMaxSlaDays = 36'500;  // a hundred years: anything longer is a typo

const std::initializer_list<std::string_view> kSeverityNames = {"info", "low", "medium", "high", "critical"};
const std::initializer_list<std::string_view> kStateNames = {"new", "unchanged", "updated", "absent"};
const std::initializer_list<std::string_view> kCategoryNames = {"sast",      "sca",  "secrets", "iac",
                                                                "container", "dast", "other"};
const std::initializer_list<std::string_view> kActionNames = {"block", "warn", "inform"};

std::string Listed(std::initializer_list<std::string_view> names) {
  std::string text;
  for (std::string_view name : names) {
    text += text.empty() ? "" : ", ";
    text += name;
  }
  return text;
}

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

class Parser {
 public:
  explicit Parser(std::string_view file_name) : reader_(file_name, kMaxValues) {}

  core::Result<Policy> Document(const YAML::Node& root) {
    Policy policy;
    policy.origin = reader_.file_name();
    auto entries = reader_.Mapping(root, "the policy", {"version", "guardrails", "sla", "risk_appetite"});
    if (!entries) return std::unexpected(entries.error());
    for (const auto& entry : *entries) {
      core::Status status;
      if (entry.key == "version") {
        status = Version(entry.value);
      } else if (entry.key == "guardrails") {
        status = Guardrails(entry.value, policy);
      } else if (entry.key == "risk_appetite") {
        status = RiskAppetite(entry.value, policy);
      } else {
        status = Sla(entry.value, policy);
      }
      if (!status) return std::unexpected(status.error());
    }
    return policy;
  }

 private:
  core::Status Version(const YAML::Node& node) {
    auto version = reader_.Integer(node, "version");
    if (!version) return std::unexpected(version.error());
    if (*version != 1)
      return reader_.Error(
          node, fmt::format("policy version {} is not known; this Candor reads version 1", *version));
    return {};
  }

  core::Status Guardrails(const YAML::Node& node, Policy& policy) {
    if (node.IsNull()) return {};  // "guardrails:" with nothing under it
    auto items = reader_.Sequence(node, "guardrails");
    if (!items) return std::unexpected(items.error());
    if (items->size() > kMaxGuardrails) {
      return core::Fail(core::ErrorCode::kLimitExceeded,
                        fmt::format("{} guardrails, over the limit of {}", items->size(), kMaxGuardrails),
                        reader_.Where(node));
    }
    for (const YAML::Node& item : *items) {
      auto guardrail = ParseGuardrail(item);
      if (!guardrail) return std::unexpected(guardrail.error());
      for (const Guardrail& earlier : policy.guardrails) {
        if (core::EqualsIgnoreCase(earlier.name, guardrail->name)) {
          return reader_.Error(item, fmt::format("duplicate guardrail name '{}' (first at {})",
                                                 guardrail->name, earlier.origin));
        }
      }
      policy.guardrails.push_back(std::move(*guardrail));
    }
    return {};
  }

  core::Result<Guardrail> ParseGuardrail(const YAML::Node& node) {
    auto entries = reader_.Mapping(node, "a guardrail", {"name", "description", "action", "when"});
    if (!entries) return std::unexpected(entries.error());
    Guardrail guardrail;
    guardrail.origin = reader_.Where(node);
    bool named = false;
    for (const auto& entry : *entries) {
      core::Status status;
      if (entry.key == "name") {
        auto name = reader_.String(entry.value, "name");
        if (!name) return std::unexpected(name.error());
        if (!ValidName(*name)) {
          return reader_.Error(entry.value,
                               fmt::format("guardrail name '{}' must be 1 to {} letters, digits, '-', "
                                           "'_' or '.'",
                                           *name, kMaxNameLength));
        }
        guardrail.name = *name;
        named = true;
      } else if (entry.key == "description") {
        if (entry.value.IsNull()) continue;
        auto description = reader_.String(entry.value, "description");
        if (!description) return std::unexpected(description.error());
        guardrail.description = std::string(core::Trim(*description));
      } else if (entry.key == "action") {
        status = ParseAction(entry.value, guardrail);
      } else {
        status = When(entry.value, guardrail);
      }
      if (!status) return std::unexpected(status.error());
    }
    if (!named) return reader_.Error(node, "a guardrail needs a 'name'");
    return guardrail;
  }

  core::Status ParseAction(const YAML::Node& node, Guardrail& guardrail) {
    auto text = reader_.String(node, "action");
    if (!text) return std::unexpected(text.error());
    const std::string word = core::ToLower(core::Trim(*text));
    for (Action action : {Action::kBlock, Action::kWarn, Action::kInform}) {
      if (word == ToString(action)) {
        guardrail.action = action;
        return {};
      }
    }
    return reader_.Error(node, fmt::format("unknown action '{}' (expected {}){}", *text, Listed(kActionNames),
                                           DidYouMean(word, kActionNames)));
  }

  core::Status When(const YAML::Node& node, Guardrail& guardrail) {
    if (node.IsNull()) return {};
    auto entries = reader_.Mapping(node, fmt::format("'when' of guardrail '{}'", guardrail.name),
                                   {"state", "severity", "category", "tool", "rule", "cwe", "paths",
                                    "exclude_paths", "changed_lines_only", "lua"});
    if (!entries) return std::unexpected(entries.error());
    for (const auto& entry : *entries) {
      core::Status status;
      if (entry.key == "state") {
        status = States(entry.value, guardrail);
      } else if (entry.key == "severity") {
        status = Severity(entry.value, guardrail);
      } else if (entry.key == "category") {
        status = Categories(entry.value, guardrail);
      } else if (entry.key == "tool") {
        status = Words(entry.value, "tool", guardrail.tools);
      } else if (entry.key == "rule") {
        status = Globs(entry.value, "rule", guardrail.rules, false);
      } else if (entry.key == "cwe") {
        status = Cwes(entry.value, guardrail);
      } else if (entry.key == "paths") {
        status = Globs(entry.value, "paths", guardrail.paths, true);
      } else if (entry.key == "exclude_paths") {
        status = Globs(entry.value, "exclude_paths", guardrail.exclude_paths, true);
      } else if (entry.key == "changed_lines_only") {
        auto flag = reader_.Boolean(entry.value, "changed_lines_only");
        if (!flag) return std::unexpected(flag.error());
        guardrail.changed_lines_only = *flag;
      } else {
        status = Lua(entry.value, guardrail);
      }
      if (!status) return std::unexpected(status.error());
    }
    return {};
  }

  core::Status States(const YAML::Node& node, Guardrail& guardrail) {
    if (node.IsScalar() && core::EqualsIgnoreCase(core::Trim(node.Scalar()), "any")) {
      guardrail.states.clear();
      return {};
    }
    auto items = reader_.OneOrMany(node, "state");
    if (!items) return std::unexpected(items.error());
    if (items->empty()) return reader_.Error(node, "'state' is an empty list; write 'any' for every state");
    guardrail.states.clear();
    for (const YAML::Node& item : *items) {
      const std::string word = core::ToLower(core::Trim(item.Scalar()));
      auto state = core::ParseBaselineState(word);
      if (!state) {
        return reader_.Error(item,
                             fmt::format("unknown state '{}' (expected {}, or 'any' alone){}", item.Scalar(),
                                         Listed(kStateNames), DidYouMean(word, kStateNames)));
      }
      guardrail.states.push_back(*state);
    }
    return {};
  }

  // "high" and ">= high" mean high or above (a floor); "== medium" exactly
  // medium; "<= low" low or below.
  core::Status Severity(const YAML::Node& node, Guardrail& guardrail) {
    auto text = reader_.String(node, "severity");
    if (!text) return std::unexpected(text.error());
    std::string_view value = core::Trim(*text);
    bool at_least = true, at_most = false;
    if (value.starts_with(">=")) {
      value = core::Trim(value.substr(2));
    } else if (value.starts_with("==")) {
      value = core::Trim(value.substr(2));
      at_most = true;
    } else if (value.starts_with("<=")) {
      value = core::Trim(value.substr(2));
      at_least = false;
      at_most = true;
    } else if (!value.empty() && (value[0] == '<' || value[0] == '>' || value[0] == '=' || value[0] == '!')) {
      return reader_.Error(node,
                           fmt::format("severity '{}': write '>= high' (or just 'high'), '== medium' or "
                                       "'<= low'",
                                       *text));
    }
    if (core::EqualsIgnoreCase(value, "any")) {
      guardrail.min_severity.reset();
      return {};
    }
    auto severity = core::ParseSeverity(value);
    if (!severity) {
      return reader_.Error(node, fmt::format("unknown severity '{}' (expected {}){}", value,
                                             Listed(kSeverityNames), DidYouMean(value, kSeverityNames)));
    }
    if (at_least) guardrail.min_severity = *severity;
    if (at_most) guardrail.max_severity = *severity;
    return {};
  }

  core::Status Categories(const YAML::Node& node, Guardrail& guardrail) {
    auto items = reader_.OneOrMany(node, "category");
    if (!items) return std::unexpected(items.error());
    for (const YAML::Node& item : *items) {
      std::string_view word = core::Trim(item.Scalar());
      auto category = core::ParseCategory(word);
      if (!category) {
        return reader_.Error(item, fmt::format("unknown category '{}' (expected {}){}", item.Scalar(),
                                               Listed(kCategoryNames), DidYouMean(word, kCategoryNames)));
      }
      guardrail.categories.push_back(*category);
    }
    return {};
  }

  core::Status Words(const YAML::Node& node, std::string_view key, std::vector<std::string>& out) {
    auto items = reader_.OneOrMany(node, key);
    if (!items) return std::unexpected(items.error());
    for (const YAML::Node& item : *items) {
      std::string_view word = core::Trim(item.Scalar());
      if (word.empty()) return reader_.Error(item, fmt::format("an empty value in '{}'", key));
      out.emplace_back(word);
    }
    return {};
  }

  core::Status Globs(const YAML::Node& node, std::string_view key, std::vector<std::string>& out,
                     bool paths) {
    auto items = reader_.OneOrMany(node, key);
    if (!items) return std::unexpected(items.error());
    for (const YAML::Node& item : *items) {
      const std::string& pattern = item.Scalar();
      if (pattern.empty()) return reader_.Error(item, fmt::format("an empty pattern in '{}'", key));
      if (auto glob = core::Glob::Compile(pattern); !glob) {
        return reader_.Error(item,
                             fmt::format("pattern '{}' in '{}': {}", pattern, key, glob.error().message));
      }
      // Finding paths are repo-relative without "./": such a glob would never match.
      if (paths && (pattern.starts_with("/") || pattern.starts_with("./"))) {
        return reader_.Error(item,
                             fmt::format("pattern '{}' in '{}' can never match: paths are repo-relative "
                                         "(write 'src/**', not './src/**' or '/src/**')",
                                         pattern, key));
      }
      out.push_back(pattern);
    }
    return {};
  }

  core::Status Cwes(const YAML::Node& node, Guardrail& guardrail) {
    auto items = reader_.OneOrMany(node, "cwe");
    if (!items) return std::unexpected(items.error());
    for (const YAML::Node& item : *items) {
      // 79 and "CWE-79" both name CWE-79.
      std::string_view text = core::Trim(item.Scalar());
      if (core::StartsWithIgnoreCase(text, "CWE-")) text.remove_prefix(4);
      auto cwe = ParseInteger(text);
      if (!cwe || *cwe <= 0 || *cwe > 1'000'000) {
        return reader_.Error(item,
                             fmt::format("'{}' is not a CWE number (write 79 or CWE-79)", item.Scalar()));
      }
      guardrail.cwes.push_back(static_cast<int>(*cwe));
    }
    return {};
  }

  core::Status Lua(const YAML::Node& node, Guardrail& guardrail) {
    auto text = reader_.String(node, "lua");
    if (!text) return std::unexpected(text.error());
    if (core::Trim(*text).empty()) return reader_.Error(node, "an empty Lua condition; remove 'lua' instead");
    // Compiled here so a typo fails when the policy is read, not at the first
    // finding; the Evaluator compiles it again in its own sandbox.
    auto compiled = LuaSandbox::Compile(*text);
    if (!compiled) {
      auto error = reader_.Error(node, "the Lua condition does not compile: " + compiled.error().message);
      error.error().code = compiled.error().code;
      return error;
    }
    guardrail.lua = *text;
    return {};
  }

  // "sla:": days per severity, and optionally per tier and how far a
  // scheduled fix may move a due date.
  core::Status Sla(const YAML::Node& node, Policy& policy) {
    if (node.IsNull()) return {};
    auto entries = reader_.Mapping(
        node, "'sla'", {"info", "low", "medium", "high", "critical", "tiers", "fix_scheduled_max_days"});
    if (!entries) return std::unexpected(entries.error());
    for (const auto& entry : *entries) {
      if (entry.key == "tiers") {
        if (auto tiers = SlaTiers(entry.value, policy); !tiers) return tiers;
        continue;
      }
      if (entry.key == "fix_scheduled_max_days") {
        auto days = Days(entry.value, "sla.fix_scheduled_max_days");
        if (!days) return std::unexpected(days.error());
        policy.fix_scheduled_max_days = *days;
        continue;
      }
      const auto index = static_cast<size_t>(*core::ParseSeverity(entry.key));
      policy.sla_origins[index] = reader_.Where(entry.key_node);
      if (entry.value.IsNull()) continue;  // "low: ~": no deadline
      auto days = Days(entry.value, "sla." + entry.key);
      if (!days) return std::unexpected(days.error());
      policy.sla_days[index] = *days;
    }
    return {};
  }

  core::Status SlaTiers(const YAML::Node& node, Policy& policy) {
    // Tier names are the catalog's own words, so there is no fixed list of keys.
    if (auto visited = reader_.Visit(node); !visited) return visited;
    if (!node.IsMap()) return reader_.Error(node, "'sla.tiers' must be a mapping of tier names to SLA days");
    std::vector<YamlReader::Entry> tiers;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::detail::iterator_value pair = *it;  // by value: yaml-cpp hands out a temporary
      if (!pair.first.IsScalar()) return reader_.Error(pair.first, "a tier name must be a plain word");
      tiers.push_back({pair.first.Scalar(), pair.first, pair.second});
    }
    for (const auto& tier : tiers) {
      TierSla entry{tier.key, {}, reader_.Where(tier.key_node)};
      auto days = reader_.Mapping(tier.value, fmt::format("'sla.tiers.{}'", tier.key), kSeverityNames);
      if (!days) return std::unexpected(days.error());
      for (const auto& day : *days) {
        if (day.value.IsNull()) continue;
        auto value = Days(day.value, fmt::format("sla.tiers.{}.{}", tier.key, day.key));
        if (!value) return std::unexpected(value.error());
        entry.days[static_cast<size_t>(*core::ParseSeverity(day.key))] = *value;
      }
      policy.tier_sla.push_back(std::move(entry));
    }
    return {};
  }

  core::Result<int> Days(const YAML::Node& node, const std::string& key) {
    auto days = reader_.Integer(node, key);
    if (!days) return std::unexpected(days.error());
    if (*days < 0 || *days > kMaxSlaDays) {
      return reader_.Error(
          node, fmt::format("{} is {} days; it must be between 0 and {}", key, *days, kMaxSlaDays));
    }
    return static_cast<int>(*days);
  }

  // "risk_appetite:": roles in escalation order and what each may decide.
  core::Status RiskAppetite(const YAML::Node& node, Policy& policy) {
    auto entries = reader_.Mapping(node, "'risk_appetite'", {"escalation", "rules"});
    if (!entries) return std::unexpected(entries.error());
    decisions::RiskAppetite appetite;
    const YAML::Node* rules = nullptr;
    for (const auto& entry : *entries) {
      if (entry.key == "rules") {
        rules = &entry.value;
        continue;
      }
      auto roles = reader_.OneOrMany(entry.value, "escalation");
      if (!roles) return std::unexpected(roles.error());
      for (const YAML::Node& role : *roles) appetite.roles.push_back(role.Scalar());
    }
    if (appetite.roles.empty())
      return reader_.Error(node, "risk_appetite needs 'escalation': the roles, least authority first");
    if (rules == nullptr)
      return reader_.Error(node, "risk_appetite needs 'rules': what each role may decide");
    auto items = reader_.Sequence(*rules, "rules");
    if (!items) return std::unexpected(items.error());
    for (const YAML::Node& item : *items) {
      auto fields = reader_.Mapping(item, "a risk appetite rule", {"role", "up_to", "tiers", "data_classes"});
      if (!fields) return std::unexpected(fields.error());
      decisions::AuthorityRule rule;
      rule.origin = reader_.Where(item);
      bool has_up_to = false;
      for (const auto& field : *fields) {
        if (field.key == "tiers" || field.key == "data_classes") {
          auto values = reader_.OneOrMany(field.value, field.key);
          if (!values) return std::unexpected(values.error());
          auto& target = field.key == "tiers" ? rule.tiers : rule.data_classes;
          for (const YAML::Node& value : *values) target.push_back(value.Scalar());
          continue;
        }
        auto text = reader_.String(field.value, field.key);
        if (!text) return std::unexpected(text.error());
        if (field.key == "role") {
          if (std::find(appetite.roles.begin(), appetite.roles.end(), *text) == appetite.roles.end()) {
            return reader_.Error(field.value, fmt::format("role '{}' is not in 'escalation' ({})", *text,
                                                          fmt::join(appetite.roles, ", ")));
          }
          rule.role = *text;
        } else {
          auto severity = core::ParseSeverity(core::Trim(*text));
          if (!severity) {
            return reader_.Error(field.value, fmt::format("unknown severity '{}' (expected {})", *text,
                                                          Listed(kSeverityNames)));
          }
          rule.max_severity = *severity;
          has_up_to = true;
        }
      }
      if (rule.role.empty() || !has_up_to)
        return reader_.Error(item, "a risk appetite rule needs 'role' and 'up_to'");
      appetite.rules.push_back(std::move(rule));
    }
    policy.risk_appetite = std::move(appetite);
    policy.risk_appetite_origin = reader_.Where(node);
    return {};
  }

  YamlReader reader_;
};

}  // namespace

core::Result<Policy> ParsePolicy(std::string_view yaml_text, std::string_view file_name) {
  return yaml::ParseDocument<Policy>(
      yaml_text, file_name, {"policy", kMaxPolicyBytes},
      [&](const YAML::Node& root) { return Parser(file_name).Document(root); });
}

core::Result<Policy> LoadPolicy(const std::string& path) {
  ingest::Limits limits;
  limits.max_input_bytes = kMaxPolicyBytes;
  auto input = ingest::LoadInput(path, limits);
  if (!input) return std::unexpected(input.error());
  return ParsePolicy(input->bytes(), input->name());
}

}  // namespace candor::policy
