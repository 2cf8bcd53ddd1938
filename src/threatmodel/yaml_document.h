#pragma once
// Loads one YAML document (a native model, a Threagile model, an OTM file or
// a rule catalogue) with yaml-cpp, turning its exceptions into core::Error at
// FILE:LINE:COL. yaml-cpp's own depth guard bounds nesting; callers bound the
// number of values with yaml::YamlReader.

#include <yaml-cpp/yaml.h>

#include <string_view>

#include "core/error.h"

namespace candor::threatmodel {

inline constexpr size_t kMaxModelBytes = size_t{16} << 20;

// `what` names the document in messages ("the threat model").
core::Result<YAML::Node> LoadYamlDocument(std::string_view text, std::string_view file_name,
                                          std::string_view what);

}  // namespace candor::threatmodel
