#pragma once
// Lookups over a validated Model that rules and diagrams need again and again:
// elements by id, each component's flows in and out, and the boundary each
// component sits in. Holds pointers into the model, which must outlive it.

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "threatmodel/model.h"

namespace candor::threatmodel {

class ModelIndex {
 public:
  explicit ModelIndex(const Model& model);

  const Model& model() const { return model_; }
  const DataAsset* Asset(std::string_view id) const;
  const Component* FindComponent(std::string_view id) const;
  const std::vector<const Flow*>& Inbound(std::string_view component_id) const;
  const std::vector<const Flow*>& Outbound(std::string_view component_id) const;
  // The innermost boundary holding the component, or nullptr.
  const Boundary* BoundaryOf(std::string_view component_id) const;
  // The boundary a boundary is nested in, or nullptr.
  const Boundary* ParentOf(const Boundary& boundary) const;
  // Whether a flow's two ends sit in different innermost boundaries.
  bool CrossesBoundary(const Flow& flow) const;
  // Whether any component's technology is one of `technologies`.
  bool HasTechnology(std::span<const std::string> technologies) const;

 private:
  const Model& model_;
  std::unordered_map<std::string_view, const DataAsset*> assets_;
  std::unordered_map<std::string_view, const Component*> components_;
  std::unordered_map<std::string_view, std::vector<const Flow*>> inbound_, outbound_;
  std::unordered_map<std::string_view, const Boundary*> boundary_of_, parent_of_;
  std::unordered_set<std::string_view> technologies_;
  std::vector<const Flow*> none_;
};

}  // namespace candor::threatmodel
