#pragma once
// Parses a small JSON document (an OTM or Threat Dragon model) with
// nlohmann::json, bounded in size and nesting, with errors that name the byte
// offset. Values are read through JsonFields, whose errors name the JSON path.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.h"

namespace candor::threatmodel {

inline constexpr int kMaxJsonDepth = 64;

core::Result<nlohmann::json> ParseJsonDocument(std::string_view text, std::string_view file_name);

// Typed reads of one JSON object's members; `path` is its JSON path ("$.components[2]").
class JsonFields {
 public:
  JsonFields(std::string_view file_name, const nlohmann::json& object, std::string path)
      : file_name_(file_name), object_(object), path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  std::string Where(std::string_view member = {}) const;
  // A missing or null member reads as `fallback`; any other non-string is an error.
  core::Result<std::string> String(const char* member, std::string fallback = {}) const;
  core::Result<bool> Bool(const char* member, bool fallback = false) const;
  core::Result<double> Number(const char* member, double fallback = 0) const;
  // The member if it is an array, nullptr when missing or null, an error otherwise.
  core::Result<const nlohmann::json*> Array(const char* member) const;
  core::Result<const nlohmann::json*> Object(const char* member) const;

 private:
  std::string_view file_name_;
  const nlohmann::json& object_;
  std::string path_;
};

}  // namespace candor::threatmodel
