#include "incidents/postmortem_ingest.h"

#include <fmt/format.h>

#include "incidents/markdown_outline.h"
#include "incidents/postmortem_actions.h"
#include "incidents/postmortem_template.h"
#include "ingest/input.h"

namespace candor::incidents {
namespace {

using core::ErrorCode;
using core::Fail;

std::string Where(std::string_view path, SourcePosition at) {
  return fmt::format("{}:{}:{}", path, at.line, at.column);
}

}  // namespace

core::Result<IngestPlan> PlanIngest(std::string_view markdown, std::string_view path,
                                    std::optional<int64_t> incident) {
  auto outline = ParseOutline(markdown, path);
  if (!outline) return std::unexpected(std::move(outline.error()));
  IngestPlan plan;
  plan.path = std::string(path);
  plan.digest = ingest::DigestHex(markdown);
  if (!incident) incident = IncidentMarker(markdown);
  if (!incident) {
    return Fail(ErrorCode::kInvalidInput, "no '<!-- candor:incident N -->' marker; pass --incident ID",
                std::string(path));
  }
  plan.incident_id = *incident;
  ActionTable table = ReadActionTable(*outline);
  if (!table.found) {
    return Fail(ErrorCode::kInvalidInput,
                "no action items table (| Title | Owning team | Owner | Due | Kind |)", std::string(path));
  }
  for (const PostmortemAction& item : table.items) {
    if (item.title.empty())
      return Fail(ErrorCode::kInvalidInput, "action item without a title", Where(path, item.at));
    if (item.team.empty()) {
      return Fail(ErrorCode::kInvalidInput, fmt::format("action item '{}' has no owning team", item.title),
                  Where(path, item.team_at));
    }
    if (!item.due_valid) {
      return Fail(ErrorCode::kInvalidInput, fmt::format("due date '{}' is not a YYYY-MM-DD date", item.due),
                  Where(path, item.due_at));
    }
    if (!item.parsed_kind) {
      return Fail(ErrorCode::kInvalidInput,
                  fmt::format("kind '{}' is neither 'systemic' nor 'patch'", item.kind),
                  Where(path, item.kind_at));
    }
    store::ActionItemRecord record;
    record.incident_id = plan.incident_id;
    record.title = item.title;
    record.owner_team = item.team;
    record.owner_person = item.owner;
    record.due = item.due;
    record.kind = *item.parsed_kind;
    plan.items.push_back(std::move(record));
  }
  return plan;
}

core::Result<std::vector<int64_t>> RecordIngest(store::Store& store, const IngestPlan& plan,
                                                std::string_view ingested_at) {
  auto transaction = store::Transaction::Begin(store);
  if (!transaction) return std::unexpected(std::move(transaction.error()));
  auto postmortem =
      store.AddPostmortem({0, plan.incident_id, plan.path, plan.digest, std::string(ingested_at)});
  if (!postmortem) return std::unexpected(std::move(postmortem.error()));
  std::vector<int64_t> ids;
  for (store::ActionItemRecord item : plan.items) {
    item.postmortem_id = *postmortem;
    auto id = store.UpsertActionItem(item);
    if (!id) return std::unexpected(std::move(id.error()));
    ids.push_back(*id);
  }
  if (auto committed = transaction->Commit(); !committed)
    return std::unexpected(std::move(committed.error()));
  return ids;
}

}  // namespace candor::incidents
