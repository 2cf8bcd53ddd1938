#include "threatmodel/model_index.h"

#include <algorithm>

namespace candor::threatmodel {

ModelIndex::ModelIndex(const Model& model) : model_(model) {
  for (const auto& a : model.assets) assets_.emplace(a.id, &a);
  for (const auto& c : model.components) {
    components_.emplace(c.id, &c);
    technologies_.insert(c.technology);
  }
  for (const auto& f : model.flows) {
    outbound_[f.source].push_back(&f);
    inbound_[f.target].push_back(&f);
  }
  for (const auto& b : model.boundaries) {
    for (const auto& id : b.components) boundary_of_.emplace(id, &b);
    for (const auto& id : b.boundaries) parent_of_.emplace(id, &b);
  }
}

const DataAsset* ModelIndex::Asset(std::string_view id) const {
  auto it = assets_.find(id);
  return it == assets_.end() ? nullptr : it->second;
}

const Component* ModelIndex::FindComponent(std::string_view id) const {
  auto it = components_.find(id);
  return it == components_.end() ? nullptr : it->second;
}

const std::vector<const Flow*>& ModelIndex::Inbound(std::string_view component_id) const {
  auto it = inbound_.find(component_id);
  return it == inbound_.end() ? none_ : it->second;
}

const std::vector<const Flow*>& ModelIndex::Outbound(std::string_view component_id) const {
  auto it = outbound_.find(component_id);
  return it == outbound_.end() ? none_ : it->second;
}

const Boundary* ModelIndex::BoundaryOf(std::string_view component_id) const {
  auto it = boundary_of_.find(component_id);
  return it == boundary_of_.end() ? nullptr : it->second;
}

const Boundary* ModelIndex::ParentOf(const Boundary& boundary) const {
  auto it = parent_of_.find(boundary.id);
  return it == parent_of_.end() ? nullptr : it->second;
}

bool ModelIndex::CrossesBoundary(const Flow& flow) const {
  return BoundaryOf(flow.source) != BoundaryOf(flow.target);
}

bool ModelIndex::HasTechnology(std::span<const std::string> technologies) const {
  return std::any_of(technologies.begin(), technologies.end(),
                     [&](const std::string& t) { return technologies_.contains(t); });
}

}  // namespace candor::threatmodel
