// ImportOtm: the Open Threat Model (OTM) format. Assets are rated 0..100 for
// confidentiality, integrity and availability; those map onto Candor's five
// levels in steps of 20. Trust zones become boundaries; components in a zone
// of type "internet" are internet-facing.

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "threatmodel/import.h"
#include "threatmodel/json_document.h"
#include "threatmodel/model_parser.h"
#include "threatmodel/validate.h"
#include "threatmodel/yaml_document.h"
#include "yaml/yaml_reader.h"

namespace candor::threatmodel {
namespace {

using nlohmann::json;

constexpr size_t kMaxValues = 2'000'000;

Rating FromPercent(double value) {
  int level = static_cast<int>(std::clamp(value, 0.0, 100.0) / 20.0);
  return static_cast<Rating>(std::min(level, 4));
}

ComponentType TypeFromOtm(std::string_view type) {
  static constexpr std::string_view kExternal[] = {
      "web-client", "mobile-client",    "generic-client",        "actor",
      "user",       "external-service", "android-device-client", "ios-device-client"};
  static constexpr std::string_view kStores[] = {"database",      "sql-database", "nosql-database",
                                                 "storage",       "filesystem",   "s3",
                                                 "azure-storage", "cache",        "data-lake"};
  for (auto word : kExternal)
    if (type == word) return ComponentType::kExternalEntity;
  for (auto word : kStores)
    if (type == word) return ComponentType::kDatastore;
  return ComponentType::kProcess;
}

// OTM in YAML becomes the JSON it would have been, so one importer reads both.
core::Result<json> YamlToJson(const YAML::Node& node, yaml::YamlReader& reader, int depth) {
  if (auto visited = reader.Visit(node); !visited) return std::unexpected(visited.error());
  if (depth > kMaxJsonDepth) return reader.Error(node, "the model is nested too deeply");
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      json out = json::object();
      for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::detail::iterator_value pair = *it;
        if (!pair.first.IsScalar()) return reader.Error(pair.first, "keys must be plain words");
        auto value = YamlToJson(pair.second, reader, depth + 1);
        if (!value) return value;
        out[pair.first.Scalar()] = std::move(*value);
      }
      return out;
    }
    case YAML::NodeType::Sequence: {
      json out = json::array();
      for (const YAML::Node& item : node) {
        auto value = YamlToJson(item, reader, depth + 1);
        if (!value) return value;
        out.push_back(std::move(*value));
      }
      return out;
    }
    case YAML::NodeType::Scalar: {
      const std::string& text = node.Scalar();
      if (node.Tag() != "!") {  // unquoted: may be a number or a boolean
        if (text == "true" || text == "false") return json(text == "true");
        double number = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (!text.empty() && error == std::errc() && end == text.data() + text.size()) return json(number);
      }
      return json(text);
    }
    default: return json(nullptr);
  }
}

class Importer {
 public:
  explicit Importer(std::string_view file_name) : file_name_(file_name) {}

  core::Result<Model> Run(const json& root) {
    Model model;
    model.source = std::string(file_name_);
    model.format = "otm";
    if (!root.is_object()) return Invalid("$", "an OTM document must be an object");
    JsonFields top(file_name_, root, "$");
    if (auto project = top.Object("project"); !project) {
      return std::unexpected(project.error());
    } else if (*project && (*project)->is_object()) {
      auto name = JsonFields(file_name_, **project, "$.project").String("name");
      if (!name) return std::unexpected(name.error());
      model.title = *name;
    }
    if (auto s = Each(top, "assets", [&](const JsonFields& f) { return Asset(f, model); }); !s)
      return std::unexpected(s.error());
    if (auto s = Each(top, "trustZones", [&](const JsonFields& f) { return Zone(f, model); }); !s)
      return std::unexpected(s.error());
    if (auto s = Each(top, "components", [&](const JsonFields& f) { return ComponentAt(f, model); }); !s)
      return std::unexpected(s.error());
    if (auto s = Each(top, "dataflows", [&](const JsonFields& f) { return FlowAt(f, model); }); !s)
      return std::unexpected(s.error());
    Place(model);
    if (auto valid = ValidateModel(model); !valid) return std::unexpected(valid.error());
    return model;
  }

 private:
  std::unexpected<core::Error> Invalid(const std::string& path, std::string message) {
    return core::Fail(core::ErrorCode::kInvalidInput, std::move(message),
                      fmt::format("{}: at {}", file_name_, path));
  }

  template <class Fn>
  core::Status Each(const JsonFields& top, const char* member, Fn&& each) {
    auto array = top.Array(member);
    if (!array) return std::unexpected(array.error());
    if (!*array) return {};
    size_t i = 0;
    for (const json& item : **array) {
      std::string path = fmt::format("$.{}[{}]", member, i++);
      if (!item.is_object()) return Invalid(path, "each entry must be an object");
      if (auto s = each(JsonFields(file_name_, item, path)); !s) return s;
    }
    return {};
  }

  core::Status Id(const JsonFields& f, std::string& out) {
    auto id = f.String("id");
    if (!id) return std::unexpected(id.error());
    if (!ValidElementId(*id)) return Invalid(f.path() + ".id", fmt::format("'{}' is not a usable id", *id));
    out = std::move(*id);
    return {};
  }

  core::Status Strings(const JsonFields& f, const char* member, std::vector<std::string>& out) {
    auto array = f.Array(member);
    if (!array) return std::unexpected(array.error());
    if (!*array) return {};
    for (const json& item : **array) {
      if (!item.is_string()) return Invalid(f.path() + "." + member, "must hold strings");
      out.push_back(item.get<std::string>());
    }
    return {};
  }

  core::Status Asset(const JsonFields& f, Model& model) {
    DataAsset a;
    a.where = f.Where();
    if (auto s = Id(f, a.id); !s) return s;
    auto name = f.String("name");
    if (!name) return std::unexpected(name.error());
    a.name = *name;
    auto risk = f.Object("risk");
    if (!risk) return std::unexpected(risk.error());
    if (*risk) {
      JsonFields r(file_name_, **risk, f.path() + ".risk");
      auto c = r.Number("confidentiality", 20), i = r.Number("integrity", 20),
           av = r.Number("availability", 20);
      if (!c) return std::unexpected(c.error());
      if (!i) return std::unexpected(i.error());
      if (!av) return std::unexpected(av.error());
      a.confidentiality = FromPercent(*c);
      a.integrity = FromPercent(*i);
      a.availability = FromPercent(*av);
    }
    model.assets.push_back(std::move(a));
    return {};
  }

  core::Status Zone(const JsonFields& f, Model& model) {
    Boundary b;
    b.where = f.Where();
    if (auto s = Id(f, b.id); !s) return s;
    auto name = f.String("name"), type = f.String("type");
    if (!name) return std::unexpected(name.error());
    if (!type) return std::unexpected(type.error());
    b.name = *name;
    b.type = type->find("cloud") != std::string::npos ? BoundaryType::kCloud : BoundaryType::kNetwork;
    if (*type == "internet" || name->find("nternet") != std::string::npos) internet_zones_.push_back(b.id);
    if (auto parent = ParentZone(f); !parent)
      return std::unexpected(parent.error());
    else if (!parent->empty())
      zone_parent_.emplace_back(b.id, *parent);
    model.boundaries.push_back(std::move(b));
    return {};
  }

  core::Result<std::string> ParentZone(const JsonFields& f) {
    auto parent = f.Object("parent");
    if (!parent) return std::unexpected(parent.error());
    if (!*parent) return std::string();
    JsonFields p(file_name_, **parent, f.path() + ".parent");
    auto zone = p.String("trustZone");
    if (!zone) return zone;
    if (!zone->empty()) return zone;
    auto component = p.String("component");
    if (!component) return component;
    return "component:" + *component;  // resolved in Place
  }

  core::Status ComponentAt(const JsonFields& f, Model& model) {
    Component c;
    c.where = f.Where();
    if (auto s = Id(f, c.id); !s) return s;
    auto name = f.String("name"), type = f.String("type");
    if (!name) return std::unexpected(name.error());
    if (!type) return std::unexpected(type.error());
    c.name = *name;
    c.type = TypeFromOtm(*type);
    c.technology = CanonicalTechnology(*type);
    c.authentication = "none";
    c.authorization = "none";
    if (auto s = Strings(f, "tags", c.tags); !s) return s;
    auto assets = f.Object("assets");
    if (!assets) return std::unexpected(assets.error());
    if (*assets) {
      JsonFields a(file_name_, **assets, f.path() + ".assets");
      if (auto s = Strings(a, "processed", c.processes); !s) return s;
      if (auto s = Strings(a, "stored", c.stores); !s) return s;
    }
    auto parent = ParentZone(f);
    if (!parent) return std::unexpected(parent.error());
    if (!parent->empty()) component_parent_.emplace_back(c.id, *parent);
    model.components.push_back(std::move(c));
    return {};
  }

  core::Status FlowAt(const JsonFields& f, Model& model) {
    Flow flow;
    flow.where = f.Where();
    if (auto s = Id(f, flow.id); !s) return s;
    auto name = f.String("name"), source = f.String("source"), target = f.String("destination");
    if (!name) return std::unexpected(name.error());
    if (!source) return std::unexpected(source.error());
    if (!target) return std::unexpected(target.error());
    flow.name = *name;
    flow.source = *source;
    flow.target = *target;
    flow.authentication = "none";
    flow.authorization = "none";
    if (auto s = Strings(f, "assets", flow.sends); !s) return s;
    if (auto s = Strings(f, "tags", flow.tags); !s) return s;
    model.flows.push_back(std::move(flow));
    return {};
  }

  // Puts components and zones into their zones once every id is known.
  void Place(Model& model) {
    auto zone_of = [&](std::string parent) {
      for (int hops = 0; parent.starts_with("component:") && hops < 64; ++hops) {
        std::string id = parent.substr(10);
        parent.clear();
        for (const auto& [child, up] : component_parent_)
          if (child == id) parent = up;
      }
      return parent.starts_with("component:") ? std::string() : parent;
    };
    for (const auto& [id, parent] : component_parent_) {
      std::string zone = zone_of(parent);
      for (Boundary& b : model.boundaries)
        if (b.id == zone) b.components.push_back(id);
      if (std::find(internet_zones_.begin(), internet_zones_.end(), zone) != internet_zones_.end()) {
        for (Component& c : model.components)
          if (c.id == id) c.internet_facing = true;
      }
    }
    for (const auto& [id, parent] : zone_parent_) {
      for (Boundary& b : model.boundaries)
        if (b.id == parent) b.boundaries.push_back(id);
    }
  }

  std::string_view file_name_;
  std::vector<std::string> internet_zones_;
  std::vector<std::pair<std::string, std::string>> component_parent_, zone_parent_;
};

}  // namespace

core::Result<Model> ImportOtm(std::string_view text, std::string_view file_name) {
  std::string_view trimmed = text.substr(std::min(text.find_first_not_of(" \t\r\n"), text.size()));
  if (!trimmed.empty() && trimmed.front() == '{') {
    auto root = ParseJsonDocument(text, file_name);
    if (!root) return std::unexpected(root.error());
    return Importer(file_name).Run(*root);
  }
  auto root = LoadYamlDocument(text, file_name, "the OTM model");
  if (!root) return std::unexpected(root.error());
  yaml::YamlReader reader(file_name, kMaxValues);
  core::Result<json> converted;
  try {
    converted = YamlToJson(*root, reader, 0);
  } catch (const YAML::Exception& error) {
    return core::Fail(core::ErrorCode::kInvalidInput, "YAML: " + error.msg, reader.Where(error.mark));
  }
  if (!converted) return std::unexpected(converted.error());
  return Importer(file_name).Run(*converted);
}

}  // namespace candor::threatmodel
