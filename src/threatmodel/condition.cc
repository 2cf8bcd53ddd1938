#include "threatmodel/condition.h"

#include <fmt/format.h>

#include <algorithm>

#include "threatmodel/ratings.h"

namespace candor::threatmodel {

const std::initializer_list<std::string_view> kFactNames = {
    "type",
    "technology",
    "internet_facing",
    "encryption_at_rest",
    "authentication",
    "authorization",
    "custom_code",
    "accepts",
    "tags",
    "stores_data",
    "in_boundary",
    "boundary_type",
    "receives_from_untrusted",
    "inbound_protocol",
    "outbound_protocol",
    "calls_technology",
    "model_lacks_technology",
    "protocol",
    "encrypted",
    "crosses_boundary",
    "source_type",
    "target_type",
    "source_technology",
    "target_technology",
    "source_internet_facing",
    "target_authentication",
    "data_confidentiality_at_least",
    "data_integrity_at_least",
    "data_availability_at_least",
};

namespace {

using Kind = FactValueKind;

std::string Quoted(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& w : words) text += (text.empty() ? "'" : ", '") + w + "'";
  return text;
}

bool AnyOf(const std::vector<std::string>& wanted, std::string_view value) {
  return std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

// The first of `values` that is one of `wanted`, or nullptr.
const std::string* FirstOf(const std::vector<std::string>& wanted, const std::vector<std::string>& values) {
  for (const auto& v : values)
    if (AnyOf(wanted, v)) return &v;
  return nullptr;
}

std::optional<std::string> Bool(std::string_view name, bool actual, bool wanted) {
  if (actual != wanted) return std::nullopt;
  return fmt::format("{} is {}", name, actual ? "true" : "false");
}

std::optional<std::string> Word(std::string_view name, std::string_view actual,
                                const std::vector<std::string>& wanted) {
  if (!AnyOf(wanted, actual)) return std::nullopt;
  return fmt::format("{} is '{}'", name, actual);
}

std::optional<std::string> Listed(std::string_view name, const std::vector<std::string>& values,
                                  const std::vector<std::string>& wanted) {
  const std::string* hit = FirstOf(wanted, values);
  if (!hit) return std::nullopt;
  return fmt::format("{} '{}'", name, *hit);
}

Rating RatingOf(const DataAsset& asset, Dimension dimension) {
  switch (dimension) {
    case Dimension::kConfidentiality: return asset.confidentiality;
    case Dimension::kIntegrity: return asset.integrity;
    case Dimension::kAvailability: return asset.availability;
  }
  return asset.confidentiality;
}

template <class... Lists>
DataRating Highest(Dimension dimension, const ModelIndex& index, const Lists&... lists) {
  DataRating best;
  auto consider = [&](const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
      const DataAsset* asset = index.Asset(id);
      if (asset && (!best.asset || RatingOf(*asset, dimension) > best.rating)) {
        best = {RatingOf(*asset, dimension), asset};
      }
    }
  };
  (consider(lists), ...);
  return best;
}

std::optional<std::string> DataAtLeast(const Predicate& p, const DataRating& rating) {
  if (!rating.asset || rating.rating < p.threshold) return std::nullopt;
  const bool confidentiality = p.fact == Fact::kDataConfidentialityAtLeast;
  std::string_view dimension = confidentiality                         ? "confidentiality"
                               : p.fact == Fact::kDataIntegrityAtLeast ? "integrity"
                                                                       : "availability";
  std::string_view level =
      confidentiality ? ConfidentialityName(rating.rating) : CriticalityName(rating.rating);
  return fmt::format("data '{}' has {} {}", rating.asset->id, dimension, level);
}

Dimension DimensionOf(Fact fact) {
  return fact == Fact::kDataConfidentialityAtLeast ? Dimension::kConfidentiality
         : fact == Fact::kDataIntegrityAtLeast     ? Dimension::kIntegrity
                                                   : Dimension::kAvailability;
}

bool Untrusted(const Component& c) {
  return c.internet_facing || c.type == ComponentType::kExternalEntity;
}

}  // namespace

FactInfo InfoOf(Fact fact) {
  switch (fact) {
    case Fact::kAuthentication:
    case Fact::kAuthorization:
    case Fact::kTags: return {true, true, Kind::kWords};
    case Fact::kType:
    case Fact::kTechnology:
    case Fact::kAccepts:
    case Fact::kInboundProtocol:
    case Fact::kOutboundProtocol:
    case Fact::kCallsTechnology:
    case Fact::kBoundaryType:
    case Fact::kModelLacksTechnology: return {true, false, Kind::kWords};
    case Fact::kInternetFacing:
    case Fact::kEncryptionAtRest:
    case Fact::kCustomCode:
    case Fact::kStoresData:
    case Fact::kInBoundary:
    case Fact::kReceivesFromUntrusted: return {true, false, Kind::kBool};
    case Fact::kProtocol:
    case Fact::kSourceType:
    case Fact::kTargetType:
    case Fact::kSourceTechnology:
    case Fact::kTargetTechnology:
    case Fact::kTargetAuthentication: return {false, true, Kind::kWords};
    case Fact::kEncrypted:
    case Fact::kCrossesBoundary:
    case Fact::kSourceInternetFacing: return {false, true, Kind::kBool};
    case Fact::kDataConfidentialityAtLeast: return {true, true, Kind::kConfidentiality};
    case Fact::kDataIntegrityAtLeast:
    case Fact::kDataAvailabilityAtLeast: return {true, true, Kind::kCriticality};
  }
  return {false, false, Kind::kBool};
}

std::optional<Fact> ParseFact(std::string_view name) {
  size_t i = 0;
  for (std::string_view candidate : kFactNames) {
    if (candidate == name) return static_cast<Fact>(i);
    ++i;
  }
  return std::nullopt;
}

std::string_view ToString(Fact fact) {
  size_t i = static_cast<size_t>(fact);
  return i < kFactNames.size() ? kFactNames.begin()[i] : "unknown";
}

DataRating HighestRating(const Component& c, Dimension dimension, const ModelIndex& index) {
  return Highest(dimension, index, c.stores, c.processes);
}

DataRating HighestRating(const Flow& f, Dimension dimension, const ModelIndex& index) {
  return Highest(dimension, index, f.sends, f.receives);
}

std::optional<std::string> Holds(const Predicate& p, const Component& c, const ModelIndex& index) {
  switch (p.fact) {
    case Fact::kType: return Word("type", ToString(c.type), p.words);
    case Fact::kTechnology: return Word("technology", c.technology, p.words);
    case Fact::kInternetFacing: return Bool("internet_facing", c.internet_facing, p.flag);
    case Fact::kEncryptionAtRest: return Bool("encryption_at_rest", c.encryption_at_rest, p.flag);
    case Fact::kAuthentication: return Word("authentication", c.authentication, p.words);
    case Fact::kAuthorization: return Word("authorization", c.authorization, p.words);
    case Fact::kCustomCode: return Bool("custom_code", c.custom_code, p.flag);
    case Fact::kAccepts: return Listed("accepts", c.accepts, p.words);
    case Fact::kTags: return Listed("tagged", c.tags, p.words);
    case Fact::kStoresData: return Bool("stores_data", !c.stores.empty(), p.flag);
    case Fact::kInBoundary: return Bool("in_boundary", index.BoundaryOf(c.id) != nullptr, p.flag);
    case Fact::kBoundaryType:
      for (const Boundary* b = index.BoundaryOf(c.id); b; b = index.ParentOf(*b)) {
        if (AnyOf(p.words, ToString(b->type))) {
          return fmt::format("it runs inside {} boundary '{}'", ToString(b->type), b->id);
        }
      }
      return std::nullopt;
    case Fact::kReceivesFromUntrusted: {
      const Flow* from = nullptr;
      for (const Flow* f : index.Inbound(c.id)) {
        const Component* source = index.FindComponent(f->source);
        if (source && Untrusted(*source)) {
          from = f;
          break;
        }
      }
      bool holds = from != nullptr || c.internet_facing;
      if (holds != p.flag) return std::nullopt;
      if (!holds) return "no flow reaches it from the internet or an external entity";
      if (c.internet_facing) return "it is internet-facing";
      return fmt::format("flow '{}' reaches it from '{}'", from->id, from->source);
    }
    case Fact::kInboundProtocol:
      for (const Flow* f : index.Inbound(c.id))
        if (AnyOf(p.words, f->protocol))
          return fmt::format("flow '{}' into it uses '{}'", f->id, f->protocol);
      return std::nullopt;
    case Fact::kOutboundProtocol:
      for (const Flow* f : index.Outbound(c.id))
        if (AnyOf(p.words, f->protocol))
          return fmt::format("flow '{}' out of it uses '{}'", f->id, f->protocol);
      return std::nullopt;
    case Fact::kCallsTechnology:
      for (const Flow* f : index.Outbound(c.id)) {
        const Component* target = index.FindComponent(f->target);
        if (target && AnyOf(p.words, target->technology)) {
          return fmt::format("it calls '{}' ({}) over flow '{}'", target->id, target->technology, f->id);
        }
      }
      return std::nullopt;
    case Fact::kModelLacksTechnology:
      if (index.HasTechnology(p.words)) return std::nullopt;
      return fmt::format("the model has no component of technology {}", Quoted(p.words));
    case Fact::kDataConfidentialityAtLeast:
    case Fact::kDataIntegrityAtLeast:
    case Fact::kDataAvailabilityAtLeast: return DataAtLeast(p, HighestRating(c, DimensionOf(p.fact), index));
    default: return std::nullopt;  // a flow fact; the catalogue parser refuses it on components
  }
}

std::optional<std::string> Holds(const Predicate& p, const Flow& f, const ModelIndex& index) {
  const Component* source = index.FindComponent(f.source);
  const Component* target = index.FindComponent(f.target);
  switch (p.fact) {
    case Fact::kTags: return Listed("tagged", f.tags, p.words);
    case Fact::kProtocol: return Word("protocol", f.protocol, p.words);
    case Fact::kEncrypted: return Bool("encrypted", f.encrypted, p.flag);
    case Fact::kCrossesBoundary: {
      bool crosses = index.CrossesBoundary(f);
      if (crosses != p.flag) return std::nullopt;
      return crosses ? fmt::format("it crosses a trust boundary between '{}' and '{}'", f.source, f.target)
                     : std::string("both ends are inside the same trust boundary");
    }
    case Fact::kSourceType:
      return source ? Word("source type", ToString(source->type), p.words) : std::nullopt;
    case Fact::kTargetType:
      return target ? Word("target type", ToString(target->type), p.words) : std::nullopt;
    case Fact::kSourceTechnology:
      return source ? Word("source technology", source->technology, p.words) : std::nullopt;
    case Fact::kTargetTechnology:
      return target ? Word("target technology", target->technology, p.words) : std::nullopt;
    case Fact::kSourceInternetFacing:
      return source ? Bool("source internet_facing",
                           source->internet_facing || source->type == ComponentType::kExternalEntity, p.flag)
                    : std::nullopt;
    case Fact::kTargetAuthentication:
      return target ? Word("target authentication", target->authentication, p.words) : std::nullopt;
    case Fact::kAuthentication: return Word("authentication", f.authentication, p.words);
    case Fact::kAuthorization: return Word("authorization", f.authorization, p.words);
    case Fact::kDataConfidentialityAtLeast:
    case Fact::kDataIntegrityAtLeast:
    case Fact::kDataAvailabilityAtLeast: return DataAtLeast(p, HighestRating(f, DimensionOf(p.fact), index));
    default: return std::nullopt;
  }
}

}  // namespace candor::threatmodel
