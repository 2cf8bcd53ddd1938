#include "store/store.h"

namespace candor::store {

std::string_view ToString(FindingStatus status) {
  switch (status) {
    case FindingStatus::kOpen: return "open";
    case FindingStatus::kFixed: return "fixed";
    case FindingStatus::kAccepted: return "accepted";
    case FindingStatus::kFalsePositive: return "false_positive";
    case FindingStatus::kMitigated: return "mitigated";
  }
  return "open";
}

std::optional<FindingStatus> ParseFindingStatus(std::string_view name) {
  for (FindingStatus status : {FindingStatus::kOpen, FindingStatus::kFixed, FindingStatus::kAccepted,
                               FindingStatus::kFalsePositive, FindingStatus::kMitigated}) {
    if (name == ToString(status)) return status;
  }
  return std::nullopt;
}

core::Result<Transaction> Transaction::Begin(Store& store) {
  if (auto status = store.Begin(); !status) return std::unexpected(std::move(status.error()));
  return Transaction(store);
}

core::Status Transaction::Commit() {
  if (store_ == nullptr)
    return core::Fail(core::ErrorCode::kInternal, "Transaction::Commit: already finished");
  auto status = store_->Commit();
  if (status) store_ = nullptr;  // on failure the destructor rolls back
  return status;
}

}  // namespace candor::store
