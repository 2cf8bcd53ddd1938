#pragma once
// The applicability conditions of rules: a list of facts about one component
// or flow that must all hold ("internet_facing: true", "protocol: [http]").
// Each fact that holds says why in words, so every threat can show the facts
// that made its rule fire. The facts are a fixed table (kFactNames), so a rule
// cannot mistype one silently.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "threatmodel/model.h"
#include "threatmodel/model_index.h"

namespace candor::threatmodel {

enum class Target : uint8_t { kComponent, kFlow };

// Every fact a condition may test, in the order of the Fact enum.
extern const std::initializer_list<std::string_view> kFactNames;

enum class Fact : uint8_t {
  // components
  kType,
  kTechnology,
  kInternetFacing,
  kEncryptionAtRest,
  kAuthentication,
  kAuthorization,
  kCustomCode,
  kAccepts,
  kTags,
  kStoresData,
  kInBoundary,
  kBoundaryType,
  kReceivesFromUntrusted,
  kInboundProtocol,
  kOutboundProtocol,
  kCallsTechnology,
  kModelLacksTechnology,
  // flows
  kProtocol,
  kEncrypted,
  kCrossesBoundary,
  kSourceType,
  kTargetType,
  kSourceTechnology,
  kTargetTechnology,
  kSourceInternetFacing,
  kTargetAuthentication,
  // both: the data involved (stored and processed, or sent and received)
  kDataConfidentialityAtLeast,
  kDataIntegrityAtLeast,
  kDataAvailabilityAtLeast,
};

enum class FactValueKind : uint8_t { kBool, kWords, kConfidentiality, kCriticality };

struct FactInfo {
  bool components;  // may be tested on components
  bool flows;       // may be tested on flows
  FactValueKind kind;
};
FactInfo InfoOf(Fact fact);
std::optional<Fact> ParseFact(std::string_view name);
std::string_view ToString(Fact fact);

struct Predicate {
  Fact fact = Fact::kType;
  bool flag = false;               // kBool
  std::vector<std::string> words;  // kWords: any of them
  Rating threshold = Rating::k0;   // ratings: at least this
};

// Why `predicate` holds for the element ("authentication is 'none'"), or
// nullopt when it does not.
std::optional<std::string> Holds(const Predicate& predicate, const Component& component,
                                 const ModelIndex& index);
std::optional<std::string> Holds(const Predicate& predicate, const Flow& flow, const ModelIndex& index);

// The highest rating of a dimension over the data an element involves, and
// the asset that has it (nullptr when the element involves no rated data).
struct DataRating {
  Rating rating = Rating::k0;
  const DataAsset* asset = nullptr;
};
enum class Dimension : uint8_t { kConfidentiality, kIntegrity, kAvailability };
DataRating HighestRating(const Component& component, Dimension dimension, const ModelIndex& index);
DataRating HighestRating(const Flow& flow, Dimension dimension, const ModelIndex& index);

}  // namespace candor::threatmodel
