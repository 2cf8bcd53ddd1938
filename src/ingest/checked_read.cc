#include "ingest/checked_read.h"

#include <fmt/format.h>

#include <exception>
#include <optional>
#include <utility>

#include "core/alongside.h"
#include "ingest/json_syntax.h"

namespace candor::ingest {
namespace {

// Below this, starting and joining a thread costs more than it saves.
constexpr size_t kWorthAThread = size_t{256} << 10;

}  // namespace

core::Status ReadCheckingSyntax(const InputBuffer& input, ParseContext& context,
                                const std::function<core::Status()>& read) {
  if (context.syntax_already_checked) return read();
  // The flag is this call's: the same context may read another input next.
  struct Restore {
    ParseContext& context;
    ~Restore() { context.syntax_already_checked = false; }
  } restore{context};
  const size_t max_depth = context.limits.max_depth;
  if (input.bytes().size() < kWorthAThread) {
    if (auto error = CheckJsonSyntax(input, max_depth)) return std::unexpected(SyntaxErrorOf(input, *error));
    context.syntax_already_checked = true;
    return read();
  }
  std::optional<JsonSyntaxError> syntax;
  core::Status result;
  context.syntax_already_checked = true;
  core::RunAlongside(
      [&] {
        try {
          syntax = CheckJsonSyntax(input, max_depth);
        } catch (const std::exception& e) {  // out of memory: reported as the check's failure
          syntax = JsonSyntaxError{0, "$", fmt::format("the syntax check failed: {}", e.what()),
                                   core::ErrorCode::kIo};
        }
      },
      [&] { result = read(); });
  if (syntax) return std::unexpected(SyntaxErrorOf(input, *syntax));
  return result;
}

}  // namespace candor::ingest
