#include "core/error.h"

namespace candor::core {

std::string Error::ToString() const {
  if (where.empty()) return message;
  return where + ": " + message;
}

int ExitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUsage:
    case ErrorCode::kInvalidInput:
    case ErrorCode::kLimitExceeded:
    case ErrorCode::kNotFound:
    case ErrorCode::kUnsupported: return 2;
    case ErrorCode::kIo:
    case ErrorCode::kStore: return 3;
    case ErrorCode::kInternal: return 70;
  }
  return 70;
}

}  // namespace candor::core
