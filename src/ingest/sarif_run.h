#pragma once
// What a SARIF reader knows about the run whose results it is reading:
// rules, artifact locations, URI bases, taxonomies, and which warnings were
// already given (each kind once per run). Internal to the SARIF reader.
// Not thread-safe; one per run.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "ingest/category_rules.h"
#include "ingest/json_reader.h"
#include "ingest/sarif_layout.h"
#include "ingest/sarif_rules.h"
#include "ingest/sarif_uri.h"

namespace candor::ingest::sarif {

// Warnings given at most once per run.
enum RunWarning : uint32_t {
  kWarnRuleIndexRange = 1u << 0,
  kWarnSentinelIndex = 1u << 1,
  kWarnStartLineZero = 1u << 2,
  kWarnArtifactIndexRange = 1u << 3,
  kWarnUnknownLevel = 1u << 4,
  kWarnUnknownKind = 1u << 5,
  kWarnUnknownSuppressionKind = 1u << 6,
  kWarnComponentIndexRange = 1u << 7,
  kWarnBadRegion = 1u << 8,
  kWarnUnknownRule = 1u << 9,
  kWarnPathBase = 1u << 16,  // PathIssue bits are shifted by 16
};

struct ArtifactLocation {
  std::string_view uri;
  std::string_view base_id;
};

struct RunContext {
  core::RunInfo info;
  ToolKind tool_kind = ToolKind::kUnknown;  // of info.tool
  RuleTable rules;
  UriResolver uris;
  std::vector<ArtifactLocation> artifacts;  // run.artifacts[].location
  std::vector<std::string_view> taxonomy_names;
  bool image_context = false;  // run.properties name an image (Trivy image scans)
  uint32_t warned = 0;
  // Where the result being read is recorded when the caller asked for the
  // log's layout (ParseContext::sarif_layout); nullptr otherwise.
  SarifResultLayout* result_layout = nullptr;
  // Scratch reused across results so reading one allocates only the Finding.
  std::vector<std::string_view> arguments;
  // The artifact location resolved last, and what it gave (ResolveArtifact;
  // only non-empty uris are resolved, so an empty one here is none yet).
  struct ResolvedUri {
    std::string uri, base_id, path;
    uint32_t issues = 0;
  } last_resolved;
  // Every call of WarnOnce, given or not: a result that made none reads
  // into the same finding wherever it is (FindingSink::Remember).
  size_t warnings_asked = 0;
  // The kind of each warning given, in order: a run read on two cores keeps,
  // of each kind, the one given first in the text.
  std::vector<uint32_t> warnings_given;
  // The key of what results are read with (FindingSink::ResultKey), from
  // the text of the run's members that ReadResult depends on.
  FindingSink::ResultKey context_key;

  // Adds `message` to the warnings unless this kind was already reported in this run.
  void WarnOnce(JsonReader& json, uint32_t kind, std::string_view message) {
    ++warnings_asked;
    if ((warned & kind) != 0) return;
    warned |= kind;
    warnings_given.push_back(kind);
    json.Warn(message);
  }
};

// Reads one result into `finding` (which the caller gives fresh).
core::Status ReadResult(JsonReader& json, od::value& value, RunContext& run, core::Finding& finding);

}  // namespace candor::ingest::sarif
