#pragma once
// Candor's one error type. Every fallible function returns Result<T> (or Status
// when there is no value); exceptions stay inside the wrappers of third-party code.
// Thread-safety: plain values, safe to copy between threads.

#include <expected>
#include <string>
#include <utility>

namespace candor::core {

enum class ErrorCode {
  kUsage,          // the command line itself is wrong
  kInvalidInput,   // a file or request the user gave is malformed or not what it claims
  kLimitExceeded,  // input larger or deeper than the configured bounds
  kNotFound,       // a named file, record or store does not exist
  kIo,             // the operating system refused a read or write
  kStore,          // the database failed (locked, corrupt, constraint)
  kUnsupported,    // understood, but not something Candor handles (e.g. SARIF 1.0)
  kInternal,       // a bug that escaped an assertion; should never reach a user
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // what went wrong, one line, no trailing period
  std::string where;    // "file:line:col" or "file: byte N at $.json.path"; may be empty

  // "where: message", or just the message when there is no location.
  std::string ToString() const;
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(ErrorCode code, std::string message, std::string where = {}) {
  return std::unexpected(Error{code, std::move(message), std::move(where)});
}

// The one mapping from error codes to process exit codes: 2 for anything the
// user can fix by changing input or arguments, 3 for environment and store
// failures, 70 (EX_SOFTWARE) for bugs.
int ExitCodeFor(ErrorCode code);

}  // namespace candor::core
