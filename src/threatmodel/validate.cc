#include "threatmodel/validate.h"

#include <fmt/format.h>

#include <string_view>
#include <unordered_map>

namespace candor::threatmodel {
namespace {

enum class Kind { kAsset, kComponent, kFlow, kBoundary };

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kAsset: return "data asset";
    case Kind::kComponent: return "component";
    case Kind::kFlow: return "flow";
    case Kind::kBoundary: return "trust boundary";
  }
  return "element";
}

struct Known {
  Kind kind;
  const std::string* where;
};

std::unexpected<core::Error> Invalid(const std::string& where, std::string message) {
  return core::Fail(core::ErrorCode::kInvalidInput, std::move(message), where);
}

class Validator {
 public:
  explicit Validator(const Model& model) : model_(model) {}

  core::Status Run() {
    for (const auto& a : model_.assets)
      if (auto s = Add(a.id, Kind::kAsset, a.where); !s) return s;
    for (const auto& c : model_.components)
      if (auto s = Add(c.id, Kind::kComponent, c.where); !s) return s;
    for (const auto& f : model_.flows)
      if (auto s = Add(f.id, Kind::kFlow, f.where); !s) return s;
    for (const auto& b : model_.boundaries)
      if (auto s = Add(b.id, Kind::kBoundary, b.where); !s) return s;
    for (const auto& c : model_.components) {
      for (const auto& id : c.stores)
        if (auto s = Expect(id, Kind::kAsset, c.where, "component '" + c.id + "' stores"); !s) return s;
      for (const auto& id : c.processes)
        if (auto s = Expect(id, Kind::kAsset, c.where, "component '" + c.id + "' processes"); !s) return s;
    }
    for (const auto& f : model_.flows) {
      if (auto s = Expect(f.source, Kind::kComponent, f.where, "flow '" + f.id + "' starts at"); !s) return s;
      if (auto s = Expect(f.target, Kind::kComponent, f.where, "flow '" + f.id + "' ends at"); !s) return s;
      for (const auto& id : f.sends)
        if (auto s = Expect(id, Kind::kAsset, f.where, "flow '" + f.id + "' sends"); !s) return s;
      for (const auto& id : f.receives)
        if (auto s = Expect(id, Kind::kAsset, f.where, "flow '" + f.id + "' receives"); !s) return s;
    }
    return Boundaries();
  }

 private:
  core::Status Add(const std::string& id, Kind kind, const std::string& where) {
    auto [it, inserted] = ids_.try_emplace(id, Known{kind, &where});
    if (!inserted) {
      return Invalid(where, fmt::format("duplicate id '{}': a {} here and a {} at {}", id, KindName(kind),
                                        KindName(it->second.kind), *it->second.where));
    }
    return {};
  }

  core::Status Expect(const std::string& id, Kind kind, const std::string& where, std::string_view what) {
    auto it = ids_.find(id);
    if (it == ids_.end()) {
      return Invalid(where, fmt::format("{} '{}', which is not a {} of the model", what, id, KindName(kind)));
    }
    if (it->second.kind != kind) {
      return Invalid(where, fmt::format("{} '{}', which is a {} (defined at {}), not a {}", what, id,
                                        KindName(it->second.kind), *it->second.where, KindName(kind)));
    }
    return {};
  }

  core::Status Boundaries() {
    std::unordered_map<std::string_view, const Boundary*> parent_of_component, parent_of_boundary, by_id;
    for (const auto& b : model_.boundaries) by_id.emplace(b.id, &b);
    for (const auto& b : model_.boundaries) {
      for (const auto& id : b.components) {
        if (auto s = Expect(id, Kind::kComponent, b.where, "trust boundary '" + b.id + "' holds"); !s)
          return s;
        auto [it, inserted] = parent_of_component.try_emplace(id, &b);
        if (!inserted) {
          return Invalid(b.where, fmt::format("component '{}' is in trust boundary '{}' and in '{}' ({}); "
                                              "nest one boundary in the other instead",
                                              id, b.id, it->second->id, it->second->where));
        }
      }
      for (const auto& id : b.boundaries) {
        if (auto s = Expect(id, Kind::kBoundary, b.where, "trust boundary '" + b.id + "' nests"); !s)
          return s;
        if (id == b.id) return Invalid(b.where, fmt::format("trust boundary '{}' nests itself", b.id));
        auto [it, inserted] = parent_of_boundary.try_emplace(id, &b);
        if (!inserted) {
          return Invalid(b.where, fmt::format("trust boundary '{}' is nested in '{}' and in '{}' ({})", id,
                                              b.id, it->second->id, it->second->where));
        }
      }
    }
    // With one parent each, a cycle shows as a walk up the parents that comes back.
    for (const auto& b : model_.boundaries) {
      std::string_view at = b.id;
      for (size_t steps = 0; steps <= model_.boundaries.size(); ++steps) {
        auto up = parent_of_boundary.find(at);
        if (up == parent_of_boundary.end()) break;
        at = up->second->id;
        if (at == b.id) {
          return Invalid(b.where, fmt::format("trust boundary '{}' is nested inside itself through '{}'",
                                              b.id, parent_of_boundary.at(b.id)->id));
        }
      }
    }
    return {};
  }

  const Model& model_;
  std::unordered_map<std::string_view, Known> ids_;
};

}  // namespace

core::Status ValidateModel(const Model& model) {
  return Validator(model).Run();
}

}  // namespace candor::threatmodel
