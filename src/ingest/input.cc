#include "ingest/input.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <utility>

#include "core/huge_pages.h"

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

// The memory of one large input that was let go, kept for the next: a log
// read into pages already touched costs no first-touch faults (about 1.8 ms
// per MB on this project's virtual machines), for commands that read large
// scans one after another (`candor ingest` of several, `candor check` with
// several files on one side). One region at most.
class SpareRegion {
 public:
  // The kept region when it holds `bytes` without wasting over half of it;
  // else nullptr. `size` receives its length.
  void* Take(size_t bytes, size_t& size) {
    std::lock_guard lock(mutex_);
    if (data_ == nullptr || size_ < bytes || size_ / 2 > bytes) return nullptr;
    size = size_;
    return std::exchange(data_, nullptr);
  }
  // Keeps the region when the slot is free, else unmaps it.
  void Give(void* data, size_t size) {
    {
      std::lock_guard lock(mutex_);
      if (data_ == nullptr) {
        data_ = data;
        size_ = size;
        return;
      }
    }
    munmap(data, size);
  }

 private:
  std::mutex mutex_;
  void* data_ = nullptr;
  size_t size_ = 0;
};

SpareRegion& Spare() {
  static auto* spare = new SpareRegion();  // never destroyed: regions may be given back during exit
  return *spare;
}

// Reads a regular file of `size` bytes into memory with zero padding after
// it: huge pages for a large file (with room for a slightly larger next one,
// see SpareRegion), pages made present in one call for a smaller one.
// Reading into ordinary memory faults once per 4 KiB page, which on virtual
// machines costs more than parsing the page. (The file is read, not mapped:
// a mapped file that someone truncates meanwhile would crash the reader.)
// nullptr when that fails; the caller then reads the ordinary way.
std::shared_ptr<const char> ReadIntoPopulated(int fd, size_t size) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t needed = (size + InputBuffer::kPadding + page - 1) / page * page;
  const bool huge = needed >= core::kHugePageWorthwhile;
  size_t total = 0;
  void* region = huge ? Spare().Take(needed, total) : nullptr;
  if (region == nullptr) {
    // Virtual headroom costs nothing until touched.
    total = huge ? (needed + needed / 8 + page - 1) / page * page : needed;
    region = mmap(nullptr, total, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | (huge ? 0 : MAP_POPULATE), -1, 0);
    if (region == MAP_FAILED) return nullptr;
    if (huge) core::AdviseHugePages(region, total);
  }
  std::shared_ptr<const char> memory(static_cast<const char*>(region), [total, huge](const char* p) {
    if (huge) {
      Spare().Give(const_cast<char*>(p), total);
    } else {
      munmap(const_cast<char*>(p), total);
    }
  });
  char* bytes = static_cast<char*>(region);
  size_t done = 0;
  while (done < size) {
    ssize_t got = read(fd, bytes + done, size - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return nullptr;  // an error, or the file shrank: read it the ordinary way
    done += static_cast<size_t>(got);
  }
  std::memset(bytes + size, 0, InputBuffer::kPadding);  // a reused region holds old bytes there
  return memory;
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
    // Large regular files go into pre-populated memory; small ones and pipes are read in chunks.
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
      if (auto mapped = ReadIntoPopulated(fd, size)) {
        close(fd);
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
