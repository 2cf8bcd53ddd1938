// candor: security as a feedback loop owned by the teams that build.
// main() only dispatches to the command table; commands live in their own files.

#include <fmt/format.h>

#include <exception>
#include <span>
#include <string_view>

#include "cli/command.h"
#include "cli/large_allocations.h"

namespace candor::cli {
namespace {

void PrintOverview() {
  fmt::print(
      "Candor {}: security findings as feedback for the teams that build.\n\n"
      "Usage: candor <command> [options]\n\nCommands:\n",
      CANDOR_VERSION);
  for (const Command& command : Commands()) fmt::print("  {:<10}  {}\n", command.name, command.summary);
  fmt::print(
      "\nRun 'candor <command> --help' for a command's options and examples.\n"
      "Exit codes: 0 success, 1 a guardrail blocked, 2 bad usage or input, 3 store or I/O failure.\n");
}

int Main(std::span<char* const> args) {
  if (args.size() < 2) {
    PrintOverview();
    return 2;
  }
  std::string_view name = args[1];
  if (name == "--help" || name == "-h" || name == "help") {
    if (args.size() > 2 && FindCommand(args[2]) != nullptr) {
      char help[] = "--help";
      char* const help_args[] = {args[2], help};
      return FindCommand(args[2])->run(std::span<char* const>(help_args));
    }
    PrintOverview();
    return 0;
  }
  if (name == "--version" || name == "version") {
    fmt::print("candor {}\n", CANDOR_VERSION);
    return 0;
  }
  const Command* command = FindCommand(name);
  if (command == nullptr) {
    std::string_view suggestion = SuggestCommand(name);
    if (!suggestion.empty()) {
      fmt::print(stderr, "candor: unknown command '{}'. Did you mean '{}'?\n", name, suggestion);
    } else {
      fmt::print(stderr, "candor: unknown command '{}'. Run 'candor --help' for the list.\n", name);
    }
    return 2;
  }
  return command->run(args.subspan(1));
}

}  // namespace
}  // namespace candor::cli

int main(int argc, char** argv) {
  candor::cli::SetUpHeap();
  try {
    return candor::cli::Main(std::span<char* const>(argv, static_cast<size_t>(argc)));
  } catch (const std::exception& e) {
    // Last resort: a bug or an unexpected library exception, never a crash.
    fmt::print(stderr, "candor: internal error: {}\n", e.what());
    return 70;
  }
}
