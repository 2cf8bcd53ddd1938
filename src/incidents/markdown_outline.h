#pragma once
// A postmortem's Markdown as the linter sees it: sections (from headings), the
// prose blocks in each with a map back to source line and column, and tables.
// Built with cmark-gfm (the project's Markdown library), which is included
// only in markdown_outline.cc. Plain values; thread-safe to read.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace candor::incidents {

// Larger postmortems are refused (kLimitExceeded): a real one is a few pages.
inline constexpr size_t kMaxPostmortemBytes = 8u << 20;

struct SourcePosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in bytes
};

// A run of prose (a paragraph, list item paragraph, heading or table cell).
// `text` is its source with line breaks turned into spaces; `starts[i]` is
// where the source line that begins at text offset `offsets[i]` is.
struct ProseBlock {
  std::string text;
  std::vector<size_t> offsets;
  std::vector<SourcePosition> starts;
  bool quoted = false;  // inside a block quote: someone else's words

  SourcePosition PositionOf(size_t offset) const;
};

struct TableCell {
  std::string text;  // trimmed source text of the cell
  SourcePosition at;
};

struct Table {
  std::vector<std::vector<TableCell>> rows;  // rows[0] is the header row
  SourcePosition at;
};

struct Section {
  std::string title;  // heading text; empty for text before the first heading
  int level = 0;
  SourcePosition at;
  ProseBlock heading;             // the heading line itself, for rules that read titles
  std::vector<ProseBlock> prose;  // excludes code, HTML comments and tables
  std::vector<Table> tables;
};

struct Outline {
  std::vector<Section> sections;
};

// Parses `markdown`. Errors: kLimitExceeded above kMaxPostmortemBytes (named by
// `path`), kInvalidInput for text that is not UTF-8 (with its line:column).
core::Result<Outline> ParseOutline(std::string_view markdown, std::string_view path);

}  // namespace candor::incidents
