#include "match/baseline_matcher.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <bit>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "core/text.h"
#include "match/comparable.h"

namespace candor::match {
namespace {

constexpr size_t kNone = static_cast<size_t>(-1);
// How far (in lines) from where it is expected an edited finding may be.
constexpr int kEditWindow = 3;
// Cost of a pair whose baseline line has no expected place now (removed code).
constexpr long kUnplaced = 1'000'000;

class Matcher {
 public:
  Matcher(std::span<const Comparable> baseline, std::span<const Comparable> current,
          const MatchOptions& options)
      : baseline_(baseline),
        current_(current),
        changes_(options.changes),
        baseline_match_(baseline.size(), kNone),
        current_match_(current.size(), kNone) {}

  BaselineComparison Run() {
    MatchIdentities();
    MatchRenamedFiles();
    MatchEdits();
    return Result();
  }

 private:
  struct Anchor {
    int baseline_line;
    int shift;  // current line - baseline line
  };

  void Pair(size_t b, size_t c) {
    baseline_match_[b] = c;
    current_match_[c] = b;
  }

  // Two words, the side in the top bit of the second (baseline first), the
  // index below it: members in (group, side_and_index) order are each
  // group's baseline members, then its current ones, each ascending.
  // (Keyed by another group, as a renamed file's findings are by path.)
  static constexpr uint64_t kCurrent = uint64_t{1} << 63;
  template <class Key>
  struct Keyed {
    Key group;
    uint64_t side_and_index;
    bool current() const { return (side_and_index & kCurrent) != 0; }
    size_t index() const { return static_cast<size_t>(side_and_index & ~kCurrent); }
    auto operator<=>(const Keyed&) const = default;
  };
  using Member = Keyed<uint64_t>;

  // Both sides' members in (group, side_and_index) order, up to the order
  // of groups among themselves, which nothing depends on. Groups are
  // hashes: a counting sort on their top bits spreads them evenly over
  // buckets of a few members each, which an insertion sort then orders; a
  // rare crowded bucket (many findings of one group) is sorted instead.
  // For two 100,000-result logs, the comparison takes 37 ms instead of 52.
  std::unique_ptr<Member[]> GroupedMembers() const {
    // About four members a bucket, at most 65,536 buckets (256 KiB of counts).
    const size_t count = baseline_.size() + current_.size();
    const int bucket_bits = std::clamp(static_cast<int>(std::bit_width(count / 4)), 1, 16);
    constexpr size_t kInsertionAtMost = 32;
    auto bucket = [bucket_bits](uint64_t group) { return static_cast<size_t>(group >> (64 - bucket_bits)); };
    std::vector<uint32_t> next((size_t{1} << bucket_bits) + 1, 0);
    for (const Comparable& finding : baseline_) ++next[bucket(finding.group) + 1];
    for (const Comparable& finding : current_) ++next[bucket(finding.group) + 1];
    for (size_t b = 1; b < next.size(); ++b) next[b] += next[b - 1];
    const std::vector<uint32_t> starts = next;
    // Every element is written below: no zero-filling first.
    auto members = std::make_unique_for_overwrite<Member[]>(count);
    for (size_t b = 0; b < baseline_.size(); ++b)
      members[next[bucket(baseline_[b].group)]++] = {baseline_[b].group, b};
    for (size_t c = 0; c < current_.size(); ++c)
      members[next[bucket(current_[c].group)]++] = {current_[c].group, kCurrent | c};
    for (size_t b = 0; b + 1 < starts.size(); ++b) {
      Member* begin = members.get() + starts[b];
      Member* end = members.get() + starts[b + 1];
      if (static_cast<size_t>(end - begin) > kInsertionAtMost) {
        std::sort(begin, end);
        continue;
      }
      // Placed in (side, index) order already: only groups need ordering,
      // and moving a member only past greater groups keeps that order.
      for (Member* at = begin + 1; at < end; ++at) {
        Member member = *at;
        Member* to = at;
        for (; to > begin && (to - 1)->group > member.group; --to) *to = *(to - 1);
        *to = member;
      }
    }
    return members;
  }

  // Passes 1 and 2: findings of one group (identity without occurrence) are
  // the same finding, paired by position when a group has several.
  void MatchIdentities() {
    const size_t count = baseline_.size() + current_.size();
    const std::unique_ptr<Member[]> members = GroupedMembers();

    // Each group's baseline members, then its current ones, each ascending:
    // where in `members` a group with several on a side begins, splits, ends.
    struct Repeated {
      size_t begin, split, end;
    };
    std::vector<Repeated> repeated;
    ForEachGroup(std::span(members.get(), count), [&](size_t begin, size_t split, size_t end) {
      const size_t baseline_count = split - begin, current_count = end - split;
      if (baseline_count == 1 && current_count == 1) {
        if (AcceptUnique(members[begin].index(), members[split].index())) {
          Pair(members[begin].index(), members[split].index());
        }
      } else if (baseline_count > 0 && current_count > 0) {
        repeated.push_back({begin, split, end});
      }
    });
    BuildAnchors();
    // In the order of each group's first baseline finding, as before the sort by group.
    std::sort(repeated.begin(), repeated.end(), [&members](const Repeated& x, const Repeated& y) {
      return members[x.begin].index() < members[y.begin].index();
    });
    for (const Repeated& group : repeated) {
      PairByPosition(std::span(members.get() + group.begin, members.get() + group.split),
                     std::span(members.get() + group.split, members.get() + group.end));
    }
  }

  // With a diff, a unique pair whose baseline line maps somewhere else while
  // the current finding sits on a line the change added is two findings: one
  // fixed, one introduced with the same code.
  bool AcceptUnique(size_t b, size_t c) const {
    if (changes_ == nullptr) return true;
    const Comparable& old_finding = baseline_[b];
    const Comparable& new_finding = current_[c];
    if (old_finding.line <= 0 || new_finding.line <= 0) return true;
    if (!changes_->IsChangedLine(new_finding.path, new_finding.line)) return true;
    auto new_path = changes_->NewPathOf(old_finding.path);
    if (!new_path || *new_path != new_finding.path) return true;
    const int line = new_finding.line;
    auto expected = changes_->NewLineOf(old_finding.path, old_finding.line);
    if (expected) return std::abs(*expected - line) <= kEditWindow;
    // Its line was rewritten: the same finding if it is in what replaced it.
    const diff::FileChange* file = changes_->FindByNewPath(*new_path);
    if (file == nullptr) return true;
    for (const diff::Hunk& hunk : file->hunks) {
      if (old_finding.line >= hunk.old_start &&
          old_finding.line < hunk.old_start + std::max(hunk.old_count, 1)) {
        return line >= hunk.new_start - kEditWindow && line < hunk.new_start + hunk.new_count + kEditWindow;
      }
    }
    return true;
  }

  // Calls fn(path key, anchor) for each unique pair that kept its file:
  // where its line went.
  template <class Fn>
  void ForEachAnchor(Fn&& fn) const {
    for (size_t b = 0; b < baseline_.size(); ++b) {
      const size_t c = baseline_match_[b];
      if (c == kNone) continue;
      const Comparable& old_finding = baseline_[b];
      const Comparable& new_finding = current_[c];
      if (old_finding.path_key != new_finding.path_key || old_finding.line <= 0 || new_finding.line <= 0) {
        continue;
      }
      fn(old_finding.path_key, Anchor{old_finding.line, new_finding.line - old_finding.line});
    }
  }

  // Each file's anchors in one array by file, each file's by line: one array
  // and one map, not a growing array per file (a third of the comparison's
  // time went to allocating those). Tools write a file's findings together,
  // so each run of one file's anchors becomes its range as they come; only
  // when a file's come in runs apart are they counted and placed by file.
  void BuildAnchors() {
    anchors_.clear();
    anchor_files_.clear();
    bool grouped = true;
    AnchorRange* file = nullptr;  // the range of the run being read
    uint64_t file_key = 0;
    ForEachAnchor([&](uint64_t path_key, const Anchor& anchor) {
      if (file == nullptr || path_key != file_key) {
        const auto at = static_cast<uint32_t>(anchors_.size());
        auto [it, added] = anchor_files_.try_emplace(path_key, AnchorRange{at, at});
        grouped = grouped && added;
        file_key = path_key;
        file = &it->second;
      }
      anchors_.push_back(anchor);
      ++file->end;  // of a file's second run, wrong: then all is placed again below
    });
    if (!grouped) PlaceAnchorsByFile();
    for (const auto& [key, range] : anchor_files_) {
      std::sort(anchors_.begin() + range.begin, anchors_.begin() + range.end,
                [](const Anchor& x, const Anchor& y) {
                  return std::tie(x.baseline_line, x.shift) < std::tie(y.baseline_line, y.shift);
                });
    }
  }

  // BuildAnchors for files whose findings are not together: each file's
  // anchors counted, then placed in its range.
  void PlaceAnchorsByFile() {
    anchor_files_.clear();
    ForEachAnchor([this](uint64_t path_key, const Anchor&) { ++anchor_files_[path_key].end; });
    uint32_t at = 0;
    for (auto& [key, range] : anchor_files_) {
      range.begin = at;
      at += range.end;
      range.end = range.begin;
    }
    ForEachAnchor([this](uint64_t path_key, const Anchor& anchor) {
      anchors_[anchor_files_.find(path_key)->second.end++] = anchor;
    });
  }

  // Where baseline finding `b`'s line may be in the current version, low to
  // high. Without a diff, lines were inserted or removed somewhere between
  // the two anchors around it (before the first anchor, the file's start is
  // an anchor of shift 0), and it is not known where: the line moved by one
  // anchor's shift or by the other's. nullopt when the change removed it.
  struct Expected {
    int low;
    int high;
  };
  std::optional<Expected> ExpectedLine(size_t b) const {
    const Comparable& finding = baseline_[b];
    const int line = finding.line;
    if (line <= 0) return Expected{0, 0};
    if (changes_ != nullptr) {
      if (!changes_->NewPathOf(finding.path)) return std::nullopt;
      auto mapped = changes_->NewLineOf(finding.path, line);
      if (!mapped) return std::nullopt;
      return Expected{*mapped, *mapped};
    }
    auto it = anchor_files_.find(finding.path_key);
    if (it == anchor_files_.end() || it->second.begin == it->second.end) return Expected{line, line};
    const std::span<const Anchor> list(anchors_.data() + it->second.begin, anchors_.data() + it->second.end);
    auto after = std::lower_bound(list.begin(), list.end(), line, [](const Anchor& anchor, int value) {
      return anchor.baseline_line < value;
    });
    if (after != list.end() && after->baseline_line == line)
      return Expected{line + after->shift, line + after->shift};
    const int before_shift = after == list.begin() ? 0 : std::prev(after)->shift;
    const int after_shift = after == list.end() ? before_shift : after->shift;
    return Expected{line + std::min(before_shift, after_shift), line + std::max(before_shift, after_shift)};
  }

  // How far current finding `c` is from where baseline finding `b` may be:
  // first from the span, then from its nearer end. A finding that kept its
  // line sits exactly at one end; one the change introduced, anywhere.
  struct Cost {
    long span;
    long end;
    auto operator<=>(const Cost&) const = default;
  };
  Cost CostOf(size_t b, size_t c) const {
    auto expected = ExpectedLine(b);
    const long line = current_[c].line;
    if (!expected) {
      const long far = kUnplaced + std::abs(baseline_[b].line - line);
      return {far, far};
    }
    const long low = expected->low, high = expected->high;
    const long span = line < low ? low - line : std::max(0L, line - high);
    return {span, std::min(std::abs(line - low), std::abs(line - high))};
  }

  // Pairs unmatched members of `bs` (baseline) and `cs` (current) nearest first.
  void PairByPosition(std::span<const Member> bs, std::span<const Member> cs) {
    position_pairs_.clear();  // a scratch kept: a 100,000-result log has thousands of such groups
    for (const Member& old_member : bs) {
      const size_t b = old_member.index();
      if (baseline_match_[b] != kNone) continue;
      for (const Member& new_member : cs) {
        const size_t c = new_member.index();
        if (current_match_[c] == kNone) position_pairs_.emplace_back(CostOf(b, c), b, c);
      }
    }
    PairInOrder(position_pairs_);
  }

  template <class Key>
  void PairInOrder(std::vector<std::tuple<Key, size_t, size_t>>& pairs) {
    std::sort(pairs.begin(), pairs.end());
    for (const auto& [cost, b, c] : pairs) {
      if (baseline_match_[b] == kNone && current_match_[c] == kNone) Pair(b, c);
    }
  }

  // The path keys of `findings`. Tools write a file's findings together, so
  // a key is looked up only when it differs from the finding's before.
  static absl::flat_hash_set<uint64_t> PathKeys(std::span<const Comparable> findings) {
    absl::flat_hash_set<uint64_t> keys;
    for (size_t i = 0; i < findings.size(); ++i) {
      if (i == 0 || findings[i].path_key != findings[i - 1].path_key) keys.insert(findings[i].path_key);
    }
    return keys;
  }

  // Calls fn(begin, split, end) for each run of `members` (Keyed, sorted)
  // with one `group`: its baseline members are [begin, split), its current
  // ones [split, end).
  template <class Members, class Fn>
  static void ForEachGroup(const Members& members, Fn&& fn) {
    for (size_t begin = 0; begin < members.size();) {
      size_t split = begin, end = begin;
      while (end < members.size() && members[end].group == members[begin].group) {
        if (!members[end].current()) split = end + 1;
        ++end;
      }
      fn(begin, split, end);
      begin = end;
    }
  }

  // Pass 3. Without a diff, a rename is inferred: findings left over on a
  // path the current scan no longer reports, with the same path-free key as
  // findings left over on a path the baseline did not have; each old path
  // goes to the new path most of its findings point to. The findings left
  // over are gathered in one array sorted by key (Member, the key as its
  // group), not in an array per key: a log has thousands of them.
  void MatchRenamedFiles() {
    const absl::flat_hash_set<uint64_t> baseline_paths = PathKeys(baseline_);
    const absl::flat_hash_set<uint64_t> current_paths = PathKeys(current_);

    std::vector<Member> left;
    absl::flat_hash_set<uint64_t> left_keys;
    for (size_t b = 0; b < baseline_.size(); ++b) {
      if (baseline_match_[b] != kNone) continue;
      const std::string_view path = baseline_[b].path;
      bool moved = changes_ != nullptr ? changes_->NewPathOf(path).value_or(std::string(path)) != path
                                       : !current_paths.contains(baseline_[b].path_key);
      if (!moved) continue;
      left.push_back({baseline_[b].path_free, b});
      left_keys.insert(baseline_[b].path_free);
    }
    if (left.empty()) return;
    for (size_t c = 0; c < current_.size(); ++c) {
      if (current_match_[c] != kNone) continue;
      if (changes_ == nullptr && baseline_paths.contains(current_[c].path_key)) continue;
      if (left_keys.contains(current_[c].path_free)) left.push_back({current_[c].path_free, kCurrent | c});
    }
    std::sort(left.begin(), left.end());

    // old path -> new path
    std::map<std::string_view, std::string_view> renamed;
    if (changes_ == nullptr) {
      std::map<std::pair<std::string_view, std::string_view>, size_t> votes;
      std::vector<std::pair<std::string_view, std::string_view>> voted;  // one vote per key and path pair
      ForEachGroup(left, [&](size_t begin, size_t split, size_t end) {
        voted.clear();
        for (size_t b = begin; b < split; ++b) {
          for (size_t c = split; c < end; ++c)
            voted.emplace_back(baseline_[left[b].index()].path, current_[left[c].index()].path);
        }
        std::sort(voted.begin(), voted.end());
        voted.erase(std::unique(voted.begin(), voted.end()), voted.end());
        for (const auto& pair : voted) ++votes[pair];
      });
      std::map<std::string_view, std::pair<size_t, std::string_view>> best;  // old -> (votes, new)
      for (const auto& [paths, count] : votes) {
        auto& entry = best[paths.first];
        if (count > entry.first) entry = {count, paths.second};
      }
      for (const auto& [old_path, entry] : best) renamed[old_path] = entry.second;
    }

    // Each key's findings grouped by the path they are in now (an old path's
    // new path), paired by line.
    std::vector<Keyed<std::string_view>> targeted;
    ForEachGroup(left, [&](size_t begin, size_t split, size_t end) {
      if (begin == split || split == end) return;
      targeted.clear();
      for (size_t m = begin; m < split; ++m) {
        const size_t b = left[m].index();
        std::string_view target;
        if (changes_ != nullptr) {
          auto path = changes_->NewPathOf(baseline_[b].path);
          if (!path) continue;
          target = InternPath(*path);
        } else {
          auto it = renamed.find(baseline_[b].path);
          if (it == renamed.end()) continue;
          target = it->second;
        }
        targeted.push_back({target, b});
      }
      for (size_t m = split; m < end; ++m)
        targeted.push_back({current_[left[m].index()].path, left[m].side_and_index});
      std::sort(targeted.begin(), targeted.end());
      ForEachGroup(targeted, [&](size_t from, size_t at, size_t to) {
        if (from < at && at < to) {
          PairRenamed(std::span(targeted.data() + from, targeted.data() + at),
                      std::span(targeted.data() + at, targeted.data() + to));
        }
      });
    });
  }

  // A renamed file keeps its lines unless the change also edited it, so the
  // nearest line pairs first.
  void PairRenamed(std::span<const Keyed<std::string_view>> bs, std::span<const Keyed<std::string_view>> cs) {
    std::vector<std::tuple<long, size_t, size_t>> pairs;
    for (const auto& old_member : bs) {
      const size_t b = old_member.index();
      for (const auto& new_member : cs) {
        const size_t c = new_member.index();
        long expected = baseline_[b].line;
        if (changes_ != nullptr) {
          if (auto line = changes_->NewLineOf(baseline_[b].path, baseline_[b].line)) {
            expected = *line;
          }
        }
        pairs.emplace_back(std::abs(expected - current_[c].line), b, c);
      }
    }
    PairInOrder(pairs);
  }

  std::string_view InternPath(const std::string& path) {
    renamed_storage_.push_back(path);
    return renamed_storage_.back();
  }

  // The key of where baseline finding `b`'s file is now.
  uint64_t MappedPathKey(size_t b) const {
    const Comparable& finding = baseline_[b];
    if (changes_ == nullptr) return finding.path_key;
    auto path = changes_->NewPathOf(finding.path);
    return path && *path != finding.path ? PathKey(*path) : finding.path_key;
  }

  // Pass 4: the same rule in the same file near its expected line, with the
  // same masked message or the same snippet.
  void MatchEdits() {
    BuildAnchors();
    // By rule and path key: groups share no finding, so their order does not matter.
    std::map<std::pair<uint64_t, uint64_t>, std::pair<std::vector<size_t>, std::vector<size_t>>> groups;
    for (size_t b = 0; b < baseline_.size(); ++b) {
      if (baseline_match_[b] != kNone) continue;
      groups[{baseline_[b].rule, MappedPathKey(b)}].first.push_back(b);
    }
    for (size_t c = 0; c < current_.size(); ++c) {
      if (current_match_[c] != kNone) continue;
      auto it = groups.find({current_[c].rule, current_[c].path_key});
      if (it != groups.end()) it->second.second.push_back(c);
    }
    for (const auto& [key, sides] : groups) {
      const auto& [bs, cs] = sides;
      if (bs.empty() || cs.empty()) continue;
      std::vector<std::tuple<Cost, size_t, size_t>> pairs;
      for (size_t b : bs) {
        for (size_t c : cs) {
          Cost cost = CostOf(b, c);
          if (cost.span > kEditWindow) continue;
          bool same_message = current_[c].message == baseline_[b].message;
          bool same_snippet = baseline_[b].snippet != 0 && current_[c].snippet == baseline_[b].snippet;
          if (same_message || same_snippet) pairs.emplace_back(cost, b, c);
        }
      }
      PairInOrder(pairs);
    }
  }

  core::BaselineState StateOf(size_t b, size_t c) const {
    const Comparable& old_finding = baseline_[b];
    const Comparable& new_finding = current_[c];
    bool same = old_finding.severity == new_finding.severity && old_finding.rule == new_finding.rule &&
                old_finding.message == new_finding.message && old_finding.snippet == new_finding.snippet;
    return same ? core::BaselineState::kUnchanged : core::BaselineState::kUpdated;
  }

  BaselineComparison Result() const {
    BaselineComparison out;
    out.current_states.reserve(current_.size());
    out.current_matches.reserve(current_.size());
    for (size_t c = 0; c < current_.size(); ++c) {
      size_t b = current_match_[c];
      if (b == kNone) {
        out.current_states.push_back(core::BaselineState::kNew);
        out.current_matches.push_back(std::nullopt);
      } else {
        out.current_states.push_back(StateOf(b, c));
        out.current_matches.push_back(b);
      }
    }
    for (size_t b = 0; b < baseline_.size(); ++b) {
      if (baseline_match_[b] == kNone) out.absent.push_back(b);
    }
    return out;
  }

  std::span<const Comparable> baseline_;
  std::span<const Comparable> current_;
  const diff::ChangeSet* changes_;
  std::vector<size_t> baseline_match_;
  std::vector<size_t> current_match_;
  struct AnchorRange {
    uint32_t begin = 0, end = 0;  // in anchors_
  };
  std::vector<Anchor> anchors_;                                   // by file, then line
  absl::flat_hash_map<uint64_t, AnchorRange> anchor_files_;       // by path key
  std::vector<std::tuple<Cost, size_t, size_t>> position_pairs_;  // PairByPosition's scratch
  std::deque<std::string> renamed_storage_;                       // stable storage for paths the diff gives
};

}  // namespace

BaselineComparison CompareWithBaseline(std::span<const Comparable> baseline,
                                       std::span<const Comparable> current, const MatchOptions& options) {
  return Matcher(baseline, current, options).Run();
}

BaselineComparison CompareWithBaseline(std::span<const core::Finding> baseline,
                                       std::span<const core::Finding> current, const MatchOptions& options) {
  PathTable paths;
  std::vector<Comparable> old_side, new_side;
  old_side.reserve(baseline.size());
  new_side.reserve(current.size());
  FindingTexts texts;  // refilled per finding: no allocation each
  for (const core::Finding& finding : baseline) {
    texts.Refill(finding);
    old_side.push_back(ComparableOf(finding, paths, texts));
  }
  for (const core::Finding& finding : current) {
    texts.Refill(finding);
    new_side.push_back(ComparableOf(finding, paths, texts));
  }
  return CompareWithBaseline(old_side, new_side, options);
}

}  // namespace candor::match
