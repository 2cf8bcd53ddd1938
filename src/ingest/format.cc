#include "ingest/format.h"

#include <fmt/format.h>

#include <array>
#include <string>
#include <vector>

#include "core/text.h"
#include "ingest/bandit_reader.h"
#include "ingest/checked_read.h"
#include "ingest/gitleaks_reader.h"
#include "ingest/json_fields.h"
#include "ingest/json_reader.h"
#include "ingest/npm_audit_reader.h"
#include "ingest/sarif_reader.h"
#include "ingest/semgrep_reader.h"
#include "ingest/trivy_reader.h"

namespace candor::ingest {
namespace {

using ReaderFunction = core::Status (*)(const InputBuffer&, ParseContext&, FindingSink&);

struct FormatEntry {
  Format format;
  std::string_view name;
  ReaderFunction read;
};

// The one table of input formats. Adding a format is a row here, a reader, and
// a rule in DetectFormat below.
constexpr std::array<FormatEntry, 6> kFormats{{
    {Format::kSarif, "sarif", &ReadSarif},
    {Format::kTrivy, "trivy", &ReadTrivy},
    {Format::kGitleaks, "gitleaks", &ReadGitleaks},
    {Format::kNpmAudit, "npm-audit", &ReadNpmAudit},
    {Format::kBandit, "bandit", &ReadBandit},
    {Format::kSemgrep, "semgrep", &ReadSemgrep},
}};

constexpr std::array<Format, kFormats.size()> kConcreteFormats = [] {
  std::array<Format, kFormats.size()> formats{};
  for (size_t i = 0; i < kFormats.size(); ++i) formats[i] = kFormats[i].format;
  return formats;
}();

const FormatEntry* Find(Format format) {
  for (const FormatEntry& entry : kFormats) {
    if (entry.format == format) return &entry;
  }
  return nullptr;
}

// A key as it can safely appear in a one-line message.
std::string Printable(std::string_view key) {
  constexpr size_t kMax = 40;
  std::string out;
  for (char c : key.substr(0, kMax)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  if (key.size() > kMax) out += "...";
  return out;
}

std::string KeyList(const std::vector<std::string>& keys, size_t total) {
  if (total == 0) return "none";
  std::string out;
  for (const std::string& key : keys) {
    if (!out.empty()) out += ", ";
    out += key;
  }
  if (total > keys.size()) out += fmt::format(", ... ({} keys)", total);
  return out;
}

// What the top level of an object document shows about its format.
struct Shape {
  std::vector<std::string> keys;  // the first few, printable, for the message
  size_t key_count = 0;
  bool runs = false, sarif_schema = false, sarif_version = false;
  bool schema_version = false, artifact_name = false, trivy_results = false, cluster_name = false;
  bool audit_report_version = false, advisories = false, metadata = false;
  bool results = false, generated_at = false, metrics = false, errors = false;
};

std::optional<Format> Decide(const Shape& s) {
  if (s.runs || s.sarif_schema || s.sarif_version) return Format::kSarif;
  if (s.schema_version || (s.artifact_name && s.trivy_results) || s.cluster_name) return Format::kTrivy;
  if (s.audit_report_version || (s.advisories && s.metadata)) return Format::kNpmAudit;
  // Bandit writes "errors" too, so it is told apart first by its own keys.
  if (s.results && (s.generated_at || s.metrics)) return Format::kBandit;
  if (s.results && s.errors) return Format::kSemgrep;
  return std::nullopt;
}

core::Result<Shape> ReadShape(JsonReader& json, od::document& document) {
  constexpr size_t kKeysShown = 8;
  Shape shape;
  od::object object;
  if (auto e = document.get_object().get(object)) return json.Fail(e, "an object");
  for (auto field_result : object) {
    od::field field;
    if (auto e = std::move(field_result).get(field)) return json.Fail(e);
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return json.Fail(e, "a key");
    if (shape.keys.size() < kKeysShown) shape.keys.push_back(Printable(key));
    ++shape.key_count;
    if (key == "$schema" || key == "version") {
      std::string_view text;
      if (field.value().get_string().get(text) == simdjson::SUCCESS) {
        if (key == "$schema" && core::ToLower(text).find("sarif") != std::string::npos)
          shape.sarif_schema = true;
        if (key == "version" && (text == "2.1.0" || text == "1.0.0")) shape.sarif_version = true;
      }
    }
    shape.runs |= key == "runs";
    shape.schema_version |= key == "SchemaVersion";
    shape.artifact_name |= key == "ArtifactName";
    shape.trivy_results |= key == "Results";
    shape.cluster_name |= key == "ClusterName";
    shape.audit_report_version |= key == "auditReportVersion";
    shape.advisories |= key == "advisories";
    shape.metadata |= key == "metadata";
    shape.results |= key == "results";
    shape.generated_at |= key == "generated_at";
    shape.metrics |= key == "metrics";
    shape.errors |= key == "errors";
  }
  return shape;
}

std::string_view TypeName(od::json_type type) {
  switch (type) {
    case od::json_type::object: return "an object";
    case od::json_type::array: return "an array";
    case od::json_type::string: return "a string";
    case od::json_type::number: return "a number";
    case od::json_type::boolean: return "a boolean";
    case od::json_type::null: return "null";
  }
  return "a value";
}

// Gitleaks writes an array of leaks ([] when there are none); Trivy before
// schema 2 wrote an array of results. Returns nullopt with `seen` filled otherwise.
core::Result<std::optional<Format>> FromArray(JsonReader& json, od::document& document, std::string& seen) {
  od::array array;
  if (auto e = document.get_array().get(array)) return json.Fail(e, "an array");
  for (auto element_result : array) {
    od::value element;
    if (auto e = std::move(element_result).get(element)) return json.Fail(e);
    od::json_type type;
    if (auto e = element.type().get(type)) return json.Fail(e);
    if (type != od::json_type::object) {
      seen = fmt::format("a top-level array whose first element is {}", TypeName(type));
      return std::nullopt;
    }
    od::object object;
    if (auto e = element.get_object().get(object)) return json.Fail(e, "an object");
    Shape shape;
    bool gitleaks = false, trivy = false;
    for (auto field_result : object) {
      od::field field;
      if (auto e = std::move(field_result).get(field)) return json.Fail(e);
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return json.Fail(e, "a key");
      if (shape.keys.size() < 8) shape.keys.push_back(Printable(key));
      ++shape.key_count;
      gitleaks |= key == "RuleID" || key == "rule";
      trivy |= key == "Target";
    }
    if (gitleaks) return Format::kGitleaks;
    if (trivy) return Format::kTrivy;
    seen = "a top-level array of objects with keys " + KeyList(shape.keys, shape.key_count);
    return std::nullopt;
  }
  return Format::kGitleaks;  // []: gitleaks found nothing
}

core::Result<Format> Detect(JsonReader& json, od::document& document) {
  od::json_type type;
  if (auto e = document.type().get(type)) return json.Fail(e);
  std::string seen;
  switch (type) {
    case od::json_type::object: {
      auto shape = ReadShape(json, document);
      if (!shape) return std::unexpected(std::move(shape.error()));
      if (auto format = Decide(*shape)) return *format;
      seen = "top-level keys " + KeyList(shape->keys, shape->key_count);
      break;
    }
    case od::json_type::array: {
      auto format = FromArray(json, document, seen);
      if (!format) return std::unexpected(std::move(format.error()));
      if (*format) return **format;
      break;
    }
    case od::json_type::null:
      // Gitleaks writes a bare null when it finds nothing (so did old Trivy;
      // both mean "no findings", which either reader reports the same way).
      if (core::Trim(json.input().bytes()) == "null") return Format::kGitleaks;
      return json.Fail(simdjson::N_ATOM_ERROR);
    default: seen = fmt::format("a top-level {}", TypeName(type).substr(2)); break;
  }
  return core::Fail(core::ErrorCode::kInvalidInput,
                    fmt::format("cannot tell the format: {}; use --format", seen), json.input().name());
}

}  // namespace

std::string_view ToString(Format format) {
  if (format == Format::kAuto) return "auto";
  const FormatEntry* entry = Find(format);
  return entry != nullptr ? entry->name : "auto";
}

std::optional<Format> ParseFormat(std::string_view name) {
  if (core::EqualsIgnoreCase(name, "auto")) return Format::kAuto;
  for (const FormatEntry& entry : kFormats) {
    if (core::EqualsIgnoreCase(name, entry.name)) return entry.format;
  }
  return std::nullopt;
}

std::span<const Format> AllFormats() {
  return kConcreteFormats;
}

// SARIF logs say so in their first bytes: a top-level "$schema" naming a
// SARIF schema. Finding that saves a whole parse of the document; the reader
// still checks everything, so a wrong guess is an error, never a misreading.
bool DeclaresSarifSchema(std::string_view text) {
  constexpr size_t kLook = 4096;
  text = text.substr(0, kLook);
  int depth = 0;
  bool expect_key = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{') {
      ++depth;
      expect_key = depth == 1;
    } else if (c == '}' || c == '[' || c == ']') {
      depth += c == '[' ? 1 : -1;
    } else if (c == ',') {
      expect_key = depth == 1;
    } else if (c == '"') {
      size_t end = i + 1;
      while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      if (end >= text.size()) return false;
      std::string_view string = text.substr(i + 1, end - i - 1);
      if (expect_key && string == "$schema") {
        size_t value = text.find_first_not_of(" \t\r\n:", end + 1);
        if (value == std::string_view::npos || text[value] != '"') return false;
        size_t value_end = text.find('"', value + 1);
        if (value_end == std::string_view::npos) return false;
        return core::ToLower(text.substr(value + 1, value_end - value - 1)).find("sarif") !=
               std::string::npos;
      }
      expect_key = false;
      i = end;
    }
  }
  return false;
}

core::Result<Format> DetectFormat(const InputBuffer& input, const Limits& limits) {
  if (DeclaresSarifSchema(input.bytes())) return Format::kSarif;
  ParseContext context;
  context.limits = limits;
  JsonReader json(input, context);
  auto document = OpenDocument(json);
  if (!document) return std::unexpected(std::move(document.error()));
  return Detect(json, **document);
}

core::Status ReadFindings(Format format, const InputBuffer& input, ParseContext& context, FindingSink& sink) {
  if (format == Format::kAuto) {
    auto detected = DetectFormat(input, context.limits);
    if (!detected) return std::unexpected(std::move(detected.error()));
    format = *detected;
  }
  const FormatEntry* entry = Find(format);
  if (entry == nullptr) return core::Fail(core::ErrorCode::kInternal, "no reader for this format");
  return ReadCheckingSyntax(input, context, [&] { return entry->read(input, context, sink); });
}

}  // namespace candor::ingest
