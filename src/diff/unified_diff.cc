#include "diff/unified_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diff/diff_path.h"
#include "diff/hunk_header.h"

namespace candor::diff {
namespace {

using core::ErrorCode;

// Lines of the text without their "\n" or "\r\n", numbered from 1.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}

  bool Next(std::string_view* line) {
    if (pos_ >= text_.size()) return false;
    size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    *line = text_.substr(pos_, end - pos_);
    if (line->ends_with('\r')) line->remove_suffix(1);
    pos_ = end + 1;
    ++number_;
    return true;
  }
  // The line after the current one, without consuming it.
  std::string_view Peek() const {
    LineReader copy = *this;
    std::string_view line;
    return copy.Next(&line) ? line : std::string_view{};
  }
  size_t number() const { return number_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t number_ = 0;
};

// "the first bytes of the line" for messages, control bytes shown as '?'.
std::string Snippet(std::string_view line, size_t max = 24) {
  std::string out(line.substr(0, max));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  if (line.size() > max) out += "...";
  return out;
}

// A diff -u timestamp of the epoch marks a side that does not exist (diff -N).
bool IsEpochTimestamp(std::string_view line) {
  size_t tab = line.find('\t');
  if (tab == std::string_view::npos) return false;
  std::string_view stamp = line.substr(tab + 1);
  return stamp.starts_with("1970-01-01 00:00:00") || stamp.starts_with("1969-12-31 ");
}

std::string_view AfterFirstComponent(std::string_view name) {
  size_t slash = name.find('/');
  return slash == std::string_view::npos ? std::string_view{} : name.substr(slash + 1);
}

// One file's section of the diff while it is being read.
struct PendingFile {
  FileChange change;
  size_t header_line = 0;
  bool git = false;                                  // opened by "diff --git"
  bool in_git_header = false;                        // extended header lines may still follow
  bool strip = false;                                // names carry a/ b/ style prefixes
  std::string git_old, git_new;                      // from the "diff --git" line, prefixes off
  std::optional<std::string> minus_name, plus_name;  // from ---/+++, prefixes off
  std::optional<std::string> moved_from, moved_to;   // rename or copy from/to
  bool copied = false;
  bool new_file = false;
  bool deleted_file = false;
  int old_end = 1;  // first old and new lines a next hunk may cover
  int new_end = 1;
};

class Parser {
 public:
  Parser(std::string_view text, std::string_view name, size_t bom_bytes)
      : lines_(text), name_(name), bom_bytes_(bom_bytes) {}

  core::Result<ChangeSet> Run();

 private:
  enum class State { kOutside, kHunk, kBinaryPatch };

  core::Status Outside(std::string_view line);
  core::Status HunkLine(std::string_view line);
  core::Status StartHunk(std::string_view line);
  core::Status GitHeaderLine(std::string_view line);
  core::Status NamesFromMinusPlus(std::string_view minus, std::string_view plus);
  core::Status StartGitFile(std::string_view line);
  core::Status StandaloneBinary(std::string_view line);
  core::Status Finish();
  core::Status CheckNoFileTwice() const;

  std::string Where(size_t line, size_t offset) const {
    return fmt::format("{}:{}:{}", name_, line, offset + 1 + (line == 1 ? bom_bytes_ : 0));
  }
  std::unexpected<core::Error> Invalid(std::string message, size_t offset = 0,
                                       ErrorCode code = ErrorCode::kInvalidInput) const {
    return core::Fail(code, std::move(message), Where(lines_.number(), offset));
  }
  std::unexpected<core::Error> Invalid(const PathError& error, size_t line_offset) const {
    return Invalid(error.message, line_offset + error.offset);
  }
  std::string HunkSummary() const {
    return fmt::format("the hunk header at line {} says -{},{} +{},{}", hunk_line_, hunk_.old_start,
                       hunk_.old_count, hunk_.new_start, hunk_.new_count);
  }

  LineReader lines_;
  std::string_view name_;
  size_t bom_bytes_;
  State state_ = State::kOutside;
  std::optional<PendingFile> file_;
  std::vector<FileChange> files_;
  std::vector<size_t> header_lines_;  // where each of files_ starts, for messages
  // The hunk being read: its header, where it is, and what it still needs.
  Hunk hunk_;
  size_t hunk_line_ = 0;
  int old_left_ = 0, new_left_ = 0;
  int old_line_ = 0, new_line_ = 0;
  bool hunk_just_closed_ = false;
};

core::Result<ChangeSet> Parser::Run() {
  std::string_view line;
  while (lines_.Next(&line)) {
    core::Status status;
    switch (state_) {
      case State::kHunk: status = HunkLine(line); break;
      case State::kBinaryPatch:
        // Base85 lines never hold a space, so only the next file ends it.
        if (!line.starts_with("diff --git ")) break;
        state_ = State::kOutside;
        status = Outside(line);
        break;
      case State::kOutside: status = Outside(line); break;
    }
    if (!status) return std::unexpected(status.error());
  }
  if (state_ == State::kHunk) {
    return core::Fail(ErrorCode::kInvalidInput,
                      fmt::format("the diff ends inside a hunk: {}, {} old and {} new lines are missing",
                                  HunkSummary(), old_left_, new_left_),
                      Where(lines_.number() + 1, 0));
  }
  if (auto status = Finish(); !status) return std::unexpected(status.error());
  if (auto status = CheckNoFileTwice(); !status) return std::unexpected(status.error());
  return ChangeSet(std::move(files_));
}

core::Status Parser::HunkLine(std::string_view line) {
  char kind = line.empty() ? ' ' : line[0];
  FileChange& change = file_->change;
  switch (kind) {
    case '\\': return {};  // "\ No newline at end of file": about the line before
    case ' ':
      if (old_left_ == 0 || new_left_ == 0) {
        return Invalid(fmt::format("hunk has more context lines than {}", HunkSummary()));
      }
      --old_left_, --new_left_, ++old_line_, ++new_line_;
      break;
    case '-':
      if (old_left_ == 0) return Invalid(fmt::format("hunk has more removed lines than {}", HunkSummary()));
      change.removed_lines.push_back(old_line_++);
      --old_left_;
      break;
    case '+':
      if (new_left_ == 0) return Invalid(fmt::format("hunk has more added lines than {}", HunkSummary()));
      change.added_lines.push_back(new_line_++);
      --new_left_;
      break;
    default:
      return Invalid(
          fmt::format("expected a hunk line (' ', '-', '+' or '\\'), found '{}': {}, and {} old "
                      "and {} new lines are missing",
                      Snippet(line), HunkSummary(), old_left_, new_left_));
  }
  if (old_left_ == 0 && new_left_ == 0) {
    state_ = State::kOutside;
    hunk_just_closed_ = true;
  }
  return {};
}

core::Status Parser::Outside(std::string_view line) {
  bool just_closed = std::exchange(hunk_just_closed_, false);
  if (line.starts_with("diff --git ")) return StartGitFile(line);
  if (line.starts_with("diff --cc ") || line.starts_with("diff --combined ") || line.starts_with("@@@")) {
    return Invalid("combined diffs of merge commits are not supported", 0, ErrorCode::kUnsupported);
  }
  if (line.starts_with("@@")) return StartHunk(line);
  if (line.starts_with("--- ") && lines_.Peek().starts_with("+++ ")) {
    bool names_of_git_file = file_ && file_->git && !file_->minus_name && file_->change.hunks.empty();
    if (!names_of_git_file) {
      if (auto status = Finish(); !status) return status;
      file_.emplace();
      file_->header_line = lines_.number();
    }
    std::string_view minus = line;
    lines_.Next(&line);
    return NamesFromMinusPlus(minus, line);
  }
  if (line.starts_with('\\') && just_closed) {
    hunk_just_closed_ = true;  // the marker belongs to the hunk's last line
    return {};
  }
  if (just_closed && !line.empty()) {
    // A hunk line right after a complete hunk: the header counted too few.
    // "-- " (or "--" once trailing blanks are stripped) is format-patch's
    // signature separator.
    bool signature = line == "-- " || line == "--";
    if (line[0] == '+' || line[0] == ' ' || (line[0] == '-' && !signature)) {
      return Invalid(fmt::format("hunk has more lines than {}", HunkSummary()));
    }
  }
  if (file_ && file_->git && file_->change.hunks.empty()) {
    if (line.starts_with("Binary files ") || line == "GIT binary patch") {
      file_->change.binary = true;
      file_->in_git_header = false;
      if (line == "GIT binary patch") state_ = State::kBinaryPatch;
      return {};
    }
    if (file_->in_git_header) return GitHeaderLine(line);
  }
  if (line.starts_with("Binary files ") && line.ends_with(" differ")) return StandaloneBinary(line);
  return {};  // commit message, diffstat, "Index:" and other text between files
}

core::Status Parser::StartGitFile(std::string_view line) {
  if (auto status = Finish(); !status) return status;
  constexpr size_t kSkip = std::string_view("diff --git ").size();
  auto names = SplitGitHeaderNames(line.substr(kSkip));
  if (!names) return Invalid(names.error(), kSkip);
  file_.emplace();
  file_->header_line = lines_.number();
  file_->git = true;
  file_->in_git_header = true;
  file_->strip = HasGitPrefixes(names->first, names->second);
  file_->git_old = WithoutPrefix(std::move(names->first), file_->strip);
  file_->git_new = WithoutPrefix(std::move(names->second), file_->strip);
  return {};
}

core::Status Parser::GitHeaderLine(std::string_view line) {
  PendingFile& file = *file_;
  auto name_after = [&](std::string_view prefix, std::optional<std::string>* out) -> core::Status {
    auto name = ReadName(line, prefix.size(), NameEnd::kLine);
    if (!name) return Invalid(name.error(), 0);
    *out = std::move(*name);
    return {};
  };
  if (line.starts_with("new file mode ")) {
    file.new_file = true;
  } else if (line.starts_with("deleted file mode ")) {
    file.deleted_file = true;
  } else if (line.starts_with("rename from ")) {
    return name_after("rename from ", &file.moved_from);
  } else if (line.starts_with("rename to ")) {
    return name_after("rename to ", &file.moved_to);
  } else if (line.starts_with("rename old ")) {  // git before 1.5
    return name_after("rename old ", &file.moved_from);
  } else if (line.starts_with("rename new ")) {
    return name_after("rename new ", &file.moved_to);
  } else if (line.starts_with("copy from ")) {
    file.copied = true;
    return name_after("copy from ", &file.moved_from);
  } else if (line.starts_with("copy to ")) {
    file.copied = true;
    return name_after("copy to ", &file.moved_to);
  } else if (line.starts_with("--- ")) {
    return Invalid("'---' line without a '+++' line after it");
  } else if (!(line.starts_with("old mode ") || line.starts_with("new mode ") ||
               line.starts_with("similarity index ") || line.starts_with("dissimilarity index ") ||
               line.starts_with("index "))) {
    file.in_git_header = false;  // the header is over; text until the next file is skipped
  }
  return {};
}

core::Status Parser::NamesFromMinusPlus(std::string_view minus, std::string_view plus) {
  constexpr size_t kSkip = 4;  // "--- " and "+++ "
  auto old_name = ReadName(minus, kSkip, NameEnd::kTab);
  if (!old_name)
    return core::Fail(ErrorCode::kInvalidInput, old_name.error().message,
                      Where(lines_.number() - 1, old_name.error().offset));
  auto new_name = ReadName(plus, kSkip, NameEnd::kTab);
  if (!new_name) return Invalid(new_name.error(), 0);
  PendingFile& file = *file_;
  if (!file.git) {
    // diff -u: the names as given, unless a/ b/ style prefixes or two top
    // directories (diff -ruN old new) stand in front of the same path. The
    // side of an epoch timestamp does not exist (diff -N), but still names
    // the file, so it takes part in that decision.
    file.strip = HasGitPrefixes(*old_name, *new_name);
    if (!file.strip && *old_name != *new_name) {
      std::string_view old_rest = AfterFirstComponent(*old_name);
      std::string_view new_rest = AfterFirstComponent(*new_name);
      if (!old_rest.empty() && old_rest == new_rest) {
        *old_name = std::string(old_rest);
        *new_name = *old_name;
      }
    }
    if (IsEpochTimestamp(minus)) *old_name = kDevNull;
    if (IsEpochTimestamp(plus)) *new_name = kDevNull;
  }
  file.minus_name = WithoutPrefix(std::move(*old_name), file.strip);
  file.plus_name = WithoutPrefix(std::move(*new_name), file.strip);
  file.in_git_header = false;
  return {};
}

core::Status Parser::StandaloneBinary(std::string_view line) {
  // "Binary files OLD and NEW differ" from diff(1), outside any git header.
  constexpr std::string_view kHead = "Binary files ";
  std::string_view names = line.substr(kHead.size(), line.size() - kHead.size() - 7);
  size_t and_at = names.find(" and ");
  if (and_at == std::string_view::npos || names.find(" and ", and_at + 1) != std::string_view::npos) {
    return {};  // ambiguous names: nothing to attribute
  }
  if (auto status = Finish(); !status) return status;
  std::string old_name(names.substr(0, and_at));
  std::string new_name(names.substr(and_at + 5));
  file_.emplace();
  file_->header_line = lines_.number();
  file_->strip = HasGitPrefixes(old_name, new_name);
  file_->minus_name = WithoutPrefix(std::move(old_name), file_->strip);
  file_->plus_name = WithoutPrefix(std::move(new_name), file_->strip);
  file_->change.binary = true;
  return {};
}

core::Status Parser::StartHunk(std::string_view line) {
  if (!file_) return Invalid("hunk header before any file header ('diff --git' or '---'/'+++' lines)");
  auto hunk = ParseHunkHeader(line);
  if (!hunk) return Invalid(hunk.error(), 0);
  PendingFile& file = *file_;
  int old_begin = hunk->old_count > 0 ? hunk->old_start : hunk->old_start + 1;
  int new_begin = hunk->new_count > 0 ? hunk->new_start : hunk->new_start + 1;
  if (old_begin < file.old_end || new_begin < file.new_end) {
    return Invalid("hunk overlaps or comes before the previous hunk of the file");
  }
  file.old_end = hunk->old_count > 0 ? hunk->old_start + hunk->old_count : old_begin;
  file.new_end = hunk->new_count > 0 ? hunk->new_start + hunk->new_count : new_begin;
  file.in_git_header = false;
  file.change.hunks.push_back(*hunk);
  hunk_ = *hunk;
  hunk_line_ = lines_.number();
  old_left_ = hunk->old_count;
  new_left_ = hunk->new_count;
  old_line_ = hunk->old_start;
  new_line_ = hunk->new_start;
  if (old_left_ > 0 || new_left_ > 0) {
    state_ = State::kHunk;
  } else {
    hunk_just_closed_ = true;
  }
  return {};
}

core::Status Parser::Finish() {
  if (!file_) return {};
  PendingFile file = std::move(*file_);
  file_.reset();
  FileChange& change = file.change;
  std::string old_name = file.minus_name.value_or(file.git_old);
  std::string new_name = file.plus_name.value_or(file.git_new);
  // Rename and copy lines carry the true names, never prefixed or timestamped.
  if (file.moved_from) old_name = *file.moved_from;
  if (file.moved_to) new_name = *file.moved_to;

  if (file.new_file || old_name == kDevNull) {
    change.kind = ChangeKind::kAdded;
    old_name.clear();
  } else if (file.deleted_file || new_name == kDevNull) {
    change.kind = ChangeKind::kDeleted;
    new_name.clear();
  } else if (file.moved_from || file.moved_to) {
    change.kind = file.copied ? ChangeKind::kCopied : ChangeKind::kRenamed;
  } else if (old_name != new_name) {
    change.kind = ChangeKind::kRenamed;  // diff -u of two differently named files
  }
  if ((change.kind != ChangeKind::kAdded && old_name.empty()) ||
      (change.kind != ChangeKind::kDeleted && new_name.empty()) || (old_name.empty() && new_name.empty())) {
    return core::Fail(ErrorCode::kInvalidInput, "file header without a file name",
                      Where(file.header_line, 0));
  }
  change.old_path = std::move(old_name);
  change.new_path = std::move(new_name);
  files_.push_back(std::move(change));
  header_lines_.push_back(file.header_line);
  return {};
}

core::Status Parser::CheckNoFileTwice() const {
  // A path may be the target of one change and the source of one change that
  // moves it; copies leave their source in place, so they may share it.
  using Use = std::pair<std::string_view, size_t>;  // path, index into files_
  std::vector<Use> targets, sources;
  for (size_t i = 0; i < files_.size(); ++i) {
    const FileChange& f = files_[i];
    if (!f.new_path.empty()) targets.emplace_back(f.new_path, i);
    if (!f.old_path.empty() && f.kind != ChangeKind::kCopied) sources.emplace_back(f.old_path, i);
  }
  for (auto* uses : {&targets, &sources}) {
    std::sort(uses->begin(), uses->end());
    auto twice = std::adjacent_find(uses->begin(), uses->end(),
                                    [](const Use& a, const Use& b) { return a.first == b.first; });
    if (twice != uses->end()) {
      return core::Fail(
          ErrorCode::kInvalidInput,
          fmt::format("'{}' is changed a second time (a patch series? read one patch at a time)",
                      Snippet(twice->first, 200)),
          Where(header_lines_[(twice + 1)->second], 0));
    }
  }
  return {};
}

core::Result<ChangeSet> Parse(std::string_view text, std::string_view name, size_t bom_bytes,
                              const ingest::Limits& limits) {
  if (text.size() > limits.max_input_bytes) {
    return core::Fail(
        ErrorCode::kLimitExceeded,
        fmt::format("diff is {} bytes, over the limit of {} bytes", text.size(), limits.max_input_bytes),
        std::string(name));
  }
  return Parser(text, name, bom_bytes).Run();
}

}  // namespace

core::Result<ChangeSet> ParseUnifiedDiff(std::string_view text, std::string_view name,
                                         const ingest::Limits& limits) {
  return Parse(text, name, 0, limits);
}

core::Result<ChangeSet> ParseUnifiedDiff(const ingest::InputBuffer& input, const ingest::Limits& limits) {
  return Parse(input.bytes(), input.name(), input.bom_bytes(), limits);
}

}  // namespace candor::diff
