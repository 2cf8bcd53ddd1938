#include "decisions/decisions_file.h"

#include <fmt/format.h>

#include "core/glob.h"
#include "core/text.h"
#include "ingest/input.h"
#include "yaml/yaml_reader.h"

namespace candor::decisions {
namespace {

using yaml::YamlReader;

// Ids are what people type and what the PR view quotes: "RD-12", "payments-7".
bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

class Parser {
 public:
  explicit Parser(std::string_view file_name) : reader_(file_name, 1'000'000) {}

  core::Result<std::vector<core::Decision>> Document(const YAML::Node& root) {
    auto entries = reader_.Mapping(root, "the decisions file", {"version", "decisions"});
    if (!entries) return std::unexpected(entries.error());
    std::vector<core::Decision> decisions;
    for (const auto& entry : *entries) {
      if (entry.key == "version") {
        auto version = reader_.Integer(entry.value, "version");
        if (!version) return std::unexpected(version.error());
        if (*version != 1)
          return reader_.Error(entry.value, fmt::format("version {} is not known; use 1", *version));
        continue;
      }
      if (entry.value.IsNull()) continue;  // "decisions:" with none yet
      auto items = reader_.Sequence(entry.value, "decisions");
      if (!items) return std::unexpected(items.error());
      if (items->size() > kMaxDecisions) {
        auto error =
            reader_.Error(entry.value, fmt::format("more than {} decisions in one file", kMaxDecisions));
        error.error().code = core::ErrorCode::kLimitExceeded;
        return error;
      }
      for (const YAML::Node& item : *items) {
        auto decision = Decision(item);
        if (!decision) return std::unexpected(decision.error());
        for (const core::Decision& earlier : decisions) {
          if (earlier.id == decision->id) {
            return reader_.Error(item, fmt::format("decision id '{}' is used twice (first at {})",
                                                   decision->id, earlier.origin));
          }
        }
        decisions.push_back(std::move(*decision));
      }
    }
    return decisions;
  }

 private:
  core::Result<core::Decision> Decision(const YAML::Node& node) {
    auto entries = reader_.Mapping(node, "a decision",
                                   {"id", "kind", "scope", "severity", "rationale", "trade_off", "team",
                                    "approver", "approver_role", "created", "expires", "ticket"});
    if (!entries) return std::unexpected(entries.error());
    core::Decision decision;
    decision.origin = reader_.Where(node);
    bool has_created = false;
    for (const auto& entry : *entries) {
      const std::string& key = entry.key;
      if (key == "scope") {
        if (auto scope = Scope(entry.value, decision.scope); !scope) return std::unexpected(scope.error());
        continue;
      }
      if (key == "created" || key == "expires") {
        auto time = reader_.Time(entry.value, key);
        if (!time) return std::unexpected(time.error());
        if (key == "created") {
          decision.created = *time;
          has_created = true;
        } else {
          decision.expires = *time;
        }
        continue;
      }
      auto text = reader_.String(entry.value, key);
      if (!text) return std::unexpected(text.error());
      std::string value(core::Trim(*text));
      if (key == "id") {
        if (!IsValidId(value)) {
          return reader_.Error(entry.value,
                               fmt::format("decision id '{}' must be letters, digits, '-', '_' or '.' "
                                           "(like RD-12)",
                                           value));
        }
        decision.id = value;
      } else if (key == "kind") {
        auto kind = core::ParseDecisionKind(value);
        if (!kind) {
          return reader_.Error(
              entry.value, fmt::format("unknown kind '{}'{}", value,
                                       yaml::DidYouMean(value, {"accept_risk", "false_positive",
                                                                "mitigated_by_control", "fix_scheduled"})));
        }
        decision.kind = *kind;
      } else if (key == "severity") {
        auto severity = core::ParseSeverity(value);
        if (!severity) return reader_.Error(entry.value, fmt::format("unknown severity '{}'", value));
        decision.severity = *severity;
      } else if (key == "rationale") {
        decision.rationale = value;
      } else if (key == "trade_off") {
        decision.trade_off = value;
      } else if (key == "team") {
        decision.team = value;
      } else if (key == "approver") {
        decision.approver = value;
      } else if (key == "approver_role") {
        decision.approver_role = value;
      } else if (key == "ticket") {
        decision.ticket = value;
      }
    }
    if (!has_created) return reader_.Error(node, "a decision needs 'created' (the date it was made)");
    if (auto valid = ValidateDecision(decision, ""); !valid) {
      return reader_.Error(node, valid.error().message);
    }
    return decision;
  }

  core::Status Scope(const YAML::Node& node, core::DecisionScope& scope) {
    auto entries = reader_.Mapping(node, "'scope'", {"identity", "rule", "path", "threat", "tool"});
    if (!entries) return std::unexpected(entries.error());
    for (const auto& entry : *entries) {
      auto text = reader_.String(entry.value, "scope." + entry.key);
      if (!text) return std::unexpected(text.error());
      std::string value(core::Trim(*text));
      if (value.empty()) return reader_.Error(entry.value, fmt::format("scope.{} is empty", entry.key));
      if (entry.key == "identity") scope.identity = value;
      if (entry.key == "rule") scope.rule = value;
      if (entry.key == "threat") scope.threat = value;
      if (entry.key == "tool") scope.tool = value;
      if (entry.key == "path") {
        if (auto glob = core::Glob::Compile(value); !glob) {
          return reader_.Error(entry.value, "scope.path: " + glob.error().message);
        }
        scope.path = value;
      }
    }
    return {};
  }

  YamlReader reader_;
};

}  // namespace

core::Status ValidateDecision(const core::Decision& decision, std::string_view where) {
  auto fail = [&](std::string message) {
    return core::Fail(core::ErrorCode::kInvalidInput, message, std::string(where));
  };
  const core::DecisionScope& scope = decision.scope;
  std::string id = decision.id.empty() ? "a decision" : "decision " + decision.id;
  if (decision.id.empty()) return fail("a decision needs an 'id' (like RD-12)");
  if (!IsValidId(decision.id))
    return fail(fmt::format("decision id '{}' must be letters, digits, '-', '_' or '.'", decision.id));
  int forms =
      (scope.identity.empty() ? 0 : 1) + (scope.rule.empty() ? 0 : 1) + (scope.threat.empty() ? 0 : 1);
  if (forms != 1) {
    return fail(
        fmt::format("{} needs a scope of exactly one of: identity (one finding), rule (with an optional "
                    "path glob), threat",
                    id));
  }
  if (!scope.path.empty() && scope.rule.empty())
    return fail(fmt::format("{}: scope.path needs scope.rule", id));
  if (decision.rationale.empty())
    return fail(fmt::format("{} needs a rationale: why the team decided so", id));
  if (decision.team.empty()) return fail(fmt::format("{} needs the deciding team", id));
  if (decision.approver.empty() || decision.approver_role.empty()) {
    return fail(fmt::format("{} needs an approver and the approver's role", id));
  }
  if (core::RequiresExpiry(decision.kind) && !decision.expires) {
    return fail(
        fmt::format("{} is {}, which needs 'expires': a risk is accepted or a fix scheduled until a date", id,
                    core::ToString(decision.kind)));
  }
  if (decision.expires && *decision.expires <= decision.created) {
    return fail(fmt::format("{} expires ({}) before it was created ({})", id,
                            core::FormatDate(*decision.expires), core::FormatDate(decision.created)));
  }
  return {};
}

core::Result<std::vector<core::Decision>> ParseDecisions(std::string_view yaml_text,
                                                         std::string_view file_name) {
  return yaml::ParseDocument<std::vector<core::Decision>>(
      yaml_text, file_name, {"decisions file", kMaxDecisionsFileBytes},
      [&](const YAML::Node& root) { return Parser(file_name).Document(root); });
}

core::Result<std::vector<core::Decision>> LoadDecisions(const std::string& path) {
  ingest::Limits limits;
  limits.max_input_bytes = kMaxDecisionsFileBytes;
  auto input = ingest::LoadInput(path, limits);
  if (!input) return std::unexpected(input.error());
  return ParseDecisions(input->bytes(), input->name());
}

}  // namespace candor::decisions
