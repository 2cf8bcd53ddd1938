#pragma once
// A whole-document JSON syntax check, for what simdjson On-Demand does not
// look at (the values a reader skips): invalid UTF-8, unbalanced or misplaced
// brackets, commas and colons, bad string escapes, numbers and literals,
// trailing content, and nesting deeper than a limit. JsonReader::Open() runs
// it before handing out the document.
// Thread-safe: each thread keeps its own stage-1 buffers.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "ingest/input.h"
#include "ingest/json_outline.h"

namespace candor::ingest {

// Where and why a text is not JSON.
struct JsonSyntaxError {
  size_t offset = 0;  // into input.bytes(), so without a byte-order mark
  std::string path;   // JSON path of where the text goes wrong: "$.runs[0]"
  std::string message;
  core::ErrorCode code = core::ErrorCode::kInvalidInput;  // kLimitExceeded: too deep; kIo: no memory
};

// Checks the whole of `input` in one pass; nullopt when it is one valid JSON
// document nested at most `max_depth` levels deep. With an `outline`, also
// adds to it the arrays json_outline.h names (meaningful only when the
// document is valid).
std::optional<JsonSyntaxError> CheckJsonSyntax(const InputBuffer& input, size_t max_depth,
                                               JsonOutline* outline = nullptr);

// The error as every reader reports it: "NAME: byte N at $.path: message",
// N counted in the file as given (byte-order mark included).
core::Error SyntaxErrorOf(const InputBuffer& input, const JsonSyntaxError& error);

// Offset of the first byte of `bytes` that is not valid UTF-8, or bytes.size().
size_t FirstInvalidUtf8(std::string_view bytes);

}  // namespace candor::ingest
