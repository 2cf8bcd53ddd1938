#pragma once
// npm audit --json reports (npm 7+ "auditReportVersion": 2; npm 6 advisories too).

#include "core/error.h"
#include "ingest/input.h"
#include "ingest/reader.h"

namespace candor::ingest {

// Reads the whole report as one run into `sink`.
core::Status ReadNpmAudit(const InputBuffer& input, ParseContext& context, FindingSink& sink);

}  // namespace candor::ingest
