#pragma once
// SARIF 2.1.0 logs, as real tools write them.

#include <memory>

#include "core/error.h"
#include "ingest/input.h"
#include "ingest/reader.h"

namespace candor::ingest {

// Reads every run of a SARIF 2.1.0 log into `sink` (one BeginRun per run).
// Unless context.syntax_already_checked, the text is checked whole first and
// each result is then read as a document of its own (json_outline.h).
core::Status ReadSarif(const InputBuffer& input, ParseContext& context, FindingSink& sink);

class JsonReader;

// The same in two steps, for a caller that reads two logs: Open checks and
// outlines the text (each log's on a core of its own), Read reads the runs,
// each large run's results on both cores when the sink gives shards
// (FindingSink::Shard). `input` and `context` must outlive the reader.
class SarifLogReader {
 public:
  SarifLogReader(const InputBuffer& input, ParseContext& context);
  ~SarifLogReader();
  SarifLogReader(const SarifLogReader&) = delete;
  SarifLogReader& operator=(const SarifLogReader&) = delete;

  core::Status Open();
  // After Open succeeded; once.
  core::Status Read(FindingSink& sink);

 private:
  std::unique_ptr<JsonReader> json_;  // simdjson stays inside ingest/
  bool opened_ = false;
};

}  // namespace candor::ingest
