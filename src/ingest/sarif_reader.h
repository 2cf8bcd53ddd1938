#pragma once
// SARIF 2.1.0 logs, as real tools write them.

#include "core/error.h"
#include "ingest/input.h"
#include "ingest/reader.h"

namespace candor::ingest {

// Reads every run of a SARIF 2.1.0 log into `sink` (one BeginRun per run).
// Unless context.syntax_already_checked, the text is checked whole first and
// each result is then read as a document of its own (json_outline.h).
core::Status ReadSarif(const InputBuffer& input, ParseContext& context, FindingSink& sink);

}  // namespace candor::ingest
