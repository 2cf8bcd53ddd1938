#pragma once
// Reading a JSON input while its whole-text syntax check (json_syntax.h) runs
// on the second core. On-Demand looks only at what a reader reads, so every
// input is checked whole; done first, the check is a pass over the text that
// nothing else overlaps (at 100,000 results, 12% of `candor match`).

#include <functional>

#include "core/error.h"
#include "ingest/input.h"
#include "ingest/reader.h"

namespace candor::ingest {

// Runs `read` (a reader of `input` with `context`) with
// context.syntax_already_checked set, while CheckJsonSyntax(input) runs on
// another thread. The check's error, if any, wins over whatever `read`
// returned, since the reader may have made something of a text the check
// refuses. A small input is checked first on this thread (a thread costs
// more than the check). A caller that checked already gets `read` alone.
// What `read` gives a sink before a syntax error is the caller's to discard,
// as for any error a reader returns part-way.
core::Status ReadCheckingSyntax(const InputBuffer& input, ParseContext& context,
                                const std::function<core::Status()>& read);

}  // namespace candor::ingest
