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

namespace candor::cli {

// Parses `args` (args[0] is the command name). Returns an exit code when the
// command should stop now: 0 after --help, 2 after a usage error (message on
// stderr); nullopt when parsing succeeded.
std::optional<int> ParseArgs(CLI::App& app, std::span<char* const> args);

// Adds the `--db URL` option every store-using command has.
CLI::Option* AddDbOption(CLI::App& app, std::string& url);

// Where a command's output goes: the file `path`, or standard output when
// `path` is empty or "-". For output written in pieces.
class OutputFile {
 public:
  static core::Result<OutputFile> Open(const std::string& path);
  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&&) = delete;
  ~OutputFile();
  bool Write(std::string_view piece);
  // Flushes and closes; kIo naming the file when anything failed.
  core::Status Close();

 private:
  OutputFile(std::FILE* file, std::string name, std::unique_ptr<char[]> buffer = nullptr)
      : file_(file), name_(std::move(name)), buffer_(std::move(buffer)) {}
  std::FILE* file_;
  std::string name_;
  std::unique_ptr<char[]> buffer_;  // the stream's, freed after it is closed
  bool failed_ = false;
};

// Writes a command's whole output to `path` (see OutputFile).
core::Status WriteOutput(const std::string& path, std::string_view text);

}  // namespace candor::cli
