#pragma once
// The design model a threat model is made of: rated data assets, components,
// the flows between them and the trust boundaries around them. Every importer
// (native YAML, Threagile, OTM, Threat Dragon) produces this one shape, and
// everything downstream (validation, rules, diagrams, diffs) reads only it.
// Plain values, safe to copy between threads.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace candor::threatmodel {

// Ratings share one 0..4 scale so impact can be computed the same way for
// every dimension. Confidentiality: public, internal, restricted, confidential,
// strictly-confidential. Integrity and availability: archive, operational,
// important, critical, mission-critical (Threagile's scales, which people know).
enum class Rating : uint8_t { k0 = 0, k1 = 1, k2 = 2, k3 = 3, k4 = 4 };
enum class Quantity : uint8_t { kVeryFew, kFew, kMany, kVeryMany };
enum class ComponentType : uint8_t { kProcess, kDatastore, kExternalEntity };
enum class BoundaryType : uint8_t { kNetwork, kCloud, kContainer, kExecutionEnvironment };
enum class ThreatStatus : uint8_t { kOpen, kMitigated, kAccepted, kFalsePositive, kFixScheduled };

struct DataAsset {
  std::string id;
  std::string name;
  Rating confidentiality = Rating::k1;
  Rating integrity = Rating::k1;
  Rating availability = Rating::k1;
  Quantity quantity = Quantity::kFew;
  std::string where;  // "FILE:LINE:COL" of its definition, for messages
};

struct Component {
  std::string id;
  std::string name;
  ComponentType type = ComponentType::kProcess;
  std::string technology;              // a word of the technology list (docs/threat-modelling.md)
  bool internet_facing = false;        // reachable from the internet
  bool encryption_at_rest = false;     // data it stores is encrypted at rest
  std::string authentication;          // what it enforces on callers: none, credentials, token, ...
  std::string authorization;           // none, technical-user, end-user
  bool custom_code = true;             // built by the team (as opposed to bought or off the shelf)
  bool out_of_scope = false;           // drawn, but no threats are raised against it
  std::vector<std::string> stores;     // data asset ids
  std::vector<std::string> processes;  // data asset ids
  std::vector<std::string> accepts;    // data formats: json, xml, serialization, file, csv
  std::vector<std::string> tags;
  std::string where;
};

struct Flow {
  std::string id;
  std::string name;
  std::string source;  // component ids
  std::string target;
  std::string protocol;  // https, http, grpc, sql, amqp, ssh, ...
  bool encrypted = false;
  std::string authentication;         // none, credentials, session-id, token, client-certificate, two-factor
  std::string authorization;          // none, technical-user, end-user
  std::vector<std::string> sends;     // data asset ids, source to target
  std::vector<std::string> receives;  // data asset ids, target to source
  std::vector<std::string> tags;
  std::string where;
};

struct Boundary {
  std::string id;
  std::string name;
  BoundaryType type = BoundaryType::kNetwork;
  std::vector<std::string> components;  // component ids directly inside
  std::vector<std::string> boundaries;  // boundary ids nested directly inside
  std::string where;
};

// A team's decision on one threat, kept in the model file until the decision
// register lands. Applicability (did the rule fire) is computed; this is not.
struct ThreatDecision {
  std::string threat_id;  // "rule@element"
  ThreatStatus status = ThreatStatus::kOpen;
  std::string note;
  std::string where;
};

struct Model {
  std::string title;
  std::string source;  // the file it came from
  std::string format;  // "candor", "threagile", "otm", "threat-dragon"
  std::vector<DataAsset> assets;
  std::vector<Component> components;
  std::vector<Flow> flows;
  std::vector<Boundary> boundaries;
  std::vector<ThreatDecision> decisions;
};

}  // namespace candor::threatmodel
