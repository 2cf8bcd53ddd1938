#pragma once
// SARIF message strings: "{0}" placeholders filled from message.arguments
// (SARIF 2.1.0 §3.11.5) and embedded links rendered as text. Pure, thread-safe.

#include <span>
#include <string>
#include <string_view>

namespace candor::ingest::sarif {

// Appends `pattern` to `out` with "{N}" replaced by arguments[N]; "{{" and
// "}}" are literal braces; a placeholder with no argument stays as written.
void FormatMessage(std::string_view pattern, std::span<const std::string_view> arguments, std::string& out);

// Plain text of a SARIF message (§3.11.6): an embedded link
// "[a user-provided value](1)" becomes its text "a user-provided value", and
// the escapes "\[" and "\]" become brackets. Anything that is not a
// complete link stays as written.
std::string RenderEmbeddedLinks(std::string_view text);

}  // namespace candor::ingest::sarif
