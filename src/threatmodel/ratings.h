#pragma once
// Names of the model's enumerations, both ways. Parsing is exact and
// lower-case (the words users write); unknown words give nullopt so each
// reader reports them with its own location.

#include <initializer_list>
#include <optional>
#include <string_view>

#include "threatmodel/model.h"

namespace candor::threatmodel {

extern const std::initializer_list<std::string_view> kConfidentialityNames;
extern const std::initializer_list<std::string_view> kCriticalityNames;
extern const std::initializer_list<std::string_view> kQuantityNames;
extern const std::initializer_list<std::string_view> kComponentTypeNames;
extern const std::initializer_list<std::string_view> kBoundaryTypeNames;
extern const std::initializer_list<std::string_view> kThreatStatusNames;

std::optional<Rating> ParseConfidentiality(std::string_view name);
std::optional<Rating> ParseCriticality(std::string_view name);  // integrity and availability
std::optional<Quantity> ParseQuantity(std::string_view name);
std::optional<ComponentType> ParseComponentType(std::string_view name);
std::optional<BoundaryType> ParseBoundaryType(std::string_view name);
std::optional<ThreatStatus> ParseThreatStatus(std::string_view name);

std::string_view ConfidentialityName(Rating rating);
std::string_view CriticalityName(Rating rating);
std::string_view ToString(ComponentType type);
std::string_view ToString(BoundaryType type);
std::string_view ToString(ThreatStatus status);

}  // namespace candor::threatmodel
