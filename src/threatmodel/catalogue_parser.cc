// ParseCatalogue: rule catalogue YAML (built-in or a team's --rules file) into
// a Catalogue, through the shared yaml::YamlReader. Lua conditions are
// compiled here, so a rule that does not compile is refused before any model
// is evaluated.

#include <fmt/format.h>

#include <algorithm>

#include "lua/lua_sandbox.h"
#include "threatmodel/catalogue.h"
#include "threatmodel/model_parser.h"
#include "threatmodel/ratings.h"
#include "threatmodel/yaml_document.h"
#include "yaml/yaml_reader.h"

namespace candor::threatmodel {
namespace {

using yaml::YamlReader;

constexpr size_t kMaxValues = 200'000;
constexpr size_t kMaxRules = 2'000;

const std::initializer_list<std::string_view> kStrideNames = {"spoofing",          "tampering",
                                                              "repudiation",       "information-disclosure",
                                                              "denial-of-service", "elevation-of-privilege"};
const std::initializer_list<std::string_view> kDimensionNames = {"confidentiality", "integrity",
                                                                 "availability"};
const std::initializer_list<std::string_view> kLikelihoodNames = {"unlikely", "likely", "very-likely",
                                                                  "frequent"};
const std::initializer_list<std::string_view> kTargetNames = {"component", "flow"};

std::optional<size_t> IndexOf(std::initializer_list<std::string_view> names, std::string_view name) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<size_t>(it - names.begin());
}

class Parser {
 public:
  explicit Parser(std::string_view file_name) : reader_(file_name, kMaxValues) {}

  core::Result<Catalogue> Document(const YAML::Node& root) {
    Catalogue catalogue;
    auto entries = reader_.Mapping(root, "the rule catalogue", {"version", "requirements", "rules"});
    if (!entries) return std::unexpected(entries.error());
    for (const auto& entry : *entries) {
      if (entry.key == "version") {
        auto version = reader_.Integer(entry.value, "version");
        if (!version) return std::unexpected(version.error());
        if (*version != 1) return reader_.Error(entry.value, "rule catalogue version must be 1");
        continue;
      }
      if (entry.value.IsNull()) continue;
      auto items = reader_.Sequence(entry.value, entry.key);
      if (!items) return std::unexpected(items.error());
      if (items->size() > kMaxRules) {
        return core::Fail(core::ErrorCode::kLimitExceeded,
                          fmt::format("more than {} {}", kMaxRules, entry.key), reader_.Where(entry.value));
      }
      for (const YAML::Node& item : *items) {
        core::Status status = entry.key == "rules" ? RuleAt(item, catalogue) : RequirementAt(item, catalogue);
        if (!status) return std::unexpected(status.error());
      }
    }
    // Requirements a rule names are checked by MergeCatalogue: a team's rules may
    // name the built-in catalogue's requirements.
    return catalogue;
  }

 private:
  core::Result<std::string> Text(const YAML::Node& node, std::string_view key) {
    return reader_.String(node, key);
  }

  core::Result<size_t> Choice(const YAML::Node& node, std::string_view key,
                              std::initializer_list<std::string_view> names) {
    auto text = reader_.String(node, key);
    if (!text) return std::unexpected(text.error());
    auto index = IndexOf(names, *text);
    if (!index) {
      std::string hint = yaml::DidYouMean(*text, names);
      return reader_.Error(node, fmt::format("'{}' is not a known {}{}", *text, key, hint));
    }
    return *index;
  }

  core::Status RequirementAt(const YAML::Node& node, Catalogue& catalogue) {
    auto entries = reader_.Mapping(node, "a requirement", {"id", "title", "text", "asvs"});
    if (!entries) return std::unexpected(entries.error());
    Requirement r;
    r.where = reader_.Where(node);
    for (const auto& e : *entries) {
      auto text = Text(e.value, e.key);
      if (!text) return std::unexpected(text.error());
      (e.key == "id"      ? r.id
       : e.key == "title" ? r.title
       : e.key == "text"  ? r.text
                          : r.asvs) = std::move(*text);
    }
    if (r.id.empty() || r.text.empty())
      return reader_.Error(node, "a requirement needs an 'id' and a 'text'");
    if (const Requirement* earlier = catalogue.FindRequirement(r.id)) {
      return reader_.Error(node,
                           fmt::format("duplicate requirement '{}' (first at {})", r.id, earlier->where));
    }
    catalogue.requirements.push_back(std::move(r));
    return {};
  }

  core::Status RuleAt(const YAML::Node& node, Catalogue& catalogue) {
    auto entries = reader_.Mapping(node, "a rule",
                                   {"id", "title", "description", "stride", "cwe", "applies_to", "when",
                                    "likelihood", "impact", "requirement"});
    if (!entries) return std::unexpected(entries.error());
    Rule rule;
    rule.where = reader_.Where(node);
    const YAML::Node* when = nullptr;
    for (const auto& e : *entries) {
      if (e.key == "when") {
        when = &e.value;
        continue;
      }
      if (e.key == "cwe") {
        auto items = reader_.OneOrMany(e.value, "cwe");
        if (!items) return std::unexpected(items.error());
        for (const YAML::Node& item : *items) {
          auto cwe = reader_.Integer(item, "cwe");
          if (!cwe) return std::unexpected(cwe.error());
          if (*cwe <= 0 || *cwe > 100000) return reader_.Error(item, "a CWE id is a positive number");
          rule.cwes.push_back(static_cast<int>(*cwe));
        }
        continue;
      }
      if (e.key == "stride" || e.key == "applies_to" || e.key == "likelihood" || e.key == "impact") {
        auto names = e.key == "stride"       ? kStrideNames
                     : e.key == "applies_to" ? kTargetNames
                     : e.key == "likelihood" ? kLikelihoodNames
                                             : kDimensionNames;
        auto index = Choice(e.value, e.key, names);
        if (!index) return std::unexpected(index.error());
        if (e.key == "stride") rule.stride = static_cast<Stride>(*index);
        if (e.key == "applies_to") rule.applies_to = static_cast<Target>(*index);
        if (e.key == "likelihood") rule.likelihood = static_cast<int>(*index) + 1;
        if (e.key == "impact") rule.impact = static_cast<Dimension>(*index);
        continue;
      }
      auto text = Text(e.value, e.key);
      if (!text) return std::unexpected(text.error());
      if (e.key == "id") {
        if (!ValidElementId(*text) || text->find(':') != std::string::npos) {
          return reader_.Error(e.value, fmt::format("'{}' is not a valid rule id", *text));
        }
        rule.id = std::move(*text);
      } else if (e.key == "title") {
        rule.title = std::move(*text);
      } else if (e.key == "description") {
        rule.description = std::move(*text);
      } else {
        rule.requirement = std::move(*text);
      }
    }
    if (rule.id.empty() || rule.title.empty() || !when) {
      return reader_.Error(node, "a rule needs an 'id', a 'title' and a 'when'");
    }
    for (const Rule& earlier : catalogue.rules) {
      if (earlier.id == rule.id) {
        return reader_.Error(node, fmt::format("duplicate rule '{}' (first at {})", rule.id, earlier.where));
      }
    }
    if (auto status = When(*when, rule); !status) return status;
    catalogue.rules.push_back(std::move(rule));
    return {};
  }

  core::Status When(const YAML::Node& node, Rule& rule) {
    if (!node.IsMap()) return reader_.Error(node, "'when' must be a mapping of facts");
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::detail::iterator_value pair = *it;
      const YAML::Node key = pair.first;
      const YAML::Node value = pair.second;
      if (auto visited = reader_.Visit(key); !visited) return visited;
      if (!key.IsScalar()) return reader_.Error(key, "a fact name must be a plain word");
      const std::string& name = key.Scalar();
      if (name == "lua") {
        auto text = reader_.String(value, "lua");
        if (!text) return std::unexpected(text.error());
        auto sandbox = lua::LuaSandbox::Compile(*text);
        if (!sandbox) return reader_.Error(value, "Lua condition: " + sandbox.error().message);
        rule.lua = std::move(*text);
        rule.sandbox = std::make_shared<lua::LuaSandbox>(std::move(*sandbox));
        continue;
      }
      auto fact = ParseFact(name);
      if (!fact) {
        return reader_.Error(key,
                             fmt::format("unknown fact '{}'{}", name, yaml::DidYouMean(name, kFactNames)));
      }
      for (const Predicate& earlier : rule.when) {
        if (earlier.fact == *fact) return reader_.Error(key, fmt::format("fact '{}' is tested twice", name));
      }
      FactInfo info = InfoOf(*fact);
      bool fits = rule.applies_to == Target::kComponent ? info.components : info.flows;
      if (!fits) {
        return reader_.Error(key, fmt::format("fact '{}' does not apply to a {}", name,
                                              rule.applies_to == Target::kComponent ? "component" : "flow"));
      }
      Predicate predicate;
      predicate.fact = *fact;
      switch (info.kind) {
        case FactValueKind::kBool: {
          auto flag = reader_.Boolean(value, name);
          if (!flag) return std::unexpected(flag.error());
          predicate.flag = *flag;
          break;
        }
        case FactValueKind::kWords: {
          auto items = reader_.OneOrMany(value, name);
          if (!items) return std::unexpected(items.error());
          for (const YAML::Node& item : *items) predicate.words.push_back(item.Scalar());
          break;
        }
        case FactValueKind::kConfidentiality:
        case FactValueKind::kCriticality: {
          bool confidentiality = info.kind == FactValueKind::kConfidentiality;
          auto index = Choice(value, name, confidentiality ? kConfidentialityNames : kCriticalityNames);
          if (!index) return std::unexpected(index.error());
          predicate.threshold = static_cast<Rating>(*index);
          break;
        }
      }
      rule.when.push_back(std::move(predicate));
    }
    return {};
  }

  YamlReader reader_;
};

}  // namespace

const Requirement* Catalogue::FindRequirement(std::string_view id) const {
  for (const auto& r : requirements)
    if (r.id == id) return &r;
  return nullptr;
}

std::string_view ToString(Stride stride) {
  return kStrideNames.begin()[static_cast<size_t>(stride)];
}
std::string_view ToString(Dimension dimension) {
  return kDimensionNames.begin()[static_cast<size_t>(dimension)];
}
std::string_view LikelihoodName(int likelihood) {
  return likelihood >= 1 && likelihood <= 4 ? kLikelihoodNames.begin()[likelihood - 1] : "unknown";
}

core::Result<Catalogue> ParseCatalogue(std::string_view yaml_text, std::string_view file_name) {
  auto root = LoadYamlDocument(yaml_text, file_name, "the rule catalogue");
  if (!root) return std::unexpected(root.error());
  try {
    return Parser(file_name).Document(*root);
  } catch (const YAML::Exception& error) {
    yaml::YamlReader where(file_name, 0);
    return core::Fail(core::ErrorCode::kInvalidInput, "YAML: " + error.msg, where.Where(error.mark));
  }
}

core::Status MergeCatalogue(Catalogue& into, Catalogue more) {
  for (auto& r : more.requirements) {
    if (const Requirement* earlier = into.FindRequirement(r.id)) {
      return core::Fail(core::ErrorCode::kInvalidInput,
                        fmt::format("requirement '{}' is defined twice (first at {})", r.id, earlier->where),
                        r.where);
    }
    into.requirements.push_back(std::move(r));
  }
  for (auto& rule : more.rules) {
    for (const Rule& earlier : into.rules) {
      if (earlier.id == rule.id) {
        return core::Fail(core::ErrorCode::kInvalidInput,
                          fmt::format("rule '{}' is defined twice (first at {})", rule.id, earlier.where),
                          rule.where);
      }
    }
    if (!rule.requirement.empty() && !into.FindRequirement(rule.requirement)) {
      return core::Fail(core::ErrorCode::kInvalidInput,
                        fmt::format("rule '{}' names unknown requirement '{}'", rule.id, rule.requirement),
                        rule.where);
    }
    into.rules.push_back(std::move(rule));
  }
  return {};
}

}  // namespace candor::threatmodel
