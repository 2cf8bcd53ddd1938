#include "ingest/input.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxh_x86dispatch.h>  // XXH3 in AVX2 where the CPU has it: the same hashes

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>

namespace candor::ingest {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct FileCloser {
  void operator()(FILE* f) const {
    if (f != nullptr && f != stdin) std::fclose(f);
  }
};

}  // namespace

InputBuffer::InputBuffer(std::string name, std::string_view bytes) : name_(std::move(name)) {
  if (bytes.starts_with(kUtf8Bom)) {
    bytes.remove_prefix(kUtf8Bom.size());
    bom_bytes_ = kUtf8Bom.size();
  }
  size_ = bytes.size();
  data_.reserve(size_ + kPadding);
  data_.append(bytes);
  data_.append(kPadding, '\0');
}

// Maps a regular file of `size` bytes read-only, followed by at least
// kPadding zero bytes, while holding a read lease on it; nullptr when the
// lease or the mapping cannot be had (the caller then reads the file).
//
// Mapped, not read: the file's pages are already in the page cache, and a
// copy of them costs fresh memory, which on this project's virtual machines
// costs about 1.5 ms per MB when the host has to supply it (about 170 ms of
// `candor match` at 100,000 results). A mapped file that someone truncates
// would crash its reader (SIGBUS), so the file is mapped only under a read
// lease: until the lease is given up, with the mapping, a process that opens
// the file to write or truncates it waits (up to /proc/sys/fs/lease-break-time,
// 45 s by default). The lease is refused while anyone has the file open for
// writing, and to a process that does not own the file: then it is read.
std::shared_ptr<const char> MapLeased(int fd, size_t size) {
  if (fcntl(fd, F_SETLEASE, F_RDLCK) != 0) return nullptr;
  // Taking a lease makes this process the file's owner, to be sent SIGIO
  // (which ends a process by default) when a writer breaks the lease. No
  // owner, no signal: the writer just waits.
  fcntl(fd, F_SETOWN, 0);
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t file_pages = (size + page - 1) / page * page;
  // The padding: past the end of the file, its last page reads as zeros; a
  // page of zeros after it covers padding that reaches beyond.
  const size_t total = (size + InputBuffer::kPadding + page - 1) / page * page;
  void* region = mmap(nullptr, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region != MAP_FAILED &&
      mmap(region, file_pages, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, fd, 0) == MAP_FAILED) {
    munmap(region, total);
    region = MAP_FAILED;
  }
  if (region == MAP_FAILED) {
    fcntl(fd, F_SETLEASE, F_UNLCK);
    return nullptr;
  }
  return std::shared_ptr<const char>(static_cast<const char*>(region), [fd, total](const char* bytes) {
    munmap(const_cast<char*>(bytes), total);
    fcntl(fd, F_SETLEASE, F_UNLCK);
    close(fd);
  });
}

core::Result<InputBuffer> LoadInput(const std::string& path, const Limits& limits) {
  const bool from_stdin = path == "-";
  const std::string name = from_stdin ? "<stdin>" : path;
  // The file is opened once: a named pipe opened, closed and opened again
  // would lose its writer.
  std::unique_ptr<FILE, FileCloser> file;
  if (from_stdin) {
    file.reset(stdin);
  } else {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      auto code = errno == ENOENT ? core::ErrorCode::kNotFound : core::ErrorCode::kIo;
      return core::Fail(code, fmt::format("cannot open: {}", std::strerror(errno)), name);
    }
    // Large regular files are mapped; small ones and pipes are read in chunks.
    constexpr size_t kMapAtLeast = size_t{1} << 20;
    struct stat info {};
    if (fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && static_cast<size_t>(info.st_size) >= kMapAtLeast) {
      const auto size = static_cast<size_t>(info.st_size);
      if (size > limits.max_input_bytes) {
        close(fd);
        return core::Fail(core::ErrorCode::kLimitExceeded,
                          fmt::format("input is {} bytes, over the limit of {} bytes (--max-input-mb)", size,
                                      limits.max_input_bytes),
                          path);
      }
      if (auto mapped = MapLeased(fd, size)) {  // keeps `fd` open until the mapping goes
        InputBuffer input;
        input.name_ = path;
        input.mapped_ = std::move(mapped);
        input.size_ = size;
        if (std::string_view(input.mapped_.get(), size).starts_with(kUtf8Bom)) {
          input.bom_bytes_ = kUtf8Bom.size();
          input.size_ -= kUtf8Bom.size();
        }
        return input;
      }
      lseek(fd, 0, SEEK_SET);  // read it the ordinary way below
    }
    file.reset(fdopen(fd, "rb"));
    if (!file) {
      close(fd);
      return core::Fail(core::ErrorCode::kIo, fmt::format("cannot open: {}", std::strerror(errno)), name);
    }
  }

  InputBuffer input;
  input.name_ = name;
  // Read in chunks so a pipe and a file behave alike and the limit holds for both.
  constexpr size_t kChunk = size_t{1} << 20;
  std::string& data = input.data_;
  if (!from_stdin && std::fseek(file.get(), 0, SEEK_END) == 0) {
    long size = std::ftell(file.get());
    if (size > 0 && static_cast<size_t>(size) > limits.max_input_bytes) {
      return core::Fail(core::ErrorCode::kLimitExceeded,
                        fmt::format("input is {} bytes, over the limit of {} bytes (--max-input-mb)", size,
                                    limits.max_input_bytes),
                        name);
    }
    // One allocation for the whole file: the last chunk read and the padding fit too.
    if (size > 0) data.reserve(static_cast<size_t>(size) + kChunk + InputBuffer::kPadding);
    std::rewind(file.get());
  }
  size_t used = 0;
  while (true) {
    // Grown without zero-filling: fread writes every byte that is kept.
    size_t got = 0;
    data.resize_and_overwrite(used + kChunk, [&](char* bytes, size_t) {
      got = std::fread(bytes + used, 1, kChunk, file.get());
      return used + got;
    });
    used += got;
    if (used > limits.max_input_bytes) {
      return core::Fail(
          core::ErrorCode::kLimitExceeded,
          fmt::format("input exceeds the limit of {} bytes (--max-input-mb)", limits.max_input_bytes), name);
    }
    if (got < kChunk) break;
  }
  if (std::ferror(file.get())) {
    return core::Fail(core::ErrorCode::kIo, fmt::format("read failed: {}", std::strerror(errno)), name);
  }
  if (std::string_view(data.data(), used).starts_with(kUtf8Bom)) {
    data.erase(0, kUtf8Bom.size());
    used -= kUtf8Bom.size();
    input.bom_bytes_ = kUtf8Bom.size();
  }
  data.resize(used);
  data.append(InputBuffer::kPadding, '\0');
  input.size_ = used;
  return input;
}

std::string DigestHex(std::string_view bytes) {
  XXH128_hash_t hash = XXH3_128bits(bytes.data(), bytes.size());
  return fmt::format("{:016x}{:016x}", hash.high64, hash.low64);
}

}  // namespace candor::ingest
