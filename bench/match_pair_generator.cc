#include "match_pair_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <random>
#include <unordered_map>

#include "match_tree.h"

namespace candor::bench {
namespace {

constexpr std::array<std::array<const char*, 4>, 3> kDirs{{
    {"app/api", "app/services", "app/models", "scripts/jobs"},
    {"web/src/components", "web/src/api", "server/routes", "server/lib"},
    {"src/main/java/com/acme/payments", "src/main/java/com/acme/billing", "src/main/java/com/acme/auth",
     "src/main/java/com/acme/web"},
}};
constexpr std::array kStems{"orders", "invoice", "session", "report", "user",     "handler", "client",
                            "export", "import",  "auth",    "util",   "checkout", "search",  "admin"};

struct Finding {
  uint32_t related_uid = 0;  // the line its relatedLocation points at, or 0
  uint32_t truth = 0;        // number of its B or N truth id, set when first written
  uint32_t base_line = 0;    // start line in the baseline
  uint8_t span = 1;          // lines its region covers
  bool introduced = false;
  bool copy = false;  // introduced with the rule and snippet of another result in the file
  std::string base_message;
};

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  out += '"';
}

uint64_t HashStripped(uint64_t h, std::string_view text) {
  for (unsigned char c : text) {
    if (c != ' ' && c != '\t') h = (h ^ c) * 1099511628211ull;
  }
  return h;
}

class Generator {
 public:
  explicit Generator(const MatchPairShape& shape) : shape_(shape), rng_(shape.seed) {
    for (size_t r = 0; r < MatchRules().size(); ++r) {
      rules_by_language_[static_cast<size_t>(MatchRules()[r].language)].push_back(r);
    }
  }

  MatchPair Run() {
    MatchPair pair;
    BuildBaseline();
    Change();
    std::sort(files_.begin(), files_.end(),
              [](const TreeFile& a, const TreeFile& b) { return a.new_path < b.new_path; });
    line_of_uid_.assign(last_uid_ + 1, 0);
    pair.baseline_sarif = WriteSarif(false);
    pair.current_sarif = WriteSarif(true);
    pair.diff = WriteUnifiedDiff(files_);
    stats_.fixed = stats_.baseline - stats_.continued;
    for (const TreeFile& file : files_) {
      if (!file.added) ++stats_.files;
      if (file.changed()) ++stats_.changed_files;
      if (!shape_.keep_trees) continue;
      if (!file.added) pair.baseline_tree.push_back({file.old_path, FileText(file.old_slots, file.language)});
      if (!file.deleted)
        pair.current_tree.push_back({file.new_path, FileText(file.new_slots, file.language)});
    }
    pair.stats = stats_;
    return pair;
  }

 private:
  size_t Pick(size_t n) { return n == 0 ? 0 : static_cast<size_t>(rng_() % n); }
  bool Chance(double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_) < p; }
  Slot PlainSlot(uint8_t indent) { return Slot{rng_() & kCodeSeedMask, ++last_uid_, 0, indent}; }
  uint8_t RandomIndent() { return static_cast<uint8_t>(4 * Pick(4)); }

  std::string NewPath(Language language) {
    const auto& dirs = kDirs[static_cast<size_t>(language)];
    return fmt::format("{}/{}_{}{}", dirs[Pick(dirs.size())], kStems[Pick(kStems.size())], ++path_counter_,
                       Extension(language));
  }

  // A new finding on a new line of `language`; `copy_of` is a flagged code to repeat, or 0.
  Slot NewFlaggedSlot(Language language, uint8_t indent, uint64_t copy_of, bool introduced) {
    const auto& rules = rules_by_language_[static_cast<size_t>(language)];
    Slot slot{copy_of != 0 ? copy_of : FlaggedCode(rules[Pick(rules.size())], rng_()), ++last_uid_, 0,
              indent};
    findings_.push_back(Finding{.introduced = introduced, .copy = introduced && copy_of != 0});
    slot.finding = static_cast<uint32_t>(findings_.size());
    return slot;
  }

  void BuildBaseline() {
    size_t file_count = std::max<size_t>(8, shape_.results / 20);
    files_.resize(file_count);
    std::vector<std::vector<uint32_t>> flagged(file_count);
    for (TreeFile& file : files_) {
      file.language = static_cast<Language>(Pick(3));
      file.old_path = file.new_path = NewPath(file.language);
      file.old_slots.resize(60 + Pick(540));
      for (Slot& slot : file.old_slots) slot = PlainSlot(RandomIndent());
    }
    for (size_t placed = 0; placed < shape_.results;) {
      size_t f = Pick(file_count);
      auto& slots = files_[f].old_slots;
      size_t at = Pick(slots.size());
      if (slots[at].finding != 0) continue;
      // Identical code repeated in a file: the same rule and snippet again.
      uint64_t copy_of =
          !flagged[f].empty() && Chance(0.06) ? slots[flagged[f][Pick(flagged[f].size())]].code : 0;
      Slot slot = NewFlaggedSlot(files_[f].language, slots[at].indent, copy_of, false);
      slot.uid = slots[at].uid;
      Finding& finding = findings_.back();
      if (Chance(0.1)) finding.span = static_cast<uint8_t>(std::min<size_t>(2 + Pick(2), slots.size() - at));
      if (at > 0 && Chance(0.12)) finding.related_uid = slots[at - 1 - Pick(std::min<size_t>(at, 30))].uid;
      slots[at] = slot;
      flagged[f].push_back(static_cast<uint32_t>(at));
      ++placed;
    }
  }

  void Change() {
    size_t existing = files_.size();
    if (shape_.changed_files == 0) {
      for (size_t f = 0; f < existing; ++f) {
        if (Chance(0.005)) {
          files_[f].deleted = true;
          continue;
        }
        if (Chance(0.03)) files_[f].new_path = NewPath(files_[f].language);
        if (Chance(shape_.churn)) EditFile(files_[f], 5);
      }
      for (size_t added = existing / 100 + 1; added > 0; --added) AddFile();
    } else {
      std::vector<size_t> order(existing);
      std::iota(order.begin(), order.end(), 0);
      std::shuffle(order.begin(), order.end(), rng_);
      size_t edited = std::min(existing, shape_.changed_files > 1 ? shape_.changed_files - 1 : 1);
      for (size_t j = 0; j < edited; ++j) {
        TreeFile& file = files_[order[j]];
        if (j == 0 && shape_.changed_files >= 3) file.new_path = NewPath(file.language);
        EditFile(file, 3);
      }
      if (shape_.changed_files > 1) AddFile();
    }
    for (TreeFile& file : files_) {
      if (!file.added && !file.deleted) ApplyOps(file);
    }
  }

  // Up to max_ops disjoint edits, one in each of as many equal parts of the file.
  void EditFile(TreeFile& file, size_t max_ops) {
    const auto& old = file.old_slots;
    auto n = static_cast<uint32_t>(old.size());
    auto parts = static_cast<uint32_t>(1 + Pick(max_ops));
    if (n / parts < 4) parts = 1;
    uint32_t part = n / parts;
    auto flagged_from = [&](uint32_t from, uint32_t to) -> int64_t {
      for (uint32_t i = from; i < to; ++i) {
        if (old[i].finding != 0) return i;
      }
      return -1;
    };
    for (uint32_t j = 0; j < parts; ++j) {
      uint32_t lo = j * part;
      uint32_t hi = (j + 1 == parts ? n : (j + 1) * part) - 1;  // edits end by hi: a line apart
      auto pos = static_cast<uint32_t>(lo + Pick(hi - lo));
      size_t kind = Pick(100);
      Op op{pos, pos, {}};
      int64_t flagged = kind >= 70 ? flagged_from(pos, hi) : -1;
      if (kind < 45 || (kind >= 90 && flagged < 0)) {
        op.insert = NewBlock(file, old[pos].indent);
      } else if (kind < 70) {
        op.end = std::min<uint32_t>(pos + 1 + static_cast<uint32_t>(Pick(15)), hi);
      } else if (kind < 90) {  // a fix: the flagged line (or, failing one, a plain line) rewritten
        op.begin = flagged >= 0 ? static_cast<uint32_t>(flagged) : pos;
        op.end = op.begin + 1;
        op.insert.push_back(PlainSlot(old[op.begin].indent));
      } else {  // the flagged line re-indented, as when wrapped in a new block; the finding stays
        op.begin = static_cast<uint32_t>(flagged);
        op.end = op.begin + 1;
        Slot moved = old[op.begin];
        moved.indent = static_cast<uint8_t>(moved.indent + 4);
        op.insert.push_back(moved);
      }
      if (op.begin == op.end && op.insert.empty()) continue;
      file.ops.push_back(std::move(op));
    }
    if (file.ops.empty()) file.ops.push_back(Op{0, 0, NewBlock(file, 0)});  // a changed file changes
  }

  // New code: plain lines, a few flagged, sometimes a copy of a flagged line of the file.
  std::vector<Slot> NewBlock(const TreeFile& file, uint8_t indent) {
    std::vector<Slot> block;
    for (size_t lines = 1 + Pick(20); lines > 0; --lines) {
      block.push_back(Chance(0.07) ? NewFlaggedSlot(file.language, indent, 0, true) : PlainSlot(indent));
    }
    if (Chance(0.3)) {
      std::vector<uint64_t> flagged;
      for (const Slot& slot : file.old_slots) {
        if (slot.finding != 0) flagged.push_back(slot.code);
      }
      if (!flagged.empty()) {
        Slot copy = NewFlaggedSlot(file.language, indent, flagged[Pick(flagged.size())], true);
        block.insert(block.begin() + static_cast<ptrdiff_t>(Pick(block.size() + 1)), copy);
      }
    }
    return block;
  }

  void AddFile() {
    TreeFile& file = files_.emplace_back();
    file.added = true;
    file.language = static_cast<Language>(Pick(3));
    file.old_path = file.new_path = NewPath(file.language);
    file.new_slots.resize(40 + Pick(160));
    for (Slot& slot : file.new_slots) slot = PlainSlot(RandomIndent());
    for (size_t k = 1 + Pick(8); k > 0; --k) {
      Slot& slot = file.new_slots[Pick(file.new_slots.size())];
      if (slot.finding == 0) slot = NewFlaggedSlot(file.language, slot.indent, 0, true);
    }
  }

  static void ApplyOps(TreeFile& file) {
    file.new_slots.clear();
    uint32_t line = 0;
    for (const Op& op : file.ops) {
      file.new_slots.insert(file.new_slots.end(), file.old_slots.begin() + line,
                            file.old_slots.begin() + op.begin);
      file.new_slots.insert(file.new_slots.end(), op.insert.begin(), op.insert.end());
      line = op.end;
    }
    file.new_slots.insert(file.new_slots.end(), file.old_slots.begin() + line, file.old_slots.end());
  }

  std::string WriteSarif(bool current) {
    std::fill(line_of_uid_.begin(), line_of_uid_.end(), 0);
    std::string out;
    out.reserve(shape_.results * 700);
    out +=
        R"J({"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":{"name":"Semgrep OSS","semanticVersion":"1.52.0","informationUri":"https://semgrep.dev","rules":[)J";
    for (size_t r = 0; r < MatchRules().size(); ++r) {
      const MatchRule& rule = MatchRules()[r];
      fmt::format_to(std::back_inserter(out),
                     R"J({}{{"id":"{}","name":"{}","shortDescription":{{"text":"{}"}},)J"
                     R"J("defaultConfiguration":{{"level":"{}"}},"properties":{{"tags":["security"]}}}})J",
                     r == 0 ? "" : ",", rule.id, rule.id, rule.description, rule.level);
    }
    out +=
        R"J(]}},"invocations":[{"executionSuccessful":true,"toolExecutionNotifications":[]}],)J"
        R"J("originalUriBaseIds":{"%SRCROOT%":{"uri":"file:///home/runner/work/shop/shop/"}},"results":[)J";
    bool first = true;
    for (const TreeFile& file : files_) {
      if (current ? file.deleted : file.added) continue;
      const auto& slots = current ? file.new_slots : file.old_slots;
      const std::string& path = current ? file.new_path : file.old_path;
      for (uint32_t i = 0; i < slots.size(); ++i) line_of_uid_[slots[i].uid] = i + 1;
      std::unordered_map<uint64_t, int> occurrences;
      for (uint32_t i = 0; i < slots.size(); ++i) {
        if (slots[i].finding == 0) continue;
        out += first ? "" : ",";
        first = false;
        WriteResult(out, file, slots, i, path, current, occurrences);
      }
    }
    out += "]}]}\n";
    return out;
  }

  void WriteResult(std::string& out, const TreeFile& file, const std::vector<Slot>& slots, uint32_t at,
                   const std::string& path, bool current, std::unordered_map<uint64_t, int>& occurrences) {
    const Slot& slot = slots[at];
    Finding& finding = findings_[slot.finding - 1];
    const MatchRule& rule = MatchRules()[static_cast<size_t>(CodeRule(slot.code))];
    uint32_t line = at + 1;
    uint32_t end_line = std::min<uint32_t>(at + finding.span, static_cast<uint32_t>(slots.size()));
    std::string snippet = RenderCode(slot.code, file.language);
    size_t end_column = slot.indent + snippet.size() + 1;
    for (uint32_t l = line; l < end_line; ++l) {
      std::string text = LineText(slots[l], file.language);
      end_column = text.size() + 1;
      snippet += '\n' + text;
    }
    std::string message = RenderMessage(rule, slot.code, static_cast<int>(line), path);
    char kind = 'B';
    if (!current) {
      finding.truth = static_cast<uint32_t>(++stats_.baseline);
      finding.base_line = line;
      finding.base_message = message;
      if (rule.fingerprinted) ++stats_.fingerprinted;
    } else if (finding.introduced) {
      kind = 'N';
      finding.truth = static_cast<uint32_t>(++stats_.introduced);
      if (finding.copy) ++stats_.introduced_copies;
    } else {
      ++stats_.continued;
      if (line != finding.base_line) ++stats_.moved;
      if (file.renamed()) ++stats_.renamed;
      if (message != finding.base_message) ++stats_.message_changed;
    }
    if (current) ++stats_.current;

    fmt::format_to(std::back_inserter(out), R"J({{"ruleId":"{}","level":"{}","message":{{"text":)J", rule.id,
                   rule.level);
    AppendJsonString(out, message);
    out += R"J(},"locations":[{)J";
    WritePhysicalLocation(out, path, line, slot.indent + 1u, end_line, end_column, snippet);
    out += "}]";
    uint32_t related = finding.related_uid != 0 ? line_of_uid_[finding.related_uid] : 0;
    if (related != 0) {
      const Slot& source = slots[related - 1];
      std::string text = RenderCode(source.code, file.language);
      out += R"J(,"relatedLocations":[{"id":1,)J";
      WritePhysicalLocation(out, path, related, source.indent + 1u, related, source.indent + text.size() + 1,
                            text);
      out += R"J(,"message":{"text":"Untrusted data enters here."}}])J";
    }
    if (rule.fingerprinted) {  // GitHub's idea: a hash of the code from this line on, and its occurrence
      uint64_t h = 1469598103934665603ull;
      for (uint32_t l = at; l < std::min<uint32_t>(at + 3, static_cast<uint32_t>(slots.size())); ++l) {
        h = HashStripped(h, RenderCode(slots[l].code, file.language));
      }
      fmt::format_to(std::back_inserter(out),
                     R"J(,"partialFingerprints":{{"primaryLocationLineHash":"{:016x}:{}"}})J", h,
                     ++occurrences[h]);
    }
    fmt::format_to(std::back_inserter(out), R"J(,"properties":{{"benchTruthId":"{}{:06}"}}}})J", kind,
                   finding.truth);
  }

  // The "physicalLocation" member of a location object.
  static void WritePhysicalLocation(std::string& out, const std::string& path, uint32_t line, size_t column,
                                    uint32_t end_line, size_t end_column, const std::string& snippet) {
    fmt::format_to(
        std::back_inserter(out),
        R"J("physicalLocation":{{"artifactLocation":{{"uri":"{}","uriBaseId":"%SRCROOT%"}},)J"
        R"J("region":{{"startLine":{},"startColumn":{},"endLine":{},"endColumn":{},"snippet":{{"text":)J",
        path, line, column, end_line, end_column);
    AppendJsonString(out, snippet);
    out += "}}}";
  }

  MatchPairShape shape_;
  std::mt19937_64 rng_;
  std::array<std::vector<size_t>, 3> rules_by_language_;
  std::vector<TreeFile> files_;
  std::vector<Finding> findings_;
  std::vector<uint32_t> line_of_uid_;
  uint32_t last_uid_ = 0;
  size_t path_counter_ = 0;
  MatchPairStats stats_;
};

}  // namespace

MatchPair GenerateMatchPair(const MatchPairShape& shape) {
  return Generator(shape).Run();
}

}  // namespace candor::bench
