#include "ingest/json_fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <string>

#include "core/severity.h"
#include "core/text.h"

namespace candor::ingest {

core::Result<std::optional<od::value>> FieldWalker::Root(od::document& document) {
  od::json_type type;
  if (auto e = document.type().get(type)) return json_.Fail(e);
  if (type == od::json_type::null) {
    // simdjson 3.0.1's document::is_null() misreads "null" followed by a
    // newline (it looks one byte too far), so check the text itself.
    if (core::Trim(json_.input().bytes()) != "null") return json_.Fail(simdjson::N_ATOM_ERROR);
    root_was_null_ = true;
    return std::nullopt;
  }
  if (type != od::json_type::object && type != od::json_type::array) {
    return json_.Invalid("expected an object or array at the top level");
  }
  od::value value;
  if (auto e = document.get_value().get(value)) return json_.Fail(e);
  return value;
}

core::Result<od::value> FieldWalker::RootObject(od::document& document, std::string_view what) {
  auto root = Root(document);
  if (!root) return std::unexpected(std::move(root.error()));
  if (!*root) return json_.Invalid(fmt::format("expected {}, found null", what));
  auto type = Type(**root);
  if (!type) return std::unexpected(std::move(type.error()));
  if (*type != od::json_type::object) return json_.Invalid(fmt::format("expected {}", what));
  return std::move(**root);
}

core::Status FieldWalker::Finish(od::document& document) {
  if (root_was_null_) return {};
  const char* location = nullptr;
  // Past the root, the only place left is the end of the input.
  if (document.current_location().get(location) == simdjson::SUCCESS && location != nullptr) {
    return json_.Fail(simdjson::TRAILING_CONTENT);
  }
  return {};
}

core::Status FieldWalker::Enter() {
  if (++depth_ > json_.context().limits.max_depth) return json_.Fail(simdjson::DEPTH_ERROR);
  return {};
}

core::Result<bool> FieldWalker::IsNull(od::value& value) {
  od::json_type type;
  if (auto e = value.type().get(type)) return json_.Fail(e);
  if (type != od::json_type::null) return false;
  bool is_null = false;
  // A token that starts with 'n' but is not null ("nul") reads as a wrong type.
  if (auto e = value.is_null().get(is_null)) {
    return json_.Fail(e == simdjson::INCORRECT_TYPE ? simdjson::N_ATOM_ERROR : e);
  }
  if (!is_null) return json_.Fail(simdjson::N_ATOM_ERROR);
  return true;
}

core::Result<od::json_type> FieldWalker::Type(od::value& value) {
  od::json_type type;
  if (auto e = value.type().get(type)) return json_.Fail(e);
  return type;
}

core::Status FieldWalker::Skip(od::value&) {
  return {};
}

core::Result<std::string_view> FieldWalker::String(od::value& value) {
  std::string_view text;
  if (auto e = value.get_string().get(text)) return json_.Fail(e, "a string");
  return text;
}

core::Result<std::optional<std::string_view>> FieldWalker::OptionalString(od::value& value) {
  auto null = IsNull(value);
  if (!null) return std::unexpected(std::move(null.error()));
  if (*null) return std::nullopt;
  auto text = String(value);
  if (!text) return std::unexpected(std::move(text.error()));
  return *text;
}

core::Status FieldWalker::StringInto(od::value& value, std::string& out) {
  auto read = OptionalString(value);
  if (!read) return std::unexpected(std::move(read.error()));
  out = read->value_or("");
  return {};
}

core::Result<int64_t> FieldWalker::Int(od::value& value) {
  int64_t number = 0;
  if (auto e = value.get_int64().get(number)) return json_.Fail(e, "an integer");
  return number;
}

core::Result<int> FieldWalker::Position(od::value& value) {
  auto null = IsNull(value);
  if (!null) return std::unexpected(std::move(null.error()));
  if (*null) return 0;
  auto number = Int(value);
  if (!number) return std::unexpected(std::move(number.error()));
  if (*number < 0) return 0;
  if (*number > INT_MAX) return json_.Invalid("line or column number out of range");
  return static_cast<int>(*number);
}

core::Status FieldWalker::PositionInto(od::value& value, int& out) {
  auto read = Position(value);
  if (!read) return std::unexpected(std::move(read.error()));
  out = *read;
  return {};
}

core::Result<bool> FieldWalker::Bool(od::value& value) {
  auto null = IsNull(value);
  if (!null) return std::unexpected(std::move(null.error()));
  if (*null) return false;
  bool flag = false;
  if (auto e = value.get_bool().get(flag)) return json_.Fail(e, "true or false");
  return flag;
}

core::Result<std::string> FieldWalker::ScalarText(od::value& value) {
  od::json_type type;
  if (auto e = value.type().get(type)) return json_.Fail(e);
  switch (type) {
    case od::json_type::null: {
      auto null = IsNull(value);
      if (!null) return std::unexpected(std::move(null.error()));
      return std::string();
    }
    case od::json_type::string: {
      auto text = String(value);
      if (!text) return std::unexpected(std::move(text.error()));
      return std::string(*text);
    }
    case od::json_type::number: {
      std::string raw(core::Trim(value.raw_json_token()));
      double number;
      if (auto e = value.get_double().get(number)) return json_.Fail(e, "a number");
      return raw;
    }
    case od::json_type::boolean: {
      bool flag;
      if (auto e = value.get_bool().get(flag)) return json_.Fail(e, "true or false");
      return std::string(flag ? "true" : "false");
    }
    default:
      return json_.Invalid(type == od::json_type::array ? "expected a string or number, found an array"
                                                        : "expected a string or number, found an object");
  }
}

core::Status FieldWalker::Strings(od::value& value, std::vector<std::string>& out) {
  auto type = Type(value);
  if (!type) return std::unexpected(std::move(type.error()));
  if (*type == od::json_type::string) {
    auto text = String(value);
    if (!text) return std::unexpected(std::move(text.error()));
    out.emplace_back(*text);
    return {};
  }
  return Elements(value, [&](size_t, od::value& item) -> core::Status {
    auto text = String(item);
    if (!text) return std::unexpected(std::move(text.error()));
    out.emplace_back(*text);
    return {};
  });
}

core::Result<od::document*> OpenDocument(JsonReader& json) {
  if (core::Trim(json.input().bytes()).empty()) {
    return core::Fail(core::ErrorCode::kInvalidInput, "empty input, expected a JSON document",
                      fmt::format("{}: byte 0 at $", json.input().name()));
  }
  return json.Open();
}

std::string NormalisePath(std::string_view path) {
  std::string out(path);
  std::replace(out.begin(), out.end(), '\\', '/');
  std::string_view view = out;
  if (core::StartsWithIgnoreCase(view, "file://")) view.remove_prefix(7);
  while (true) {
    if (view.starts_with("./")) {
      view.remove_prefix(2);
    } else if (view.starts_with('/')) {
      view.remove_prefix(1);
    } else {
      break;
    }
  }
  if (view == ".") view = {};
  return std::string(view);
}

std::optional<int> ParseCwe(std::string_view text) {
  text = core::Trim(text);
  if (core::StartsWithIgnoreCase(text, "CWE-")) text.remove_prefix(4);
  int value = 0;
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
    if (value > 100'000'000) return std::nullopt;
    value = value * 10 + (text[digits] - '0');
    ++digits;
  }
  if (digits == 0 || value == 0) return std::nullopt;
  // After the number: nothing, or a description ("CWE-79: ...", "CWE-79 ...").
  if (digits < text.size() && text[digits] != ':' && text[digits] != ' ') return std::nullopt;
  return value;
}

void AddCwe(std::vector<int>& cwes, int cwe) {
  auto at = std::lower_bound(cwes.begin(), cwes.end(), cwe);
  if (at == cwes.end() || *at != cwe) cwes.insert(at, cwe);
}

void AddCwes(std::vector<int>& cwes, std::string_view text) {
  if (auto cwe = ParseCwe(text)) {
    AddCwe(cwes, *cwe);
    return;
  }
  std::string lower = core::ToLower(text);
  for (size_t at = lower.find("cwe-"); at != std::string::npos; at = lower.find("cwe-", at + 4)) {
    size_t end = at + 4;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    if (auto cwe = ParseCwe(text.substr(at, end - at))) AddCwe(cwes, *cwe);
  }
}

void AddUnique(std::vector<std::string>& list, std::string_view id) {
  if (id.empty()) return;
  if (std::find(list.begin(), list.end(), id) == list.end()) list.emplace_back(id);
}

bool IsAdvisoryId(std::string_view id) {
  return core::StartsWithIgnoreCase(id, "CVE-") || core::StartsWithIgnoreCase(id, "GHSA-");
}

std::optional<std::string> GhsaFromUrl(std::string_view url) {
  size_t at = url.find("GHSA-");
  if (at == std::string_view::npos) return std::nullopt;
  // GHSA-xxxx-xxxx-xxxx: three groups of four base-32 characters.
  constexpr size_t kLength = 19;
  if (url.size() - at < kLength) return std::nullopt;
  std::string_view id = url.substr(at, kLength);
  for (size_t i = 5; i < kLength; ++i) {
    char c = id[i];
    bool dash = i == 9 || i == 14;
    if (dash ? c != '-' : !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return std::nullopt;
  }
  return std::string(id);
}

std::string RedactSecret(std::string_view text, std::string_view secret) {
  if (secret.empty() || text.find(secret) == std::string_view::npos) return {};
  std::string out;
  size_t from = 0;
  while (true) {
    size_t at = text.find(secret, from);
    if (at == std::string_view::npos) break;
    out.append(text.substr(from, at - from));
    out.append("REDACTED");
    from = at + secret.size();
  }
  out.append(text.substr(from));
  return out;
}

core::Severity ToolSeverity(JsonReader& json, std::string_view word) {
  if (word.empty()) return core::Severity::kInfo;
  if (auto severity = core::SeverityFromToolWord(word)) return *severity;
  json.Warn(fmt::format("unknown severity \"{}\", read as medium", word));
  return core::Severity::kMedium;
}

core::Status Emit(JsonReader& json, FindingSink& sink, core::Finding&& finding) {
  if (auto status = sink.Add(std::move(finding)); !status) return status;
  json.Tick();
  return {};
}

}  // namespace candor::ingest
