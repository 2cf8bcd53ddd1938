// LoadModel and format detection: one entry point for every model format.

#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/text.h"
#include "ingest/input.h"
#include "threatmodel/import.h"
#include "threatmodel/model_parser.h"
#include "threatmodel/yaml_document.h"

namespace candor::threatmodel {
namespace {

core::Result<std::string> ReadFile(const std::string& path) {
  ingest::Limits limits;
  limits.max_input_bytes = kMaxModelBytes;
  auto input = ingest::LoadInput(path, limits);
  if (!input) return std::unexpected(input.error());
  return std::string(input->bytes());
}

bool HasTopLevelKey(std::string_view text, std::string_view key) {
  // A YAML key at column 1 ("key:") or a JSON key anywhere ("\"key\"").
  size_t at = 0;
  while ((at = text.find(key, at)) != std::string_view::npos) {
    bool line_start = at == 0 || text[at - 1] == '\n';
    bool yaml = line_start && at + key.size() < text.size() && text[at + key.size()] == ':';
    bool json =
        at > 0 && text[at - 1] == '"' && at + key.size() < text.size() && text[at + key.size()] == '"';
    if (yaml || json) return true;
    at += key.size();
  }
  return false;
}

}  // namespace

std::string_view DetectModelFormat(std::string_view text) {
  std::string_view trimmed = core::Trim(text);
  bool json = !trimmed.empty() && trimmed.front() == '{';
  if (HasTopLevelKey(text, "otmVersion")) return "otm";
  // Any other JSON is read as Threat Dragon, whose importer says what is missing.
  if (json) return "threat-dragon";
  if (HasTopLevelKey(text, "threagile_version") || HasTopLevelKey(text, "technical_assets"))
    return "threagile";
  return "candor";
}

std::string CanonicalTechnology(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kSynonyms = {{
      {"sourcecode-repository", "source-repository"},
      {"web-service-rest", "web-service"},
      {"web-service-soap", "web-service"},
      {"application-server", "web-application"},
      {"identity-store-ldap", "ldap-server"},
      {"identity-store-database", "database"},
      {"vault", "secret-store"},
      {"hsm", "secret-store"},
      {"function", "serverless"},
      {"block-storage", "file-server"},
      {"data-lake", "database"},
      {"web-client", "browser"},
      {"search-index", "search-engine"},
      {"ci-cd", "build-pipeline"},
  }};
  for (const auto& [from, to] : kSynonyms)
    if (word == from) return std::string(to);
  return std::string(word);
}

std::string IdFromName(std::string_view name) {
  std::string id;
  for (char c : name) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
      keep = true;
    }
    if (keep) {
      id.push_back(c);
    } else if (!id.empty() && id.back() != '-') {
      id.push_back('-');
    }
    if (id.size() >= 80) break;
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

core::Result<Model> LoadModel(const std::string& path) {
  auto text = ReadFile(path);
  if (!text) return std::unexpected(text.error());
  std::string_view format = DetectModelFormat(*text);
  if (format == "threagile") return ImportThreagile(*text, path, ReadFile);
  if (format == "otm") return ImportOtm(*text, path);
  if (format == "threat-dragon") return ImportThreatDragon(*text, path);
  return ParseNativeModel(*text, path);
}

}  // namespace candor::threatmodel
