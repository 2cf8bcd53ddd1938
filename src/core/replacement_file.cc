#include "core/replacement_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <utility>

namespace candor::core {
namespace {

// The file a path names once symbolic links are followed (the one fopen
// would write), or the path itself when it names nothing yet.
std::string Destination(const std::string& path) {
  std::unique_ptr<char, decltype(&std::free)> resolved(realpath(path.c_str(), nullptr), &std::free);
  return resolved ? std::string(resolved.get()) : path;
}

// ".NAME.PID-N.tmp" in the destination's directory: hidden from globs like
// *.sarif, and unique between threads and processes.
std::string TemporaryName(const std::string& destination, int attempt) {
  static std::atomic<unsigned> counter{0};
  const size_t slash = destination.rfind('/');
  const std::string directory = slash == std::string::npos ? "" : destination.substr(0, slash + 1);
  const std::string name = slash == std::string::npos ? destination : destination.substr(slash + 1);
  return fmt::format("{}.{}.{}-{}-{}.tmp", directory, name, getpid(), counter.fetch_add(1), attempt);
}

}  // namespace

Result<ReplacementFile> ReplacementFile::Open(const std::string& path) {
  const std::string destination = Destination(path);
  struct stat existing {};
  const bool exists = stat(destination.c_str(), &existing) == 0;
  // /dev/stdout and the like name a descriptor the caller set up (perhaps a
  // regular file it appends to): written directly, as they always were.
  const bool device_path = path.starts_with("/dev/") || path.starts_with("/proc/");
  if (!device_path && (!exists || S_ISREG(existing.st_mode))) {
    for (int attempt = 0; attempt < 8; ++attempt) {
      std::string temporary = TemporaryName(destination, attempt);
      int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd < 0 && errno == EEXIST) continue;
      if (fd < 0) break;  // e.g. a directory this process cannot write: write the file directly
      if (exists) fchmod(fd, existing.st_mode & 07777);
      return ReplacementFile(fd, path, destination, std::move(temporary));
    }
  }
  int fd = open(destination.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0)
    return Fail(ErrorCode::kIo, fmt::format("cannot open for writing: {}", std::strerror(errno)), path);
  return ReplacementFile(fd, path, destination, "");
}

ReplacementFile::ReplacementFile(ReplacementFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      name_(std::move(other.name_)),
      path_(std::move(other.path_)),
      temporary_(std::move(other.temporary_)) {
  other.temporary_.clear();
}

ReplacementFile::~ReplacementFile() {
  if (fd_ >= 0) close(fd_);
  if (!temporary_.empty()) unlink(temporary_.c_str());
}

Status ReplacementFile::Commit() {
  const int fd = std::exchange(fd_, -1);
  if (close(fd) != 0)
    return Fail(ErrorCode::kIo, fmt::format("cannot write: {}", std::strerror(errno)), name_);
  if (temporary_.empty()) return {};
  if (rename(temporary_.c_str(), path_.c_str()) != 0) {
    return Fail(ErrorCode::kIo, fmt::format("cannot replace: {}", std::strerror(errno)), name_);
  }
  temporary_.clear();
  return {};
}

}  // namespace candor::core
