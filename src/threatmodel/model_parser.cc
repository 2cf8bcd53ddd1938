// ParseNativeModel: the schema walk of `.candor/threatmodel.yaml`, through the
// shared yaml::YamlReader (unknown and duplicate keys, "did you mean").

#include "threatmodel/model_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "threatmodel/ratings.h"
#include "threatmodel/validate.h"
#include "threatmodel/yaml_document.h"
#include "yaml/yaml_reader.h"

namespace candor::threatmodel {

const std::initializer_list<std::string_view> kAuthenticationNames = {
    "none", "credentials", "session-id", "token", "client-certificate", "two-factor", "externalized"};
const std::initializer_list<std::string_view> kAuthorizationNames = {"none", "technical-user", "end-user"};

namespace {

using yaml::YamlReader;

constexpr size_t kMaxValues = 2'000'000;  // a model of 10,000 flows has a few hundred thousand
constexpr size_t kMaxIdLength = 120;

std::string Listed(std::initializer_list<std::string_view> names) {
  std::string text;
  for (std::string_view name : names) text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

class Parser {
 public:
  explicit Parser(std::string_view file_name) : reader_(file_name, kMaxValues) {}

  core::Result<Model> Document(const YAML::Node& root) {
    Model model;
    model.source = reader_.file_name();
    model.format = "candor";
    auto entries = reader_.Mapping(
        root, "the threat model",
        {"version", "title", "description", "assets", "components", "flows", "boundaries", "threats"});
    if (!entries) return std::unexpected(entries.error());
    bool has_version = false;
    for (const auto& entry : *entries) {
      core::Status status;
      if (entry.key == "version") {
        has_version = true;
        status = Version(entry.value);
      } else if (entry.key == "title") {
        status = Text(entry.value, "title", model.title);
      } else if (entry.key == "description") {
        std::string ignored;
        status = Text(entry.value, "description", ignored);
      } else if (entry.key == "assets") {
        status = Items(entry.value, "assets", [&](const YAML::Node& n) { return Asset(n, model); });
      } else if (entry.key == "components") {
        status = Items(entry.value, "components", [&](const YAML::Node& n) { return ComponentAt(n, model); });
      } else if (entry.key == "flows") {
        status = Items(entry.value, "flows", [&](const YAML::Node& n) { return FlowAt(n, model); });
      } else if (entry.key == "boundaries") {
        status = Items(entry.value, "boundaries", [&](const YAML::Node& n) { return BoundaryAt(n, model); });
      } else {
        status = Items(entry.value, "threats", [&](const YAML::Node& n) { return Decision(n, model); });
      }
      if (!status) return std::unexpected(status.error());
    }
    if (!has_version) return reader_.Error(root, "the threat model needs 'version: 1'");
    return model;
  }

 private:
  core::Status Version(const YAML::Node& node) {
    auto version = reader_.Integer(node, "version");
    if (!version) return std::unexpected(version.error());
    if (*version != 1) {
      return reader_.Error(
          node, fmt::format("threat model version {} is not known; this Candor reads version 1", *version));
    }
    return {};
  }

  template <class Fn>
  core::Status Items(const YAML::Node& node, std::string_view key, Fn&& each) {
    if (node.IsNull()) return {};
    auto items = reader_.Sequence(node, key);
    if (!items) return std::unexpected(items.error());
    for (const YAML::Node& item : *items) {
      if (auto status = each(item); !status) return status;
    }
    return {};
  }

  core::Status Text(const YAML::Node& node, std::string_view key, std::string& out) {
    if (node.IsNull()) return {};
    auto text = reader_.String(node, key);
    if (!text) return std::unexpected(text.error());
    out = std::move(*text);
    return {};
  }

  core::Status Flag(const YAML::Node& node, std::string_view key, bool& out) {
    auto value = reader_.Boolean(node, key);
    if (!value) return std::unexpected(value.error());
    out = *value;
    return {};
  }

  core::Status Id(const YAML::Node& node, std::string_view key, std::string& out) {
    auto text = reader_.String(node, key);
    if (!text) return std::unexpected(text.error());
    if (!ValidElementId(*text)) {
      return reader_.Error(node, fmt::format("'{}' is not a valid {} (letters, digits, '-', '_', '.', ':' "
                                             "and '/', at most {} characters)",
                                             *text, key, kMaxIdLength));
    }
    out = std::move(*text);
    return {};
  }

  core::Status Ids(const YAML::Node& node, std::string_view key, std::vector<std::string>& out) {
    if (node.IsNull()) return {};
    auto items = reader_.OneOrMany(node, key);
    if (!items) return std::unexpected(items.error());
    for (const YAML::Node& item : *items) {
      std::string id;
      if (auto status = Id(item, key, id); !status) return status;
      out.push_back(std::move(id));
    }
    return {};
  }

  core::Status Words(const YAML::Node& node, std::string_view key, std::vector<std::string>& out) {
    if (node.IsNull()) return {};
    auto items = reader_.OneOrMany(node, key);
    if (!items) return std::unexpected(items.error());
    for (const YAML::Node& item : *items) out.push_back(item.Scalar());
    return {};
  }

  template <class T>
  core::Status Enum(const YAML::Node& node, std::string_view key,
                    std::initializer_list<std::string_view> names,
                    std::optional<T> (*parse)(std::string_view), T& out) {
    auto text = reader_.String(node, key);
    if (!text) return std::unexpected(text.error());
    auto value = parse(*text);
    if (!value) {
      std::string hint = yaml::DidYouMean(*text, names);
      return reader_.Error(node, hint.empty()
                                     ? fmt::format("'{}' is not a {} (one of: {})", *text, key, Listed(names))
                                     : fmt::format("'{}' is not a {}{}", *text, key, hint));
    }
    out = *value;
    return {};
  }

  core::Status Word(const YAML::Node& node, std::string_view key,
                    std::initializer_list<std::string_view> names, std::string& out) {
    auto text = reader_.String(node, key);
    if (!text) return std::unexpected(text.error());
    if (std::find(names.begin(), names.end(), *text) == names.end()) {
      std::string hint = yaml::DidYouMean(*text, names);
      return reader_.Error(
          node, hint.empty() ? fmt::format("'{}' is not a known {} (one of: {})", *text, key, Listed(names))
                             : fmt::format("'{}' is not a known {}{}", *text, key, hint));
    }
    out = std::move(*text);
    return {};
  }

  core::Status Asset(const YAML::Node& node, Model& model) {
    auto entries = reader_.Mapping(
        node, "a data asset",
        {"id", "name", "description", "confidentiality", "integrity", "availability", "quantity"});
    if (!entries) return std::unexpected(entries.error());
    DataAsset asset;
    asset.where = reader_.Where(node);
    for (const auto& e : *entries) {
      core::Status s;
      if (e.key == "id")
        s = Id(e.value, "id", asset.id);
      else if (e.key == "name")
        s = Text(e.value, "name", asset.name);
      else if (e.key == "description")
        s = {};
      else if (e.key == "confidentiality")
        s = Enum(e.value, "confidentiality", kConfidentialityNames, ParseConfidentiality,
                 asset.confidentiality);
      else if (e.key == "integrity")
        s = Enum(e.value, "integrity", kCriticalityNames, ParseCriticality, asset.integrity);
      else if (e.key == "availability")
        s = Enum(e.value, "availability", kCriticalityNames, ParseCriticality, asset.availability);
      else
        s = Enum(e.value, "quantity", kQuantityNames, ParseQuantity, asset.quantity);
      if (!s) return s;
    }
    if (asset.id.empty()) return reader_.Error(node, "a data asset needs an 'id'");
    model.assets.push_back(std::move(asset));
    return {};
  }

  core::Status ComponentAt(const YAML::Node& node, Model& model) {
    auto entries = reader_.Mapping(node, "a component",
                                   {"id", "name", "description", "type", "technology", "internet_facing",
                                    "encryption_at_rest", "authentication", "authorization", "custom_code",
                                    "out_of_scope", "stores", "processes", "accepts", "tags"});
    if (!entries) return std::unexpected(entries.error());
    Component c;
    c.where = reader_.Where(node);
    c.authentication = "none";
    c.authorization = "none";
    for (const auto& e : *entries) {
      core::Status s;
      if (e.key == "id")
        s = Id(e.value, "id", c.id);
      else if (e.key == "name")
        s = Text(e.value, "name", c.name);
      else if (e.key == "description")
        s = {};
      else if (e.key == "type")
        s = Enum(e.value, "component type", kComponentTypeNames, ParseComponentType, c.type);
      else if (e.key == "technology")
        s = Text(e.value, "technology", c.technology);
      else if (e.key == "internet_facing")
        s = Flag(e.value, "internet_facing", c.internet_facing);
      else if (e.key == "encryption_at_rest")
        s = Flag(e.value, "encryption_at_rest", c.encryption_at_rest);
      else if (e.key == "authentication")
        s = Word(e.value, "authentication", kAuthenticationNames, c.authentication);
      else if (e.key == "authorization")
        s = Word(e.value, "authorization", kAuthorizationNames, c.authorization);
      else if (e.key == "custom_code")
        s = Flag(e.value, "custom_code", c.custom_code);
      else if (e.key == "out_of_scope")
        s = Flag(e.value, "out_of_scope", c.out_of_scope);
      else if (e.key == "stores")
        s = Ids(e.value, "stores", c.stores);
      else if (e.key == "processes")
        s = Ids(e.value, "processes", c.processes);
      else if (e.key == "accepts")
        s = Words(e.value, "accepts", c.accepts);
      else
        s = Words(e.value, "tags", c.tags);
      if (!s) return s;
    }
    if (c.id.empty()) return reader_.Error(node, "a component needs an 'id'");
    model.components.push_back(std::move(c));
    return {};
  }

  core::Status FlowAt(const YAML::Node& node, Model& model) {
    auto entries = reader_.Mapping(node, "a flow",
                                   {"id", "name", "description", "source", "target", "protocol", "encrypted",
                                    "authentication", "authorization", "sends", "receives", "tags"});
    if (!entries) return std::unexpected(entries.error());
    Flow f;
    f.where = reader_.Where(node);
    f.authentication = "none";
    f.authorization = "none";
    std::optional<bool> encrypted;
    for (const auto& e : *entries) {
      core::Status s;
      if (e.key == "id")
        s = Id(e.value, "id", f.id);
      else if (e.key == "name")
        s = Text(e.value, "name", f.name);
      else if (e.key == "description")
        s = {};
      else if (e.key == "source")
        s = Id(e.value, "source", f.source);
      else if (e.key == "target")
        s = Id(e.value, "target", f.target);
      else if (e.key == "protocol")
        s = Text(e.value, "protocol", f.protocol);
      else if (e.key == "encrypted") {
        bool value = false;
        s = Flag(e.value, "encrypted", value);
        encrypted = value;
      } else if (e.key == "authentication")
        s = Word(e.value, "authentication", kAuthenticationNames, f.authentication);
      else if (e.key == "authorization")
        s = Word(e.value, "authorization", kAuthorizationNames, f.authorization);
      else if (e.key == "sends")
        s = Ids(e.value, "sends", f.sends);
      else if (e.key == "receives")
        s = Ids(e.value, "receives", f.receives);
      else
        s = Words(e.value, "tags", f.tags);
      if (!s) return s;
    }
    if (f.source.empty() || f.target.empty())
      return reader_.Error(node, "a flow needs a 'source' and a 'target'");
    if (f.id.empty()) f.id = f.source + "->" + f.target;  // readable and stable; duplicates are refused later
    f.encrypted = encrypted.value_or(ProtocolEncrypts(f.protocol));
    model.flows.push_back(std::move(f));
    return {};
  }

  core::Status BoundaryAt(const YAML::Node& node, Model& model) {
    auto entries = reader_.Mapping(node, "a trust boundary",
                                   {"id", "name", "description", "type", "components", "boundaries"});
    if (!entries) return std::unexpected(entries.error());
    Boundary b;
    b.where = reader_.Where(node);
    for (const auto& e : *entries) {
      core::Status s;
      if (e.key == "id")
        s = Id(e.value, "id", b.id);
      else if (e.key == "name")
        s = Text(e.value, "name", b.name);
      else if (e.key == "description")
        s = {};
      else if (e.key == "type")
        s = Enum(e.value, "boundary type", kBoundaryTypeNames, ParseBoundaryType, b.type);
      else if (e.key == "components")
        s = Ids(e.value, "components", b.components);
      else
        s = Ids(e.value, "boundaries", b.boundaries);
      if (!s) return s;
    }
    if (b.id.empty()) return reader_.Error(node, "a trust boundary needs an 'id'");
    model.boundaries.push_back(std::move(b));
    return {};
  }

  core::Status Decision(const YAML::Node& node, Model& model) {
    auto entries = reader_.Mapping(node, "a threat decision", {"id", "status", "note"});
    if (!entries) return std::unexpected(entries.error());
    ThreatDecision d;
    d.where = reader_.Where(node);
    for (const auto& e : *entries) {
      core::Status s;
      if (e.key == "id")
        s = Text(e.value, "id", d.threat_id);
      else if (e.key == "status")
        s = Enum(e.value, "threat status", kThreatStatusNames, ParseThreatStatus, d.status);
      else
        s = Text(e.value, "note", d.note);
      if (!s) return s;
    }
    auto at = d.threat_id.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == d.threat_id.size()) {
      return reader_.Error(node, fmt::format("threat id '{}' must be RULE@ELEMENT", d.threat_id));
    }
    model.decisions.push_back(std::move(d));
    return {};
  }

  YamlReader reader_;
};

}  // namespace

bool ValidElementId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == ':' || c == '/';
  });
}

bool ProtocolEncrypts(std::string_view protocol) {
  static constexpr std::array kEncrypted = {"https",
                                            "wss",
                                            "tls",
                                            "ssh",
                                            "sftp",
                                            "ftps",
                                            "grpcs",
                                            "mtls",
                                            "jdbc-encrypted",
                                            "odbc-encrypted",
                                            "sql-access-protocol-encrypted",
                                            "ldaps",
                                            "smtp-encrypted",
                                            "imaps",
                                            "pop3s",
                                            "nosql-access-protocol-encrypted",
                                            "binary-encrypted",
                                            "text-encrypted",
                                            "reverse-proxy-web-protocol-encrypted",
                                            "mqtts",
                                            "amqps",
                                            "iiop-encrypted",
                                            "jrmp-encrypted"};
  return std::find(kEncrypted.begin(), kEncrypted.end(), protocol) != kEncrypted.end();
}

core::Result<Model> ParseNativeModel(std::string_view yaml_text, std::string_view file_name) {
  auto root = LoadYamlDocument(yaml_text, file_name, "the threat model");
  if (!root) return std::unexpected(root.error());
  core::Result<Model> model;
  try {
    model = Parser(file_name).Document(*root);
  } catch (const YAML::Exception& error) {
    yaml::YamlReader where(file_name, 0);
    return core::Fail(core::ErrorCode::kInvalidInput, "YAML: " + error.msg, where.Where(error.mark));
  }
  if (!model) return model;
  if (auto valid = ValidateModel(*model); !valid) return std::unexpected(valid.error());
  return model;
}

}  // namespace candor::threatmodel
