#pragma once
// A strict walk over simdjson On-Demand values, for the native format
// readers (Trivy, gitleaks, npm audit, Bandit, Semgrep).
//
// FieldWalker visits every field and element once, keeping the JSON path
// current for error messages: readers handle the keys they know and hand
// every other value to Skip(). The syntax of the whole text, skipped values
// included, and its nesting depth were already checked by JsonReader::Open(),
// so Skip() does not parse again. After the root, Finish() rejects trailing
// content.
//
// Null is accepted wherever an object or array is expected and means "absent".
// Not thread-safe; one per JsonReader.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "ingest/json_reader.h"

namespace candor::ingest {

class FieldWalker {
 public:
  explicit FieldWalker(JsonReader& json) : json_(json) {}

  JsonReader& json() { return json_; }

  // The root as a value. A root `null` gives nullopt (consumed); scalars other
  // than null fail with "expected an object or array".
  core::Result<std::optional<od::value>> Root(od::document& document);
  // The root, which must be an object: null fails with "expected <what>, found
  // null", other types with "expected <what>" (what: "a Bandit report object").
  core::Result<od::value> RootObject(od::document& document, std::string_view what);
  // After the root has been walked: fails on anything but whitespace after it.
  core::Status Finish(od::document& document);

  // Calls fn(key, value) -> core::Status for every field of an object, in
  // document order, with ".key" on the path. `fn` must consume the value (read
  // it, or Skip it). Null is an empty object; other types fail.
  template <class Fn>
  core::Status Fields(od::value& value, Fn&& fn);
  // Calls fn(index, value) -> core::Status for every element, with "[i]" on
  // the path. Null is an empty array; other types fail.
  template <class Fn>
  core::Status Elements(od::value& value, Fn&& fn);

  // Discards a value the reader does not use. Its syntax was checked by
  // JsonReader::Open(); On-Demand steps over it when iteration moves on.
  core::Status Skip(od::value& value);

  // Typed reads that fail with "expected ..." at the current path.
  core::Result<std::string_view> String(od::value& value);
  core::Result<std::optional<std::string_view>> OptionalString(od::value& value);  // null -> nullopt
  // OptionalString copied into `out`; null gives "".
  core::Status StringInto(od::value& value, std::string& out);
  core::Result<int64_t> Int(od::value& value);
  // A line or column: null and negative numbers mean "not given" (0);
  // numbers beyond int range fail.
  core::Result<int> Position(od::value& value);
  // Position stored into `out`.
  core::Status PositionInto(od::value& value, int& out);
  core::Result<bool> Bool(od::value& value);  // null -> false
  // A string, number or boolean as text; null gives "".
  core::Result<std::string> ScalarText(od::value& value);
  // A string or an array of strings (null -> nothing) appended to `out`.
  core::Status Strings(od::value& value, std::vector<std::string>& out);
  // What the value is, without consuming it.
  core::Result<od::json_type> Type(od::value& value);

 private:
  // Counts one more level of nesting; fails past the limit.
  core::Status Enter();
  core::Result<bool> IsNull(od::value& value);

  JsonReader& json_;
  size_t depth_ = 0;
  bool root_was_null_ = false;
};

// ---- small helpers the native readers share ----

// A failed Result's error, moved out to be returned as is.
inline std::unexpected<core::Error> Forward(core::Error& error) {
  return std::unexpected(std::move(error));
}

// json.Open(), with blank input (only whitespace) reported as empty input
// before the parser is involved at all.
core::Result<od::document*> OpenDocument(JsonReader& json);

// Repo-relative form of a path a tool printed: '\' -> '/', no leading "./" or
// "/", no "file://" prefix; "." becomes empty.
std::string NormalisePath(std::string_view path);
// "CWE-79", "CWE-79: Improper ...", "cwe-79", "79" -> 79; anything else nullopt.
std::optional<int> ParseCwe(std::string_view text);
// Keeps `cwes` ascending without duplicates.
void AddCwe(std::vector<int>& cwes, int cwe);
// Adds what `text` names: one CWE as ParseCwe reads it, or else every
// "CWE-<n>" inside it (npm 6 writes lists as text: "[\"CWE-915\",\"CWE-1321\"]").
void AddCwes(std::vector<int>& cwes, std::string_view text);
// Adds `id` once, in order of first appearance.
void AddUnique(std::vector<std::string>& list, std::string_view id);
// "CVE-..." or "GHSA-..." (case-insensitive prefix).
bool IsAdvisoryId(std::string_view id);
// The GHSA id inside a URL such as https://github.com/advisories/GHSA-xxxx-xxxx-xxxx.
std::optional<std::string> GhsaFromUrl(std::string_view url);
// `text` with every occurrence of `secret` replaced by "REDACTED"; empty when
// `secret` is empty or does not occur (nothing is known to be safe then).
std::string RedactSecret(std::string_view text, std::string_view secret);
// A tool's severity word as core::SeverityFromToolWord reads it (npm's
// critical/high/moderate/low/info, Trivy's CRITICAL/.../UNKNOWN); an empty
// word is info, an unknown one medium with a warning.
core::Severity ToolSeverity(JsonReader& json, std::string_view word);
// Hands `finding` to the sink and ticks progress: once per finding.
core::Status Emit(JsonReader& json, FindingSink& sink, core::Finding&& finding);

// Looks at the top-level fields of an object document before the real walk,
// for what a reader needs before its findings (a tool version written after
// the results). Calls fn(key, value) -> bool (false stops) per field. Errors
// end the peek quietly: the validating walk afterwards reports them. Rewinds
// the document, so string_views taken inside `fn` die with it: copy them.
// Returns false when an error left the document unusable (simdjson abandons
// its iterator on errors, and cannot rewind then): open it again.
template <class Fn>
[[nodiscard]] bool PeekTopLevel(od::document& document, Fn&& fn);

// ---- template definitions ----

template <class Fn>
bool PeekTopLevel(od::document& document, Fn&& fn) {
  od::object root;
  if (document.get_object().get(root) == simdjson::SUCCESS) {
    for (auto field_result : root) {
      od::field field;
      if (std::move(field_result).get(field)) break;
      std::string_view key;
      if (field.unescaped_key().get(key)) break;
      if (!fn(key, field.value())) break;
    }
  }
  if (!document.is_alive()) return false;
  document.rewind();
  return true;
}

template <class Fn>
core::Status FieldWalker::Fields(od::value& value, Fn&& fn) {
  auto null = IsNull(value);
  if (!null) return std::unexpected(std::move(null.error()));
  if (*null) return {};
  od::object object;
  if (auto e = value.get_object().get(object)) return json_.Fail(e, "an object");
  if (auto status = Enter(); !status) return status;
  for (auto field_result : object) {
    od::field field;
    if (auto e = std::move(field_result).get(field)) return json_.Fail(e);
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return json_.Fail(e, "a key");
    auto scope = json_.Key(key);
    if (core::Status status = fn(key, field.value()); !status) return status;
  }
  --depth_;
  return {};
}

template <class Fn>
core::Status FieldWalker::Elements(od::value& value, Fn&& fn) {
  auto null = IsNull(value);
  if (!null) return std::unexpected(std::move(null.error()));
  if (*null) return {};
  od::array array;
  if (auto e = value.get_array().get(array)) return json_.Fail(e, "an array");
  if (auto status = Enter(); !status) return status;
  size_t index = 0;
  for (auto element : array) {
    od::value item;
    if (auto e = std::move(element).get(item)) return json_.Fail(e);
    auto scope = json_.Index(index);
    if (core::Status status = fn(index, item); !status) return status;
    ++index;
  }
  --depth_;
  return {};
}

}  // namespace candor::ingest
