#include "incidents/markdown_outline.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>

#include "core/text.h"

namespace candor::incidents {
namespace {

using core::ErrorCode;
using core::Fail;

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct IterDeleter {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};

// The position of the first byte that is not UTF-8, if any.
std::optional<SourcePosition> FirstInvalidUtf8(std::string_view text) {
  SourcePosition at;
  size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    size_t length = byte < 0x80           ? 1
                    : (byte >> 5) == 0x6  ? 2
                    : (byte >> 4) == 0xE  ? 3
                    : (byte >> 3) == 0x1E ? 4
                                          : 0;
    if (length == 0 || i + length > text.size()) return at;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return at;
    }
    if (byte == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      at.column += static_cast<int>(length);
    }
    i += length;
  }
  return std::nullopt;
}

// Source lines, without their line ends, indexable by 1-based line number.
class SourceLines {
 public:
  explicit SourceLines(std::string_view text) {
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      lines_.push_back(line);
      start = end + 1;
    }
  }
  std::string_view Line(int number) const {
    if (number < 1 || static_cast<size_t>(number) > lines_.size()) return {};
    return lines_[number - 1];
  }

 private:
  std::vector<std::string_view> lines_;
};

// Where the text of a continuation line starts: after indentation and block
// quote markers, which belong to the container, not to the prose.
size_t ContentStart(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '>')) ++i;
  return i;
}

ProseBlock BlockFromLines(const SourceLines& lines, int first_line, int first_column, int last_line,
                          bool quoted) {
  ProseBlock block;
  block.quoted = quoted;
  for (int number = first_line; number <= last_line; ++number) {
    std::string_view line = lines.Line(number);
    size_t start = number == first_line
                       ? std::min(line.size(), static_cast<size_t>(std::max(first_column, 1) - 1))
                       : ContentStart(line);
    if (!block.text.empty()) block.text.push_back(' ');
    block.offsets.push_back(block.text.size());
    block.starts.push_back({number, static_cast<int>(start) + 1});
    block.text.append(line.substr(start));
  }
  return block;
}

ProseBlock HeadingBlock(const SourceLines& lines, int line_number) {
  std::string_view line = lines.Line(line_number);
  size_t start = 0;
  while (start < line.size() && (line[start] == ' ' || line[start] == '#')) ++start;
  size_t end = line.size();
  while (end > start && (line[end - 1] == ' ' || line[end - 1] == '#')) --end;
  ProseBlock block;
  block.offsets.push_back(0);
  block.starts.push_back({line_number, static_cast<int>(start) + 1});
  block.text = std::string(line.substr(start, end - start));
  return block;
}

// A table row's cells, split at unescaped '|' outside code spans.
std::vector<TableCell> SplitRow(std::string_view line, int line_number) {
  std::vector<TableCell> cells;
  size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i < line.size() && line[i] == '|') ++i;
  size_t cell_start = i;
  bool in_code = false;
  auto finish = [&](size_t end) {
    std::string_view raw = line.substr(cell_start, end - cell_start);
    std::string_view trimmed = core::Trim(raw);
    size_t lead = trimmed.empty() ? 0 : static_cast<size_t>(trimmed.data() - raw.data());
    cells.push_back({std::string(trimmed), {line_number, static_cast<int>(cell_start + lead) + 1}});
  };
  for (; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
    } else if (line[i] == '`') {
      in_code = !in_code;
    } else if (line[i] == '|' && !in_code) {
      finish(i);
      cell_start = i + 1;
    }
  }
  if (!core::Trim(line.substr(std::min(cell_start, line.size()))).empty()) finish(line.size());
  return cells;
}

cmark_syntax_extension* TableExtension() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
  return cmark_find_syntax_extension("table");
}

bool IsType(cmark_node* node, std::string_view type) {
  return std::string_view(cmark_node_get_type_string(node)) == type;
}

bool InsideBlockQuote(cmark_node* node) {
  for (cmark_node* up = cmark_node_parent(node); up != nullptr; up = cmark_node_parent(up)) {
    if (cmark_node_get_type(up) == CMARK_NODE_BLOCK_QUOTE) return true;
  }
  return false;
}

}  // namespace

SourcePosition ProseBlock::PositionOf(size_t offset) const {
  if (offsets.empty()) return {};
  auto it = std::upper_bound(offsets.begin(), offsets.end(), offset);
  size_t index = static_cast<size_t>(it - offsets.begin()) - 1;
  SourcePosition at = starts[index];
  at.column += static_cast<int>(offset - offsets[index]);
  return at;
}

core::Result<Outline> ParseOutline(std::string_view markdown, std::string_view path) {
  if (markdown.size() > kMaxPostmortemBytes) {
    return Fail(ErrorCode::kLimitExceeded,
                "postmortem is larger than " + std::to_string(kMaxPostmortemBytes >> 20) + " MB",
                std::string(path));
  }
  if (auto bad = FirstInvalidUtf8(markdown)) {
    return Fail(ErrorCode::kInvalidInput, "not UTF-8 text",
                std::string(path) + ":" + std::to_string(bad->line) + ":" + std::to_string(bad->column));
  }
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  cmark_parser_attach_syntax_extension(parser.get(), TableExtension());
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> document(cmark_parser_finish(parser.get()));

  SourceLines lines(markdown);
  Outline outline;
  outline.sections.emplace_back();
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document.get()));
  for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter.get());
    const int first_line = cmark_node_get_start_line(node);
    if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      Section section;
      section.level = cmark_node_get_heading_level(node);
      section.heading = HeadingBlock(lines, first_line);
      section.title = section.heading.text;
      section.at = section.heading.starts.front();
      outline.sections.push_back(std::move(section));
      cmark_iter_reset(iter.get(), node, CMARK_EVENT_EXIT);
    } else if (cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH) {
      outline.sections.back().prose.push_back(
          BlockFromLines(lines, first_line, cmark_node_get_start_column(node), cmark_node_get_end_line(node),
                         InsideBlockQuote(node)));
      cmark_iter_reset(iter.get(), node, CMARK_EVENT_EXIT);
    } else if (IsType(node, "table")) {
      Table table;
      table.at = {first_line, cmark_node_get_start_column(node)};
      for (cmark_node* row = cmark_node_first_child(node); row != nullptr; row = cmark_node_next(row)) {
        int row_line = cmark_node_get_start_line(row);
        table.rows.push_back(SplitRow(lines.Line(row_line), row_line));
      }
      outline.sections.back().tables.push_back(std::move(table));
      cmark_iter_reset(iter.get(), node, CMARK_EVENT_EXIT);
    }
  }
  return outline;
}

}  // namespace candor::incidents
