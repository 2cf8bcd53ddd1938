#include "threatmodel/ratings.h"

#include <cstddef>

namespace candor::threatmodel {
namespace {

// The index of `name` in `names`, which lists an enumeration in value order.
std::optional<size_t> IndexOf(std::initializer_list<std::string_view> names, std::string_view name) {
  size_t index = 0;
  for (std::string_view candidate : names) {
    if (candidate == name) return index;
    ++index;
  }
  return std::nullopt;
}

std::string_view NameAt(std::initializer_list<std::string_view> names, size_t index) {
  return index < names.size() ? names.begin()[index] : std::string_view("unknown");
}

template <class Enum>
std::optional<Enum> Parse(std::initializer_list<std::string_view> names, std::string_view name) {
  auto index = IndexOf(names, name);
  if (!index) return std::nullopt;
  return static_cast<Enum>(*index);
}

}  // namespace

const std::initializer_list<std::string_view> kConfidentialityNames = {
    "public", "internal", "restricted", "confidential", "strictly-confidential"};
const std::initializer_list<std::string_view> kCriticalityNames = {"archive", "operational", "important",
                                                                   "critical", "mission-critical"};
const std::initializer_list<std::string_view> kQuantityNames = {"very-few", "few", "many", "very-many"};
const std::initializer_list<std::string_view> kComponentTypeNames = {"process", "datastore",
                                                                     "external-entity"};
const std::initializer_list<std::string_view> kBoundaryTypeNames = {"network", "cloud", "container",
                                                                    "execution-environment"};
const std::initializer_list<std::string_view> kThreatStatusNames = {"open", "mitigated", "accepted",
                                                                    "false-positive", "fix-scheduled"};

std::optional<Rating> ParseConfidentiality(std::string_view name) {
  return Parse<Rating>(kConfidentialityNames, name);
}
std::optional<Rating> ParseCriticality(std::string_view name) {
  return Parse<Rating>(kCriticalityNames, name);
}
std::optional<Quantity> ParseQuantity(std::string_view name) {
  return Parse<Quantity>(kQuantityNames, name);
}
std::optional<ComponentType> ParseComponentType(std::string_view name) {
  return Parse<ComponentType>(kComponentTypeNames, name);
}
std::optional<BoundaryType> ParseBoundaryType(std::string_view name) {
  return Parse<BoundaryType>(kBoundaryTypeNames, name);
}
std::optional<ThreatStatus> ParseThreatStatus(std::string_view name) {
  return Parse<ThreatStatus>(kThreatStatusNames, name);
}

std::string_view ConfidentialityName(Rating rating) {
  return NameAt(kConfidentialityNames, static_cast<size_t>(rating));
}
std::string_view CriticalityName(Rating rating) {
  return NameAt(kCriticalityNames, static_cast<size_t>(rating));
}
std::string_view ToString(ComponentType type) {
  return NameAt(kComponentTypeNames, static_cast<size_t>(type));
}
std::string_view ToString(BoundaryType type) {
  return NameAt(kBoundaryTypeNames, static_cast<size_t>(type));
}
std::string_view ToString(ThreatStatus status) {
  return NameAt(kThreatStatusNames, static_cast<size_t>(status));
}

}  // namespace candor::threatmodel
