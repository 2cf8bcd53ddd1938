#pragma once
// SARIF 2.1.0 logs, as real tools write them.

#include "core/error.h"
#include "ingest/input.h"
#include "ingest/reader.h"

namespace candor::ingest {

// Reads every run of a SARIF 2.1.0 log into `sink` (one BeginRun per run).
core::Status ReadSarif(const InputBuffer& input, ParseContext& context, FindingSink& sink);

}  // namespace candor::ingest
