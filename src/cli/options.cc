#include "cli/options.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <vector>

#include "store/store.h"

namespace candor::cli {

std::optional<int> ParseArgs(CLI::App& app, std::span<char* const> args) {
  // CLI11 wants the program name first and the rest reversed-free as a vector.
  std::vector<std::string> rest(args.begin() + 1, args.end());
  std::reverse(rest.begin(), rest.end());
  try {
    app.parse(rest);
  } catch (const CLI::CallForHelp&) {
    fmt::print("{}", app.help());
    return 0;
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "candor {}: {}\nRun 'candor {} --help' for usage and examples.\n", app.get_name(),
               e.what(), app.get_name());
    return 2;
  }
  return std::nullopt;
}

CLI::Option* AddDbOption(CLI::App& app, std::string& url) {
  url = std::string(store::kDefaultStoreUrl);
  return app.add_option("--db", url, "Store URL: sqlite:PATH (default sqlite:.candor/candor.db)");
}

// A 60 MB matched log written 1 MiB at a time: 60 write calls.
constexpr size_t kOutputBuffer = size_t{1} << 20;

core::Result<OutputFile> OutputFile::Open(const std::string& path) {
  if (path.empty() || path == "-") return OutputFile(std::nullopt, "standard output");
  auto file = core::ReplacementFile::Open(path);
  if (!file) return std::unexpected(file.error());
  OutputFile out(std::move(*file), path);
  out.pending_.reserve(kOutputBuffer);
  return out;
}

bool OutputFile::WriteThrough(std::string_view bytes) {
  while (!failed_ && !bytes.empty()) {
    ssize_t wrote = write(file_->fd(), bytes.data(), bytes.size());
    if (wrote < 0 && errno == EINTR) continue;
    failed_ = wrote <= 0;
    if (!failed_) bytes.remove_prefix(static_cast<size_t>(wrote));
  }
  return !failed_;
}

bool OutputFile::Flush() {
  WriteThrough(pending_);
  pending_.clear();
  return !failed_;
}

bool OutputFile::Write(std::string_view piece) {
  if (failed_ || piece.empty()) return !failed_;
  if (!file_) {
    failed_ = std::fwrite(piece.data(), 1, piece.size(), stdout) != piece.size();
    return !failed_;
  }
  if (pending_.size() + piece.size() > kOutputBuffer && !Flush()) return false;
  if (piece.size() >= kOutputBuffer) return WriteThrough(piece);
  pending_.append(piece);
  return true;
}

core::Status OutputFile::Close() {
  bool written = file_ ? Flush() : std::fflush(stdout) == 0 && !failed_;
  if (!written) return core::Fail(core::ErrorCode::kIo, "cannot write", name_);
  if (file_) {
    auto committed = file_->Commit();
    file_.reset();
    if (!committed) return committed;
  }
  return {};
}

core::Status WriteOutput(const std::string& path, std::string_view text) {
  auto file = OutputFile::Open(path);
  if (!file) return std::unexpected(file.error());
  file->Write(text);
  return file->Close();
}

}  // namespace candor::cli
