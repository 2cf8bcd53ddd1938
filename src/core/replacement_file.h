#pragma once
// A file written under a temporary name beside its destination and renamed
// over it only once it is complete: readers of the destination see the old
// file or the new one, never a part of one; a command that fails leaves the
// old file as it was; and the destination is never truncated in place, so a
// command may write over one of its own inputs (which it may still be
// reading, mapped: ingest/input.h).
//
// Where that cannot be done the destination is written directly, as
// fopen(path, "w") would: a device, pipe or socket (a FIFO), a path under
// /dev or /proc (/dev/stdout, /proc/self/fd/3: whatever file they lead to),
// or a file in a directory this process cannot create files in.

#include <string>
#include <utility>

#include "core/error.h"

namespace candor::core {

class ReplacementFile {
 public:
  // Opens the temporary file (mode: the destination's when it exists, else
  // 0666 less the umask, as a new file gets) or the destination itself.
  static Result<ReplacementFile> Open(const std::string& path);

  ReplacementFile(ReplacementFile&& other) noexcept;
  ReplacementFile& operator=(ReplacementFile&&) = delete;
  ~ReplacementFile();  // closes, and removes the temporary file unless committed

  // The descriptor to write to; Commit() or the destructor closes it.
  int fd() const { return fd_; }
  // Closes the file and renames it over the destination; kIo naming the
  // path as given when either fails.
  Status Commit();

 private:
  ReplacementFile(int fd, std::string name, std::string path, std::string temporary)
      : fd_(fd), name_(std::move(name)), path_(std::move(path)), temporary_(std::move(temporary)) {}
  int fd_ = -1;
  std::string name_;       // the path as given, for messages
  std::string path_;       // the file it names
  std::string temporary_;  // empty: `fd_` is the destination itself
};

}  // namespace candor::core
