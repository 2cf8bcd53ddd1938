#pragma once
// Shared command-line plumbing: every command parses with CLI11 through
// ParseArgs, so help, examples and usage errors look and exit the same.

#include <CLI/CLI.hpp>
#include <optional>
#include <span>
#include <string>

namespace candor::cli {

// Parses `args` (args[0] is the command name). Returns an exit code when the
// command should stop now: 0 after --help, 2 after a usage error (message on
// stderr); nullopt when parsing succeeded.
std::optional<int> ParseArgs(CLI::App& app, std::span<char* const> args);

// Adds the `--db URL` option every store-using command has.
CLI::Option* AddDbOption(CLI::App& app, std::string& url);

}  // namespace candor::cli
