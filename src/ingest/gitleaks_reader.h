#pragma once
// Gitleaks JSON reports (v7 and v8 field names).

#include "core/error.h"
#include "ingest/input.h"
#include "ingest/reader.h"

namespace candor::ingest {

// Reads the whole report as one run into `sink`.
core::Status ReadGitleaks(const InputBuffer& input, ParseContext& context, FindingSink& sink);

}  // namespace candor::ingest
