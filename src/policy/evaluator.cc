// Evaluator: which guardrails a finding trips. Conditions are checked
// cheapest first and Lua last, so a Lua condition runs only for findings the
// rest of its guardrail already selects.

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/glob.h"
#include "core/text.h"
#include "lua/lua_sandbox.h"
#include "policy/policy.h"

namespace candor::policy {
namespace {

using lua::LuaField;
using lua::LuaLimits;
using lua::LuaSandbox;
using lua::LuaValue;

struct CompiledGuardrail {
  Guardrail guardrail;
  std::vector<core::Glob> rules;
  std::vector<core::Glob> paths;
  std::vector<core::Glob> exclude_paths;
  std::optional<LuaSandbox> lua;  // its own Lua state: see lua_sandbox.h
};

core::Result<std::vector<core::Glob>> CompileGlobs(const Guardrail& guardrail,
                                                   const std::vector<std::string>& patterns,
                                                   std::string_view key) {
  std::vector<core::Glob> globs;
  for (const std::string& pattern : patterns) {
    auto glob = core::Glob::Compile(pattern);
    if (!glob) {
      return core::Fail(core::ErrorCode::kInvalidInput,
                        fmt::format("guardrail '{}': pattern '{}' in '{}': {}", guardrail.name, pattern, key,
                                    glob.error().message),
                        guardrail.origin);
    }
    globs.push_back(std::move(*glob));
  }
  return globs;
}

bool AnyMatches(const std::vector<core::Glob>& globs, std::string_view text) {
  return std::any_of(globs.begin(), globs.end(), [&](const core::Glob& glob) { return glob.Matches(text); });
}

// A suppression counts unless the tool says it was rejected or is still under review.
bool Suppressed(const core::Finding& finding) {
  return std::any_of(finding.suppressions.begin(), finding.suppressions.end(),
                     [](const core::Suppression& s) {
                       return s.status.empty() || core::EqualsIgnoreCase(s.status, "accepted");
                     });
}

// Everything but the Lua condition.
bool Holds(const CompiledGuardrail& compiled, const Subject& subject) {
  const Guardrail& g = compiled.guardrail;
  const core::Finding& finding = *subject.finding;
  if (!g.states.empty() && std::find(g.states.begin(), g.states.end(), subject.state) == g.states.end()) {
    return false;
  }
  if (g.min_severity && finding.severity < *g.min_severity) return false;
  if (g.max_severity && finding.severity > *g.max_severity) return false;
  if (!g.categories.empty() &&
      std::find(g.categories.begin(), g.categories.end(), finding.category) == g.categories.end()) {
    return false;
  }
  if (!g.tools.empty() && std::none_of(g.tools.begin(), g.tools.end(), [&](const std::string& tool) {
        return core::EqualsIgnoreCase(tool, finding.tool);
      })) {
    return false;
  }
  if (!compiled.rules.empty() && !AnyMatches(compiled.rules, finding.rule_id)) return false;
  if (!g.cwes.empty() && std::none_of(g.cwes.begin(), g.cwes.end(), [&](int cwe) {
        return std::find(finding.cwes.begin(), finding.cwes.end(), cwe) != finding.cwes.end();
      })) {
    return false;
  }
  if (!compiled.paths.empty() && !AnyMatches(compiled.paths, finding.path)) return false;
  if (AnyMatches(compiled.exclude_paths, finding.path)) return false;
  // Without a diff nobody knows which lines changed; the guardrail applies
  // rather than letting a finding slip through.
  if (g.changed_lines_only && subject.diff_given && !subject.on_changed_line) return false;
  return true;
}

// The `finding` table a Lua condition sees (docs/policy.md lists the fields).
std::array<LuaField, 18> FindingFields(const Subject& subject) {
  const core::Finding& f = *subject.finding;
  return {{
      {"tool", std::string_view(f.tool)},
      {"rule_id", std::string_view(f.rule_id)},
      {"rule_name", std::string_view(f.rule_name)},
      {"category", core::ToString(f.category)},
      {"severity", core::ToString(f.severity)},
      {"severity_rank", int64_t{static_cast<int>(f.severity)}},
      {"cwes", std::span<const int>(f.cwes)},
      {"advisories", std::span<const std::string>(f.advisories)},
      {"path", std::string_view(f.path)},
      {"line", int64_t{f.region.start_line}},
      {"message", std::string_view(f.message)},
      {"package", std::string_view(f.dependency.package)},
      {"installed_version", std::string_view(f.dependency.installed_version)},
      {"fixed_version", std::string_view(f.dependency.fixed_version)},
      {"state", core::ToString(subject.state)},
      {"on_changed_line", subject.on_changed_line},
      {"diff_given", subject.diff_given},
      {"suppressed", Suppressed(f)},
  }};
}

}  // namespace

struct Evaluator::State {
  std::vector<CompiledGuardrail> guardrails;
};

Evaluator::Evaluator(std::unique_ptr<State> state) : state_(std::move(state)) {}
Evaluator::Evaluator(Evaluator&&) noexcept = default;
Evaluator& Evaluator::operator=(Evaluator&&) noexcept = default;
Evaluator::~Evaluator() = default;

core::Result<Evaluator> Evaluator::Create(const Policy& policy) {
  auto state = std::make_unique<State>();
  for (const Guardrail& guardrail : policy.guardrails) {
    CompiledGuardrail compiled{guardrail, {}, {}, {}, std::nullopt};
    auto rules = CompileGlobs(guardrail, guardrail.rules, "rule");
    if (!rules) return std::unexpected(rules.error());
    auto paths = CompileGlobs(guardrail, guardrail.paths, "paths");
    if (!paths) return std::unexpected(paths.error());
    auto excludes = CompileGlobs(guardrail, guardrail.exclude_paths, "exclude_paths");
    if (!excludes) return std::unexpected(excludes.error());
    compiled.rules = std::move(*rules);
    compiled.paths = std::move(*paths);
    compiled.exclude_paths = std::move(*excludes);
    if (!guardrail.lua.empty()) {
      auto sandbox = LuaSandbox::Compile(guardrail.lua);
      if (!sandbox) {
        return core::Fail(sandbox.error().code,
                          fmt::format("guardrail '{}': the Lua condition does not compile: {}",
                                      guardrail.name, sandbox.error().message),
                          guardrail.origin);
      }
      compiled.lua = std::move(*sandbox);
    }
    state->guardrails.push_back(std::move(compiled));
  }
  return Evaluator(std::move(state));
}

core::Result<std::vector<size_t>> Evaluator::Tripped(const Subject& subject) {
  if (subject.finding == nullptr)
    return core::Fail(core::ErrorCode::kInternal, "Evaluator::Tripped without a finding");
  std::vector<size_t> tripped;
  for (size_t i = 0; i < state_->guardrails.size(); ++i) {
    CompiledGuardrail& compiled = state_->guardrails[i];
    if (!Holds(compiled, subject)) continue;
    if (compiled.lua) {
      const auto fields = FindingFields(subject);
      auto result = compiled.lua->Evaluate("finding", fields);
      if (!result) {
        const Guardrail& g = compiled.guardrail;
        return core::Fail(result.error().code,
                          fmt::format("guardrail '{}' ({}): {}", g.name,
                                      g.origin.empty() ? "built in" : g.origin, result.error().message),
                          g.origin);
      }
      if (!*result) continue;
    }
    tripped.push_back(i);
  }
  return tripped;
}

}  // namespace candor::policy
