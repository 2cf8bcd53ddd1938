#pragma once
// SARIF message strings: "{0}" placeholders filled from message.arguments
// (SARIF 2.1.0 §3.11.5). Pure, thread-safe.

#include <span>
#include <string>
#include <string_view>

namespace candor::ingest::sarif {

// Appends `pattern` to `out` with "{N}" replaced by arguments[N]; "{{" and
// "}}" are literal braces; a placeholder with no argument stays as written.
void FormatMessage(std::string_view pattern, std::span<const std::string_view> arguments, std::string& out);

}  // namespace candor::ingest::sarif
