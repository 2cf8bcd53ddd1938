#pragma once
// Shared command-line plumbing: every command parses with CLI11 through
// ParseArgs, so help, examples and usage errors look and exit the same.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/replacement_file.h"

namespace candor::cli {

// Parses `args` (args[0] is the command name). Returns an exit code when the
// command should stop now: 0 after --help, 2 after a usage error (message on
// stderr); nullopt when parsing succeeded.
std::optional<int> ParseArgs(CLI::App& app, std::span<char* const> args);

// Adds the `--db URL` option every store-using command has.
CLI::Option* AddDbOption(CLI::App& app, std::string& url);

// Where a command's output goes: the file `path`, or standard output when
// `path` is empty or "-". For output written in pieces. A file is replaced
// only once it is complete (core/replacement_file.h): a command that fails
// leaves an existing file as it was.
class OutputFile {
 public:
  static core::Result<OutputFile> Open(const std::string& path);
  bool Write(std::string_view piece);
  // Flushes and closes (and replaces the file); kIo naming the file when
  // anything failed.
  core::Status Close();

 private:
  OutputFile(std::optional<core::ReplacementFile> file, std::string name)
      : file_(std::move(file)), name_(std::move(name)) {}
  bool WriteThrough(std::string_view bytes);
  bool Flush();
  std::optional<core::ReplacementFile> file_;  // nullopt: standard output
  std::string name_;
  std::string pending_;  // bytes for file_ not written yet
  bool failed_ = false;
};

// Writes a command's whole output to `path` (see OutputFile).
core::Status WriteOutput(const std::string& path, std::string_view text);

}  // namespace candor::cli
