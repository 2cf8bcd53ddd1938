#pragma once
// A rule catalogue: the rules that turn a model into threats, and the security
// requirements they generate. Candor's built-in catalogue is YAML shipped in
// src/threatmodel/catalogue/ and embedded in the binary (builtin_catalogue.h);
// teams add rules of the same form with `--rules FILE`.
// Not thread-safe: a rule's Lua condition holds a Lua state.

#include <memory>
#include <string>
#include <vector>

#include "threatmodel/condition.h"

namespace candor::lua {
class LuaSandbox;
}

namespace candor::threatmodel {

enum class Stride : uint8_t {
  kSpoofing,
  kTampering,
  kRepudiation,
  kInformationDisclosure,
  kDenialOfService,
  kElevationOfPrivilege,
};

struct Requirement {
  std::string id;     // "SR-3"
  std::string title;  // "Authenticate every caller"
  std::string text;   // the testable statement
  std::string asvs;   // OWASP ASVS 4.0.3 reference, "V2.1.1", or empty
  std::string where;
};

struct Rule {
  std::string id;  // kebab-case; the first half of a threat id
  std::string title;
  std::string description;
  Stride stride = Stride::kTampering;
  std::vector<int> cwes;
  Target applies_to = Target::kComponent;
  std::vector<Predicate> when;                     // all must hold
  std::string lua;                                 // optional extra condition, a Lua 5.4 expression
  std::shared_ptr<lua::LuaSandbox> sandbox;        // compiled `lua`, shared by copies of the rule
  int likelihood = 2;                              // 1 unlikely .. 4 frequent
  Dimension impact = Dimension::kConfidentiality;  // which rating of the data sets the impact
  std::string requirement;                         // a Requirement id
  std::string where;
};

struct Catalogue {
  std::vector<Requirement> requirements;
  std::vector<Rule> rules;

  const Requirement* FindRequirement(std::string_view id) const;
};

std::string_view ToString(Stride stride);
std::string_view ToString(Dimension dimension);
std::string_view LikelihoodName(int likelihood);

// Reads a catalogue file (docs/threat-modelling.md, "Rules"); errors at FILE:LINE:COL.
core::Result<Catalogue> ParseCatalogue(std::string_view yaml_text, std::string_view file_name);
// Adds `more` to `into`; a rule or requirement id that is already there is an error.
core::Status MergeCatalogue(Catalogue& into, Catalogue more);

}  // namespace candor::threatmodel
