#pragma once
// Importers: the threat-model formats people already have, read into the
// native Model. Foreign formats are read leniently (keys Candor does not use
// are ignored) but the values Candor uses are checked, and every model is
// validated (validate.h) as the native one is. Errors name FILE:LINE:COL for
// YAML and FILE: byte N at $.path for JSON.

#include <functional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "threatmodel/model.h"

namespace candor::threatmodel {

// Reads a file a model includes (Threagile's `includes:`), by a path relative
// to the including file's folder.
using FileLoader = std::function<core::Result<std::string>(const std::string& path)>;

// Threagile YAML (threagile.io), with `includes:` of split models followed
// through `load` (at most 64 files, 8 levels deep).
core::Result<Model> ImportThreagile(std::string_view yaml_text, std::string_view file_name,
                                    const FileLoader& load);

// Open Threat Model (OTM) 0.x JSON or YAML.
core::Result<Model> ImportOtm(std::string_view text, std::string_view file_name);

// OWASP Threat Dragon v2 JSON (v1 models, with `diagramJson`, are not read).
core::Result<Model> ImportThreatDragon(std::string_view json_text, std::string_view file_name);

// Which format `text` is in, from its top-level keys: "candor", "threagile",
// "otm" or "threat-dragon".
std::string_view DetectModelFormat(std::string_view text);

// Reads the model at `path` in whatever format it is, with includes resolved
// against the file system. Errors as above; kNotFound/kIo for files.
core::Result<Model> LoadModel(const std::string& path);

// Maps technology words of other tools onto Candor's ("sourcecode-repository"
// -> "source-repository"); unknown words pass through.
std::string CanonicalTechnology(std::string_view word);

// A Candor element id made from a free-text name: lower case, runs of other
// characters replaced by '-'.
std::string IdFromName(std::string_view name);

}  // namespace candor::threatmodel
