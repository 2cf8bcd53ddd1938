#include "incidents/postmortem_actions.h"

#include <charconv>
#include <chrono>

#include "core/text.h"
#include "incidents/postmortem_sections.h"

namespace candor::incidents {
namespace {

struct Columns {
  int title = -1, team = -1, owner = -1, due = -1, kind = -1;
};

Columns FindColumns(const std::vector<TableCell>& header) {
  Columns columns;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name = core::ToLower(header[i].text);
    int index = static_cast<int>(i);
    if (name.find("team") != std::string::npos) {
      columns.team = index;
    } else if (name.find("owner") != std::string::npos) {
      columns.owner = index;
    } else if (name.find("due") != std::string::npos) {
      columns.due = index;
    } else if (name.find("kind") != std::string::npos || name == "type") {
      columns.kind = index;
    } else if ((name.find("title") != std::string::npos || name.find("action") != std::string::npos) &&
               columns.title < 0) {
      columns.title = index;
    }
  }
  return columns;
}

const TableCell* Cell(const std::vector<TableCell>& row, int index) {
  return index >= 0 && static_cast<size_t>(index) < row.size() ? &row[index] : nullptr;
}

}  // namespace

bool IsIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int year = 0;
  unsigned month = 0, day = 0;
  auto number = [&](size_t from, size_t length, auto& out) {
    auto [end, error] = std::from_chars(text.data() + from, text.data() + from + length, out);
    return error == std::errc() && end == text.data() + from + length;
  };
  if (!number(0, 4, year) || !number(5, 2, month) || !number(8, 2, day)) return false;
  return std::chrono::year_month_day(std::chrono::year(year), std::chrono::month(month),
                                     std::chrono::day(day))
      .ok();
}

ActionTable ReadActionTable(const Outline& outline) {
  ActionTable table;
  for (const Section& section : outline.sections) {
    if (ClassifyHeading(section.title) != SectionKind::kActionItems || section.tables.empty()) continue;
    const Table& source = section.tables.front();
    if (source.rows.empty()) continue;
    Columns columns = FindColumns(source.rows.front());
    if (columns.title < 0) continue;
    table.found = true;
    table.at = source.at;
    for (size_t r = 1; r < source.rows.size(); ++r) {
      const auto& row = source.rows[r];
      PostmortemAction item;
      item.at = row.empty() ? source.at : row.front().at;
      item.title_at = item.team_at = item.due_at = item.kind_at = item.at;
      auto take = [&](int column, std::string& text, SourcePosition& at) {
        if (const TableCell* cell = Cell(row, column)) {
          text = cell->text;
          at = cell->at;
        }
      };
      SourcePosition owner_at;
      take(columns.title, item.title, item.title_at);
      take(columns.team, item.team, item.team_at);
      take(columns.owner, item.owner, owner_at);
      take(columns.due, item.due, item.due_at);
      take(columns.kind, item.kind, item.kind_at);
      if (item.title.empty() && item.team.empty() && item.due.empty()) continue;  // a blank template row
      item.due_valid = IsIsoDate(item.due);
      item.parsed_kind = store::ParseActionKind(core::ToLower(item.kind));
      table.items.push_back(std::move(item));
    }
    break;
  }
  return table;
}

}  // namespace candor::incidents
