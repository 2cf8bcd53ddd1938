#pragma once
// A throwaway git repository driven by the real git command line, for tests
// that need diffs exactly as git writes them. Not thread-safe; one per test.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace candor::diff::testing {

// `text` in single quotes for /bin/sh.
inline std::string ShellQuote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

class GitRepo {
 public:
  GitRepo() {
    // The user's and the system's git configuration stay out of the tests.
    setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
    setenv("GIT_AUTHOR_NAME", "Candor Test", 1);
    setenv("GIT_AUTHOR_EMAIL", "test@example.com", 1);
    setenv("GIT_COMMITTER_NAME", "Candor Test", 1);
    setenv("GIT_COMMITTER_EMAIL", "test@example.com", 1);
    std::string pattern = (std::filesystem::temp_directory_path() / "candor-diff-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    dir_ = pattern;
    Git("init -q -b main");
  }
  ~GitRepo() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  GitRepo(const GitRepo&) = delete;
  GitRepo& operator=(const GitRepo&) = delete;

  const std::string& dir() const { return dir_; }

  // Writes `content` (any bytes) to `path` under the repository, creating folders.
  void Write(const std::string& path, std::string_view content) {
    std::filesystem::path full = std::filesystem::path(dir_) / path;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream out(full, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  }
  void Remove(const std::string& path) { std::filesystem::remove(std::filesystem::path(dir_) / path); }

  // Runs `git ARGS` in the repository (ARGS is shell text) and returns its
  // standard output; a failing command fails the test.
  std::string Git(const std::string& args) {
    std::string command = "git -C " + ShellQuote(dir_) + " " + args;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
      ADD_FAILURE() << "cannot run " << command;
      return {};
    }
    std::string output;
    char buffer[4096];
    size_t got = 0;
    while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, got);
    int status = pclose(pipe);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ADD_FAILURE() << "failed: " << command;
    return output;
  }
  void CommitAll(const std::string& message) {
    Git("add -A && git -C " + ShellQuote(dir_) + " commit -q -m " + ShellQuote(message));
  }

 private:
  std::string dir_;
};

}  // namespace candor::diff::testing
