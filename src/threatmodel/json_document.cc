#include "threatmodel/json_document.h"

#include <fmt/format.h>

#include "threatmodel/yaml_document.h"

namespace candor::threatmodel {
namespace {

// nlohmann::json recurses once per level; refuse deep documents before parsing.
bool TooDeep(std::string_view text) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

std::unexpected<core::Error> WrongType(const JsonFields& fields, const char* member, std::string_view want) {
  return core::Fail(core::ErrorCode::kInvalidInput, fmt::format("'{}' must be {}", member, want),
                    fields.Where(member));
}

}  // namespace

core::Result<nlohmann::json> ParseJsonDocument(std::string_view text, std::string_view file_name) {
  const std::string name(file_name);
  if (text.size() > kMaxModelBytes) {
    return core::Fail(
        core::ErrorCode::kLimitExceeded,
        fmt::format("the model is {} bytes, over the limit of {} bytes", text.size(), kMaxModelBytes), name);
  }
  if (TooDeep(text)) {
    return core::Fail(core::ErrorCode::kLimitExceeded,
                      fmt::format("the JSON is nested deeper than {} levels", kMaxJsonDepth), name);
  }
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& error) {
    std::string message = error.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." -> after the id
    if (auto close = message.find("] "); close != std::string::npos) message = message.substr(close + 2);
    return core::Fail(core::ErrorCode::kInvalidInput, "JSON " + message,
                      fmt::format("{}: byte {}", name, error.byte));
  } catch (const nlohmann::json::exception& error) {
    return core::Fail(core::ErrorCode::kInvalidInput, std::string("JSON: ") + error.what(), name);
  }
}

std::string JsonFields::Where(std::string_view member) const {
  if (member.empty()) return fmt::format("{}: at {}", file_name_, path_);
  return fmt::format("{}: at {}.{}", file_name_, path_, member);
}

core::Result<std::string> JsonFields::String(const char* member, std::string fallback) const {
  auto it = object_.find(member);
  if (it == object_.end() || it->is_null()) return fallback;
  if (!it->is_string()) return WrongType(*this, member, "a string");
  return it->get<std::string>();
}

core::Result<bool> JsonFields::Bool(const char* member, bool fallback) const {
  auto it = object_.find(member);
  if (it == object_.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) return WrongType(*this, member, "true or false");
  return it->get<bool>();
}

core::Result<double> JsonFields::Number(const char* member, double fallback) const {
  auto it = object_.find(member);
  if (it == object_.end() || it->is_null()) return fallback;
  if (!it->is_number()) return WrongType(*this, member, "a number");
  return it->get<double>();
}

core::Result<const nlohmann::json*> JsonFields::Array(const char* member) const {
  auto it = object_.find(member);
  if (it == object_.end() || it->is_null()) return nullptr;
  if (!it->is_array()) return WrongType(*this, member, "an array");
  return &*it;
}

core::Result<const nlohmann::json*> JsonFields::Object(const char* member) const {
  auto it = object_.find(member);
  if (it == object_.end() || it->is_null()) return nullptr;
  if (!it->is_object()) return WrongType(*this, member, "an object");
  return &*it;
}

}  // namespace candor::threatmodel
