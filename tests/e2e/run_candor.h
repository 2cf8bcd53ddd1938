#pragma once
// Runs the real candor binary for end-to-end tests and captures what it says.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace candor::e2e {

// This test process's temporary folder `prefix` followed by its pid, made on
// first use and removed, with everything in it, when the process exits:
// each test runs in a process of its own (gtest_discover_tests), and a few
// runs of the suite left thousands of folders behind.
inline std::filesystem::path ProcessTempDir(const std::string& prefix) {
  struct Made {
    std::vector<std::filesystem::path> dirs;
    ~Made() {
      std::error_code ignored;
      for (const auto& dir : dirs) std::filesystem::remove_all(dir, ignored);
    }
  };
  static Made made;  // one per process: the function is inline
  auto dir = std::filesystem::temp_directory_path() / (prefix + std::to_string(::getpid()));
  if (std::filesystem::create_directories(dir)) made.dirs.push_back(dir);
  return dir;
}

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// `args` is pasted into a shell command line after the binary: quote as needed.
inline CommandResult RunCandor(const std::string& args, const std::string& stdin_file = "/dev/null") {
  static int counter = 0;
  auto dir = ProcessTempDir("candor_e2e_");
  auto out = dir / ("out" + std::to_string(counter));
  auto err = dir / ("err" + std::to_string(counter++));
  std::string command = std::string(CANDOR_BINARY) + " " + args + " <" + stdin_file + " >" + out.string() +
                        " 2>" + err.string();
  int status = std::system(command.c_str());
  CommandResult run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = Slurp(out);
  run.err = Slurp(err);
  return run;
}

// A fresh store URL in a temporary directory unique to this test.
inline std::string FreshStore(const std::string& name) {
  auto path = ProcessTempDir("candor_e2e_store_") / (name + ".db");
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
  return "sqlite:" + path.string();
}

// Runs `command` with /bin/sh; standard output and error are captured as in
// RunCandor. For scanners, git and scripts the tests drive.
inline CommandResult RunShell(const std::string& command) {
  static int counter = 0;
  auto dir = ProcessTempDir("candor_e2e_sh_");
  auto out = dir / ("out" + std::to_string(counter));
  auto err = dir / ("err" + std::to_string(counter++));
  std::string line = "( " + command + " ) </dev/null >" + out.string() + " 2>" + err.string();
  int status = std::system(line.c_str());
  CommandResult run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = Slurp(out);
  run.err = Slurp(err);
  return run;
}

// Whether `program` is an executable on PATH.
inline bool OnPath(std::string_view program) {
  return RunShell("command -v '" + std::string(program) + "'").exit_code == 0;
}

// A fresh, empty directory in the temporary directory unique to this process and `name`.
inline std::filesystem::path FreshDir(const std::string& name) {
  auto dir = ProcessTempDir("candor_e2e_dir_") / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// `text` quoted for a POSIX shell command line.
inline std::string ShellQuote(std::string_view text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

// What docs/`page` shows between its markers for `script`'s output
// ("<!-- NAME output: begin -->" and a ```` fence of `language`), or
// "(markers missing)". Doc tests compare it with what the script prints.
inline std::string ShownOnPage(const std::string& page, const std::string& script,
                               const std::string& language) {
  std::string text = Slurp(std::filesystem::path(CANDOR_SOURCE_DIR) / "docs" / page);
  const std::string begin = "<!-- " + script + " output: begin -->\n````" + language + "\n";
  const std::string end = "````\n<!-- " + script + " output: end -->";
  size_t from = text.find(begin);
  size_t to = text.find(end);
  if (from == std::string::npos || to == std::string::npos || from + begin.size() > to)
    return "(markers missing)";
  return text.substr(from + begin.size(), to - from - begin.size());
}

}  // namespace candor::e2e
