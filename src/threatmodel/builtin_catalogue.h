#pragma once
// Candor's built-in rule catalogue. The rules are the YAML files under
// src/threatmodel/catalogue/, embedded into the binary at build time
// (CMakeLists.txt generates builtin_catalogue_data.cc), so the candor binary
// needs no data directory and the rules a release applies are the ones it was
// built and tested with.

#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "threatmodel/catalogue.h"

namespace candor::threatmodel {

struct EmbeddedFile {
  std::string_view name;  // "web.yaml"
  std::string_view text;
};
// The embedded files, requirements.yaml first.
std::span<const EmbeddedFile> BuiltinCatalogueFiles();

// The parsed built-in catalogue. An error here is a bug in a shipped file.
core::Result<Catalogue> BuiltinCatalogue();

// The built-in catalogue plus each of `extra_files` (a team's own rules).
core::Result<Catalogue> LoadCatalogue(std::span<const std::string> extra_files);

}  // namespace candor::threatmodel
