#pragma once
// The input formats Candor reads, their names on the command line, detection
// from content, and the one table that maps each to its reader.

#include <optional>
#include <span>
#include <string_view>

#include "core/error.h"
#include "ingest/input.h"
#include "ingest/reader.h"

namespace candor::ingest {

enum class Format { kAuto, kSarif, kTrivy, kGitleaks, kNpmAudit, kBandit, kSemgrep };

std::string_view ToString(Format format);                  // "sarif", "npm-audit", ...
std::optional<Format> ParseFormat(std::string_view name);  // the same names, and "auto"
std::span<const Format> AllFormats();                      // every concrete format, not kAuto

// Recognises the format from the document's top-level shape (SARIF's
// "version"/"runs", Trivy's "SchemaVersion"/"Results", npm's
// "auditReportVersion", ...). Fails with kInvalidInput naming what was seen
// when nothing matches.
core::Result<Format> DetectFormat(const InputBuffer& input, const Limits& limits);

// Reads `input` as `format` (kAuto detects first) into `sink`.
core::Status ReadFindings(Format format, const InputBuffer& input, ParseContext& context, FindingSink& sink);

}  // namespace candor::ingest
