#include "ownership/service_file.h"

#include <fmt/format.h>

#include "core/text.h"
#include "ingest/input.h"
#include "yaml/yaml_reader.h"

namespace candor::ownership {
namespace {

core::Result<store::ServiceRecord> Walk(const YAML::Node& root, std::string_view file_name) {
  yaml::YamlReader reader(file_name, 10'000);
  auto entries = reader.Mapping(
      root, "the service file",
      {"version", "service", "team", "tier", "data_classification", "champion", "security_partner", "repo"});
  if (!entries) return std::unexpected(entries.error());
  store::ServiceRecord service;
  for (const auto& entry : *entries) {
    auto text = reader.String(entry.value, entry.key);
    if (!text) return std::unexpected(text.error());
    std::string value(core::Trim(*text));
    if (entry.key == "version") {
      if (value != "1")
        return reader.Error(entry.value, fmt::format("version {} is not known; use 1", value));
    } else if (entry.key == "service") {
      service.name = value;
    } else if (entry.key == "team") {
      service.team = value;
    } else if (entry.key == "tier") {
      service.tier = value;
    } else if (entry.key == "data_classification") {
      service.data_class = value;
    } else if (entry.key == "champion") {
      service.champion = value;
    } else if (entry.key == "security_partner") {
      service.security_partner = value;
    } else {
      service.repo = value;
    }
  }
  if (service.name.empty()) return reader.Error(root, "the service file needs 'service': the service's name");
  if (service.team.empty()) return reader.Error(root, "the service file needs 'team': the team that owns it");
  return service;
}

}  // namespace

core::Result<store::ServiceRecord> ParseServiceFile(std::string_view yaml_text, std::string_view file_name) {
  return yaml::ParseDocument<store::ServiceRecord>(
      yaml_text, file_name, {"service file", kMaxServiceFileBytes},
      [&](const YAML::Node& root) { return Walk(root, file_name); });
}

core::Result<store::ServiceRecord> LoadServiceFile(const std::string& path) {
  ingest::Limits limits;
  limits.max_input_bytes = kMaxServiceFileBytes;
  auto input = ingest::LoadInput(path, limits);
  if (!input) return std::unexpected(input.error());
  return ParseServiceFile(input->bytes(), input->name());
}

}  // namespace candor::ownership
