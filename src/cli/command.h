#pragma once
// The table of `candor` subcommands. Each row names a command, says in one
// line what it does, and points at the function that runs it. Nothing
// registers itself: adding a command means adding a row in command.cc.

#include <span>
#include <string>
#include <string_view>

#include "core/error.h"

namespace candor::cli {

// Arguments after the command name; returns the process exit code.
using CommandFn = int (*)(std::span<char* const> args);

struct Command {
  std::string_view name;
  std::string_view summary;
  CommandFn run;
};

std::span<const Command> Commands();
const Command* FindCommand(std::string_view name);
// The closest command name for a typo ("ingset" -> "ingest"), or empty.
std::string_view SuggestCommand(std::string_view typo);

// Prints "candor: where: message" on stderr and returns the exit code for it.
int ReportError(const core::Error& error);

// The commands, defined in their own files.
int RunIngest(std::span<char* const> args);
int RunFindings(std::span<char* const> args);
int RunSummary(std::span<char* const> args);
int RunMatch(std::span<char* const> args);
int RunCheck(std::span<char* const> args);
int RunOwners(std::span<char* const> args);
int RunDecide(std::span<char* const> args);
int RunService(std::span<char* const> args);
int RunTeam(std::span<char* const> args);
int RunIncident(std::span<char* const> args);
int RunPostmortem(std::span<char* const> args);
int RunActions(std::span<char* const> args);
int RunThreat(std::span<char* const> args);

}  // namespace candor::cli
