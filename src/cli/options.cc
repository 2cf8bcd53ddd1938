#include "cli/options.h"

#include <fmt/format.h>

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

core::Result<OutputFile> OutputFile::Open(const std::string& path) {
  if (path.empty() || path == "-") return OutputFile(stdout, "standard output");
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return core::Fail(core::ErrorCode::kIo, "cannot open for writing", path);
  // stdio's 4 KiB buffer makes a 60 MB matched log 15,000 write calls; a
  // 1 MiB one makes it 60. (glibc ignores the size unless given the buffer.)
  constexpr size_t kBuffer = size_t{1} << 20;
  auto buffer = std::make_unique_for_overwrite<char[]>(kBuffer);
  std::setvbuf(file, buffer.get(), _IOFBF, kBuffer);
  return OutputFile(file, path, std::move(buffer));
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : file_(other.file_),
      name_(std::move(other.name_)),
      buffer_(std::move(other.buffer_)),
      failed_(other.failed_) {
  other.file_ = nullptr;
}

OutputFile::~OutputFile() {
  if (file_ != nullptr && file_ != stdout) std::fclose(file_);
}

bool OutputFile::Write(std::string_view piece) {
  if (!failed_ && !piece.empty()) failed_ = std::fwrite(piece.data(), 1, piece.size(), file_) != piece.size();
  return !failed_;
}

core::Status OutputFile::Close() {
  std::FILE* file = std::exchange(file_, nullptr);
  bool closed = file == stdout ? std::fflush(file) == 0 : std::fclose(file) == 0;
  if (failed_ || !closed) return core::Fail(core::ErrorCode::kIo, "cannot write", name_);
  return {};
}

core::Status WriteOutput(const std::string& path, std::string_view text) {
  auto file = OutputFile::Open(path);
  if (!file) return std::unexpected(file.error());
  file->Write(text);
  return file->Close();
}

}  // namespace candor::cli
