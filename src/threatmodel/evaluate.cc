#include "threatmodel/evaluate.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "lua/lua_sandbox.h"
#include "threatmodel/model_index.h"
#include "threatmodel/ratings.h"

namespace candor::threatmodel {
namespace {

int ImpactOf(Rating rating) {
  return std::max(1, static_cast<int>(rating));
}

std::string ImpactBasis(const DataRating& rating, Dimension dimension) {
  if (!rating.asset) return "no rated data involved";
  std::string_view level = dimension == Dimension::kConfidentiality ? ConfidentialityName(rating.rating)
                                                                    : CriticalityName(rating.rating);
  return fmt::format("data '{}' has {} {}", rating.asset->id, ToString(dimension), level);
}

int64_t RatingValue(const DataRating& rating) {
  return rating.asset ? static_cast<int64_t>(rating.rating) : -1;
}

// The fields a custom rule's Lua condition sees as `element`.
core::Result<bool> LuaHolds(const Rule& rule, const Component& c, const ModelIndex& index) {
  std::array fields = {
      lua::LuaField{"kind", std::string_view("component")},
      lua::LuaField{"id", std::string_view(c.id)},
      lua::LuaField{"type", ToString(c.type)},
      lua::LuaField{"technology", std::string_view(c.technology)},
      lua::LuaField{"internet_facing", c.internet_facing},
      lua::LuaField{"encryption_at_rest", c.encryption_at_rest},
      lua::LuaField{"authentication", std::string_view(c.authentication)},
      lua::LuaField{"authorization", std::string_view(c.authorization)},
      lua::LuaField{"custom_code", c.custom_code},
      lua::LuaField{"tags", std::span<const std::string>(c.tags)},
      lua::LuaField{"accepts", std::span<const std::string>(c.accepts)},
      lua::LuaField{"stores", std::span<const std::string>(c.stores)},
      lua::LuaField{"processes", std::span<const std::string>(c.processes)},
      lua::LuaField{"confidentiality", RatingValue(HighestRating(c, Dimension::kConfidentiality, index))},
      lua::LuaField{"integrity", RatingValue(HighestRating(c, Dimension::kIntegrity, index))},
      lua::LuaField{"availability", RatingValue(HighestRating(c, Dimension::kAvailability, index))},
  };
  return rule.sandbox->Evaluate("element", fields);
}

core::Result<bool> LuaHolds(const Rule& rule, const Flow& f, const ModelIndex& index) {
  std::array fields = {
      lua::LuaField{"kind", std::string_view("flow")},
      lua::LuaField{"id", std::string_view(f.id)},
      lua::LuaField{"source", std::string_view(f.source)},
      lua::LuaField{"target", std::string_view(f.target)},
      lua::LuaField{"protocol", std::string_view(f.protocol)},
      lua::LuaField{"encrypted", f.encrypted},
      lua::LuaField{"authentication", std::string_view(f.authentication)},
      lua::LuaField{"authorization", std::string_view(f.authorization)},
      lua::LuaField{"crosses_boundary", index.CrossesBoundary(f)},
      lua::LuaField{"tags", std::span<const std::string>(f.tags)},
      lua::LuaField{"sends", std::span<const std::string>(f.sends)},
      lua::LuaField{"receives", std::span<const std::string>(f.receives)},
      lua::LuaField{"confidentiality", RatingValue(HighestRating(f, Dimension::kConfidentiality, index))},
      lua::LuaField{"integrity", RatingValue(HighestRating(f, Dimension::kIntegrity, index))},
      lua::LuaField{"availability", RatingValue(HighestRating(f, Dimension::kAvailability, index))},
  };
  return rule.sandbox->Evaluate("element", fields);
}

class Evaluator {
 public:
  Evaluator(const Model& model, const Catalogue& catalogue)
      : model_(model), catalogue_(catalogue), index_(model) {}

  core::Result<Assessment> Run() {
    Assessment out;
    out.title = model_.title;
    out.source = model_.source;
    for (const Rule& rule : catalogue_.rules) {
      core::Status status;
      if (rule.applies_to == Target::kComponent) {
        for (const Component& c : model_.components) {
          if (c.out_of_scope) continue;
          if (status = Apply(rule, c, c.id, c.name, c.where, out); !status) break;
        }
      } else {
        for (const Flow& f : model_.flows) {
          const Component* source = index_.FindComponent(f.source);
          const Component* target = index_.FindComponent(f.target);
          if (source && target && source->out_of_scope && target->out_of_scope) continue;
          if (status = Apply(rule, f, f.id, f.name, f.where, out); !status) break;
        }
      }
      if (!status) return std::unexpected(status.error());
    }
    std::sort(out.threats.begin(), out.threats.end(),
              [](const Threat& a, const Threat& b) { return a.id < b.id; });
    Decide(out);
    Requirements(out);
    return out;
  }

 private:
  template <class Element>
  core::Status Apply(const Rule& rule, const Element& element, const std::string& id, const std::string& name,
                     const std::string& where, Assessment& out) {
    std::vector<std::string> because;
    for (const Predicate& p : rule.when) {
      auto why = Holds(p, element, index_);
      if (!why) return {};
      because.push_back(std::move(*why));
    }
    if (rule.sandbox) {
      auto holds = LuaHolds(rule, element, index_);
      if (!holds) {
        return core::Fail(holds.error().code,
                          fmt::format("rule '{}' on '{}': {}", rule.id, id, holds.error().message),
                          rule.where);
      }
      if (!*holds) return {};
      because.push_back(fmt::format("Lua condition `{}` is true", rule.lua));
    }
    Threat t;
    t.id = rule.id + "@" + id;
    t.rule_id = rule.id;
    t.title = rule.title;
    t.stride = rule.stride;
    t.cwes = rule.cwes;
    t.requirement = rule.requirement;
    t.element_kind = rule.applies_to;
    t.element_id = id;
    t.element_name = name.empty() ? id : name;
    t.element_where = where;
    t.because = std::move(because);
    DataRating rating = HighestRating(element, rule.impact, index_);
    t.impact_basis = ImpactBasis(rating, rule.impact);
    t.likelihood = rule.likelihood;
    t.impact = rating.asset ? ImpactOf(rating.rating) : 1;
    t.severity = SeverityOf(t.likelihood, t.impact);
    out.threats.push_back(std::move(t));
    return {};
  }

  void Decide(Assessment& out) {
    std::unordered_map<std::string_view, Threat*> by_id;
    for (Threat& t : out.threats) by_id.emplace(t.id, &t);
    for (const ThreatDecision& d : model_.decisions) {
      auto it = by_id.find(d.threat_id);
      if (it == by_id.end()) {
        out.stale_decisions.push_back(d);
        continue;
      }
      it->second->status = d.status;
      it->second->note = d.note;
    }
  }

  void Requirements(Assessment& out) {
    std::map<std::string, RequirementResult> by_id;
    for (const Threat& t : out.threats) {
      if (t.requirement.empty()) continue;
      const Requirement* requirement = catalogue_.FindRequirement(t.requirement);
      if (!requirement) continue;
      auto [it, inserted] = by_id.try_emplace(t.requirement);
      RequirementResult& r = it->second;
      if (inserted) r.requirement = *requirement;
      r.threat_ids.push_back(t.id);
      for (int cwe : t.cwes)
        if (std::find(r.cwes.begin(), r.cwes.end(), cwe) == r.cwes.end()) r.cwes.push_back(cwe);
      if (t.status == ThreatStatus::kOpen) r.severity = std::max(r.severity, t.severity);
    }
    for (auto& [id, r] : by_id) {
      std::sort(r.cwes.begin(), r.cwes.end());
      out.requirements.push_back(std::move(r));
    }
    // "SR-2" before "SR-10": by length, then text.
    std::sort(out.requirements.begin(), out.requirements.end(), [](const auto& a, const auto& b) {
      const auto& x = a.requirement.id;
      const auto& y = b.requirement.id;
      return x.size() != y.size() ? x.size() < y.size() : x < y;
    });
  }

  const Model& model_;
  const Catalogue& catalogue_;
  ModelIndex index_;
};

}  // namespace

core::Severity SeverityOf(int likelihood, int impact) {
  int score = likelihood * impact;
  if (score >= 12) return core::Severity::kCritical;
  if (score >= 8) return core::Severity::kHigh;
  if (score >= 4) return core::Severity::kMedium;
  if (score >= 2) return core::Severity::kLow;
  return core::Severity::kInfo;
}

core::Result<Assessment> Evaluate(const Model& model, const Catalogue& catalogue) {
  return Evaluator(model, catalogue).Run();
}

}  // namespace candor::threatmodel
