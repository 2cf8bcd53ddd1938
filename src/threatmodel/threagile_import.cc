// ImportThreagile: Threagile's model (data_assets, technical_assets with their
// communication_links, trust_boundaries) mapped onto Candor's. Threagile rates
// assets on the same scales Candor uses, so ratings carry over unchanged.

#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "threatmodel/import.h"
#include "threatmodel/model_parser.h"
#include "threatmodel/ratings.h"
#include "threatmodel/validate.h"
#include "threatmodel/yaml_document.h"
#include "yaml/yaml_reader.h"

namespace candor::threatmodel {
namespace {

using yaml::YamlReader;

constexpr size_t kMaxValues = 2'000'000;
constexpr int kMaxIncludeDepth = 8;
constexpr size_t kMaxIncludedFiles = 64;

BoundaryType BoundaryFromThreagile(std::string_view type) {
  if (type.starts_with("network-cloud")) return BoundaryType::kCloud;
  if (type == "network-policy-namespace-isolation") return BoundaryType::kContainer;
  if (type == "execution-environment") return BoundaryType::kExecutionEnvironment;
  return BoundaryType::kNetwork;
}

std::string AuthorizationFromThreagile(std::string_view word) {
  return word == "end-user-identity-propagation" ? "end-user" : std::string(word);
}

// Nothing but white space and comments.
bool IsBlank(std::string_view text) {
  bool comment = false;
  for (char c : text) {
    if (c == '\n')
      comment = false;
    else if (c == '#')
      comment = true;
    else if (!comment && c != ' ' && c != '\t' && c != '\r')
      return false;
  }
  return true;
}

class Importer {
 public:
  Importer(const FileLoader& load, Model& model) : load_(load), model_(model) {}

  core::Status File(std::string_view text, const std::string& name, int depth) {
    if (++files_ > kMaxIncludedFiles) {
      return core::Fail(core::ErrorCode::kLimitExceeded,
                        fmt::format("the model includes more than {} files", kMaxIncludedFiles), name);
    }
    // Split models include files that hold only comments (diagram tweaks).
    if (depth > 0 && IsBlank(text)) return {};
    auto root = LoadYamlDocument(text, name, "the Threagile model");
    if (!root) return std::unexpected(root.error());
    YamlReader reader(name, kMaxValues);
    if (!root->IsMap()) return reader.Error(*root, "a Threagile model must be a mapping");
    try {
      if (auto s = Sections(*root, reader); !s) return s;
      if (YAML::Node includes = (*root)["includes"]; includes && !includes.IsNull()) {
        if (depth >= kMaxIncludeDepth) return reader.Error(includes, "includes are nested too deeply");
        auto items = reader.Sequence(includes, "includes");
        if (!items) return std::unexpected(items.error());
        for (const YAML::Node& item : *items) {
          auto path = reader.String(item, "includes");
          if (!path) return std::unexpected(path.error());
          std::filesystem::path relative(*path);
          if (relative.is_absolute() || path->find("..") != std::string::npos) {
            return reader.Error(item,
                                fmt::format("include '{}' must be a path below the model's folder", *path));
          }
          std::string full =
              (std::filesystem::path(name).parent_path() / relative).lexically_normal().string();
          // Threagile merges includes, so a file included twice (the example's
          // devops assets include the clients again) counts once.
          if (!included_.insert(full).second) continue;
          if (!load_) return reader.Error(item, "includes cannot be followed here");
          auto included = load_(full);
          if (!included) return std::unexpected(included.error());
          if (auto s = File(*included, full, depth + 1); !s) return s;
        }
      }
    } catch (const YAML::Exception& error) {
      return core::Fail(core::ErrorCode::kInvalidInput, "YAML: " + error.msg, reader.Where(error.mark));
    }
    return {};
  }

 private:
  // Threagile writes assets as `Title: &anchor {...}` and reuses them with
  // `<<: *anchor`; yaml-cpp 0.7 keeps `<<` as a plain key, so lookups fall
  // back to it.
  static YAML::Node Get(const YAML::Node& node, const char* key) {
    YAML::Node value = node[key];
    if (value && !value.IsNull()) return value;
    YAML::Node base = node["<<"];
    if (base && base.IsMap()) return base[key];
    return value;
  }

  core::Status Text(YamlReader& reader, const YAML::Node& node, const char* key, std::string& out) {
    YAML::Node value = Get(node, key);
    if (!value || value.IsNull()) return {};
    auto text = reader.String(value, key);
    if (!text) return std::unexpected(text.error());
    out = std::move(*text);
    return {};
  }

  core::Status Flag(YamlReader& reader, const YAML::Node& node, const char* key, bool& out) {
    YAML::Node value = Get(node, key);
    if (!value || value.IsNull()) return {};
    auto flag = reader.Boolean(value, key);
    if (!flag) return std::unexpected(flag.error());
    out = *flag;
    return {};
  }

  core::Status List(YamlReader& reader, const YAML::Node& node, const char* key,
                    std::vector<std::string>& out) {
    YAML::Node value = Get(node, key);
    if (!value || value.IsNull()) return {};
    auto items = reader.OneOrMany(value, key);
    if (!items) return std::unexpected(items.error());
    for (const YAML::Node& item : *items) out.push_back(item.Scalar());
    return {};
  }

  template <class T>
  core::Status Rated(YamlReader& reader, const YAML::Node& node, const char* key,
                     std::optional<T> (*parse)(std::string_view), T& out) {
    std::string word;
    if (auto s = Text(reader, node, key, word); !s) return s;
    if (word.empty()) return {};
    auto value = parse(word);
    if (!value)
      return reader.Error(Get(node, key), fmt::format("'{}' is not a Threagile {} value", word, key));
    out = *value;
    return {};
  }

  core::Status Id(YamlReader& reader, const YAML::Node& node, std::string& out) {
    if (auto s = Text(reader, node, "id", out); !s) return s;
    if (!ValidElementId(out)) return reader.Error(node, fmt::format("'{}' is not a usable id", out));
    return {};
  }

  template <class Fn>
  core::Status EachEntry(YamlReader& reader, const YAML::Node& root, const char* section, Fn&& each) {
    YAML::Node node = root[section];
    if (!node || node.IsNull()) return {};
    if (!node.IsMap()) return reader.Error(node, fmt::format("'{}' must be a mapping of titles", section));
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::detail::iterator_value pair = *it;
      if (auto visited = reader.Visit(pair.second); !visited) return visited;
      if (!pair.second.IsMap())
        return reader.Error(pair.second, fmt::format("an entry of '{}' must be a mapping", section));
      if (auto s = each(pair.first.Scalar(), pair.second); !s) return s;
    }
    return {};
  }

  core::Status Sections(const YAML::Node& root, YamlReader& reader) {
    if (YAML::Node title = root["title"]; title && title.IsScalar()) model_.title = title.Scalar();
    auto status = EachEntry(reader, root, "data_assets", [&](const std::string& title, const YAML::Node& n) {
      DataAsset a;
      a.name = title;
      a.where = reader.Where(n);
      if (auto s = Id(reader, n, a.id); !s) return s;
      if (auto s = Rated(reader, n, "confidentiality", ParseConfidentiality, a.confidentiality); !s) return s;
      if (auto s = Rated(reader, n, "integrity", ParseCriticality, a.integrity); !s) return s;
      if (auto s = Rated(reader, n, "availability", ParseCriticality, a.availability); !s) return s;
      if (auto s = Rated(reader, n, "quantity", ParseQuantity, a.quantity); !s) return s;
      model_.assets.push_back(std::move(a));
      return core::Status{};
    });
    if (!status) return status;
    status = EachEntry(reader, root, "technical_assets", [&](const std::string& title, const YAML::Node& n) {
      return TechnicalAsset(reader, title, n);
    });
    if (!status) return status;
    return EachEntry(reader, root, "trust_boundaries", [&](const std::string& title, const YAML::Node& n) {
      Boundary b;
      b.name = title;
      b.where = reader.Where(n);
      if (auto s = Id(reader, n, b.id); !s) return s;
      std::string type;
      if (auto s = Text(reader, n, "type", type); !s) return s;
      b.type = BoundaryFromThreagile(type);
      if (auto s = List(reader, n, "technical_assets_inside", b.components); !s) return s;
      if (auto s = List(reader, n, "trust_boundaries_nested", b.boundaries); !s) return s;
      model_.boundaries.push_back(std::move(b));
      return core::Status{};
    });
  }

  core::Status TechnicalAsset(YamlReader& reader, const std::string& title, const YAML::Node& n) {
    Component c;
    c.name = title;
    c.where = reader.Where(n);
    if (auto s = Id(reader, n, c.id); !s) return s;
    std::string type = "process", encryption, machine;
    if (auto s = Text(reader, n, "type", type); !s) return s;
    auto parsed = ParseComponentType(type);
    if (!parsed) return reader.Error(Get(n, "type"), fmt::format("'{}' is not a Threagile asset type", type));
    c.type = *parsed;
    if (auto s = Text(reader, n, "technology", c.technology); !s) return s;
    c.technology = CanonicalTechnology(c.technology);
    if (auto s = Flag(reader, n, "internet", c.internet_facing); !s) return s;
    if (auto s = Text(reader, n, "encryption", encryption); !s) return s;
    c.encryption_at_rest = !encryption.empty() && encryption != "none";
    c.custom_code = false;
    if (auto s = Flag(reader, n, "custom_developed_parts", c.custom_code); !s) return s;
    if (auto s = Flag(reader, n, "out_of_scope", c.out_of_scope); !s) return s;
    if (auto s = List(reader, n, "data_assets_stored", c.stores); !s) return s;
    if (auto s = List(reader, n, "data_assets_processed", c.processes); !s) return s;
    if (auto s = List(reader, n, "data_formats_accepted", c.accepts); !s) return s;
    if (auto s = List(reader, n, "tags", c.tags); !s) return s;
    if (auto s = Text(reader, n, "machine", machine); !s) return s;
    if (!machine.empty()) c.tags.push_back(machine);
    c.authentication = "none";
    c.authorization = "none";
    YAML::Node links = Get(n, "communication_links");
    if (links && links.IsMap()) {
      for (auto it = links.begin(); it != links.end(); ++it) {
        const YAML::detail::iterator_value pair = *it;
        if (auto visited = reader.Visit(pair.second); !visited) return visited;
        if (!pair.second.IsMap()) return reader.Error(pair.second, "a communication link must be a mapping");
        if (auto s = Link(reader, c.id, pair.first.Scalar(), pair.second); !s) return s;
      }
    } else if (links && !links.IsNull()) {
      return reader.Error(links, "'communication_links' must be a mapping of titles");
    }
    model_.components.push_back(std::move(c));
    return {};
  }

  core::Status Link(YamlReader& reader, const std::string& source, const std::string& title,
                    const YAML::Node& n) {
    Flow f;
    f.name = title;
    f.id = source + "/" + IdFromName(title);
    f.source = source;
    f.where = reader.Where(n);
    std::string authorization;
    bool vpn = false;
    if (auto s = Text(reader, n, "target", f.target); !s) return s;
    if (auto s = Text(reader, n, "protocol", f.protocol); !s) return s;
    if (auto s = Text(reader, n, "authentication", f.authentication); !s) return s;
    if (auto s = Text(reader, n, "authorization", authorization); !s) return s;
    if (auto s = Flag(reader, n, "vpn", vpn); !s) return s;
    if (auto s = List(reader, n, "data_assets_sent", f.sends); !s) return s;
    if (auto s = List(reader, n, "data_assets_received", f.receives); !s) return s;
    if (auto s = List(reader, n, "tags", f.tags); !s) return s;
    if (f.authentication.empty()) f.authentication = "none";
    f.authorization = authorization.empty() ? "none" : AuthorizationFromThreagile(authorization);
    f.encrypted = vpn || ProtocolEncrypts(f.protocol) || f.protocol == "in-process-library-call" ||
                  f.protocol == "local-file-access" || f.protocol == "container-runtime";
    model_.flows.push_back(std::move(f));
    return {};
  }

  const FileLoader& load_;
  Model& model_;
  size_t files_ = 0;
  std::set<std::string> included_;
};

// Threagile keeps authentication and authorization on links; Candor's rules
// also ask what a component enforces. A component enforces the weakest of
// what its callers must present: 'none' as soon as one link needs nothing.
void DeriveEnforcement(Model& model) {
  for (Component& c : model.components) {
    bool any = false, open = false, no_authorization = false;
    std::string authentication, authorization;
    for (const Flow& f : model.flows) {
      if (f.target != c.id) continue;
      if (!any) {
        authentication = f.authentication;
        authorization = f.authorization;
      }
      any = true;
      open = open || f.authentication == "none";
      no_authorization = no_authorization || f.authorization == "none";
    }
    c.authentication = !any || open ? "none" : authentication;
    c.authorization = !any || no_authorization ? "none" : authorization;
  }
}

}  // namespace

core::Result<Model> ImportThreagile(std::string_view yaml_text, std::string_view file_name,
                                    const FileLoader& load) {
  Model model;
  model.source = std::string(file_name);
  model.format = "threagile";
  Importer importer(load, model);
  if (auto s = importer.File(yaml_text, std::string(file_name), 0); !s) return std::unexpected(s.error());
  DeriveEnforcement(model);
  if (auto valid = ValidateModel(model); !valid) return std::unexpected(valid.error());
  return model;
}

}  // namespace candor::threatmodel
