#include "match/results_forward.h"

#include <absl/container/flat_hash_map.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <xxh_x86dispatch.h>  // XXH3 in AVX2 where the CPU has it: the same hashes

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <utility>

#include "core/alongside.h"
#include "core/text.h"
#include "ingest/reader.h"
#include "ingest/sarif_layout.h"
#include "ingest/sarif_reader.h"
#include "match/comparable.h"
#include "match/identifying_sink.h"
#include "match/identity.h"
#include "match/source_tree.h"

namespace candor::match {
namespace {

using ingest::SarifLayout;
using ingest::SarifRunLayout;
using Json = nlohmann::ordered_json;  // keeps the tool's key order

// A log as matching needs it: where its parts are, and per run what each
// result's finding is in Comparable form (the findings themselves are not
// kept: a 100,000-result log would hold hundreds of megabytes).
struct ReadLog {
  struct Run {
    core::RunInfo info;
    std::vector<Comparable> results;
  };
  struct Where {
    uint32_t run = 0, result = 0;
  };
  struct KeyHash {
    size_t operator()(const ingest::FindingSink::ResultKey& key) const { return key.low; }
  };
  SarifLayout layout;
  PathTable paths;                     // the runs' comparables' paths
  std::vector<PathTable> shard_paths;  // and those of results read by shards
  std::vector<Run> runs;
  std::vector<std::string> warnings;
  // Results by their key (FindingSink::ResultKey), when asked to remember.
  absl::flat_hash_map<ingest::FindingSink::ResultKey, Where, KeyHash> remembered;
};

// Makes the Comparables of a log's results. Gives shards (a large run is read
// on both cores) unless identities depend on a source tree, which is read
// one file at a time. It can remember each result's key, so that the other
// log's identical results are taken from this one's (Recall): most results
// of a scan are byte for byte those of the scan before.
class ComparableSink : public IdentifyingSink {
 public:
  struct Memory {
    bool remember = false;
    const ReadLog* recall_from = nullptr;  // read already; outlives this sink
  };
  ComparableSink(ReadLog& log, SourceTree* source, size_t input_bytes, Memory memory)
      : IdentifyingSink(source, Identities::kGroupOnly),
        log_(log),
        input_bytes_(input_bytes),
        memory_(memory),
        can_shard_(source == nullptr) {}

  // The run's results are made room for at once, and each chunk is put in
  // place by whichever reads it: a shard's results gathered apart and copied
  // over when joined took fresh memory (slow on virtual machines) and a
  // serial copy.
  std::unique_ptr<ingest::FindingSink> Shard(size_t count) override {
    if (!can_shard_ || shard_) return nullptr;
    auto shard = std::unique_ptr<ComparableSink>(new ComparableSink(*this, ShardOf{}));
    run_begin_ = results_->size();
    results_->resize(run_begin_ + count);
    shard->results_ = results_;
    shard->run_begin_ = run_begin_;
    if (memory_.remember) {
      shard->own_remembered_.reserve(count / 2);
      log_.remembered.reserve(log_.remembered.size() + count);
    }
    return shard;
  }
  void PlaceAt(size_t index) override { place_at_ = run_begin_ + index; }
  core::Status Join(ingest::FindingSink& part) override {
    auto& shard = static_cast<ComparableSink&>(part);
    place_at_.reset();
    log_.shard_paths.push_back(std::move(shard.own_paths_));  // its views stay valid (comparable.h)
    const auto run = static_cast<uint32_t>(log_.runs.size() - 1);
    for (const auto& [key, result] : shard.own_remembered_) log_.remembered.try_emplace(key, run, result);
    return {};
  }
  bool RemembersResults() const override { return memory_.remember || memory_.recall_from != nullptr; }
  bool Recall(const ResultKey& key) override {
    if (memory_.recall_from == nullptr) return false;
    auto it = memory_.recall_from->remembered.find(key);
    if (it == memory_.recall_from->remembered.end()) return false;
    Comparable comparable = memory_.recall_from->runs[it->second.run].results[it->second.result];
    // The other log's table is not this one's. A file's results come
    // together, so the path interned last is most often the one wanted.
    if (comparable.path.data() != recalled_path_.data()) {
      recalled_path_ = comparable.path;
      interned_path_ = paths_->Intern(comparable.path).path;
    }
    comparable.path = interned_path_;
    Put(comparable);
    return true;
  }
  void Remember(const ResultKey& key) override {
    if (!memory_.remember) return;
    const auto result = static_cast<uint32_t>((place_at_ ? *place_at_ : results_->size()) - 1);
    if (shard_) {
      own_remembered_.emplace_back(key, result);
    } else {
      log_.remembered.try_emplace(key, static_cast<uint32_t>(log_.runs.size() - 1), result);
    }
  }

 private:
  struct ShardOf {};
  ComparableSink(ComparableSink& parent, ShardOf)
      : IdentifyingSink(nullptr, Identities::kGroupOnly),
        log_(parent.log_),
        input_bytes_(0),
        memory_(parent.memory_),
        can_shard_(false),
        shard_(true),
        paths_(&own_paths_) {}

  // Adds a result: in place while the run is read on two cores (Shard), else at the end.
  void Put(const Comparable& comparable) {
    if (place_at_) {
      (*results_)[(*place_at_)++] = comparable;
    } else {
      results_->push_back(comparable);
    }
  }

  core::Status OnRun(const core::RunInfo& run) override {
    // The first run, usually the only one, gets room for all the log's
    // results (sarif_layout.h says why); others grow as they fill.
    const bool first = log_.runs.empty();
    log_.runs.push_back({run, {}});
    results_ = &log_.runs.back().results;
    if (first) results_->reserve(input_bytes_ / ingest::kFewestBytesPerResult);
    return {};
  }
  core::Status OnFinding(const core::Finding& finding, uint32_t, uint32_t) override {
    Put(ComparableOf(finding, *paths_, texts()));
    return {};
  }

  ReadLog& log_;
  size_t input_bytes_;
  Memory memory_;
  bool can_shard_;
  bool shard_ = false;
  // Where findings go: the log's current run (at place_at_ while it is read
  // on two cores, its results from run_begin_), and its paths or a shard's own.
  std::vector<Comparable>* results_ = nullptr;
  std::optional<size_t> place_at_;
  size_t run_begin_ = 0;
  PathTable* paths_ = &log_.paths;
  PathTable own_paths_;
  std::vector<std::pair<ResultKey, uint32_t>> own_remembered_;
  std::string_view recalled_path_,
      interned_path_;  // the last recalled path, as the other log and this one hold it
};

// Reads a log into Comparables: Open, then Read.
class LogReading {
 public:
  LogReading(const ingest::InputBuffer& input, const ingest::Limits& limits, const std::string& source_dir)
      : input_(input) {
    if (!source_dir.empty()) source_.emplace(source_dir);
    context_.limits = limits;
    context_.sarif_layout = &log_.layout;
  }
  // Checks and outlines the text: the part to do beside the other log's.
  core::Status Open() { return reader_.Open(); }
  core::Result<ReadLog> Read(ComparableSink::Memory memory) {
    ComparableSink sink(log_, source_ ? &*source_ : nullptr, input_.bytes().size(), memory);
    if (auto read = reader_.Read(sink); !read) return std::unexpected(read.error());
    log_.warnings = std::move(context_.warnings);
    return std::move(log_);
  }

 private:
  const ingest::InputBuffer& input_;
  std::optional<SourceTree> source_;
  ReadLog log_;
  ingest::ParseContext context_;
  ingest::SarifLogReader reader_{input_, context_};
};

// Reads two opened logs, the baseline first: each large run on both cores,
// and the current log's results that are byte for byte the baseline's (and
// read in the same context) taken from the baseline's. A source tree makes
// identities depend on files, not only on the bytes: then nothing is taken.
// `between(baseline)` runs once the baseline is read (to let its text go).
// Errors come as if the logs were read in turn: the baseline's first.
template <class Between>
core::Result<std::pair<ReadLog, ReadLog>> ReadBoth(LogReading& old_reading, LogReading& new_reading,
                                                   const SourceDirs& sources, Between&& between,
                                                   core::Status old_opened, core::Status new_opened) {
  if (!old_opened) return std::unexpected(old_opened.error());
  const bool same_bytes_same_result = sources.baseline.empty() && sources.current.empty();
  auto old_log = old_reading.Read({.remember = same_bytes_same_result});
  if (!old_log) return std::unexpected(old_log.error());
  between(*old_log);
  if (!new_opened) return std::unexpected(new_opened.error());
  auto new_log = new_reading.Read({.recall_from = same_bytes_same_result ? &*old_log : nullptr});
  if (!new_log) return std::unexpected(new_log.error());
  return std::pair{std::move(*old_log), std::move(*new_log)};
}

// A change to the current log's text: replace [begin, end) with `text`.
struct TextEdit {
  size_t begin = 0;
  size_t end = 0;
  std::string_view text;
};

// The texts a state edit writes, made once: a 100,000-result log gets
// 100,000 edits, and making a string for each doubled the time to set them.
struct StateTexts {
  static constexpr size_t kStates = 4;
  static_assert(static_cast<size_t>(core::BaselineState::kAbsent) + 1 == kStates);
  std::string value[kStates];        // "new": replaces a baselineState's value
  std::string member[kStates];       // "baselineState":"new", before other members
  std::string only_member[kStates];  // "baselineState":"new" in an empty result

  StateTexts() {
    for (size_t s = 0; s < kStates; ++s) {
      value[s] = fmt::format("\"{}\"", core::ToString(static_cast<core::BaselineState>(s)));
      only_member[s] = "\"baselineState\":" + value[s];
      member[s] = only_member[s] + ',';
    }
  }
};

// Sets baselineState on the result whose text is `span`.
TextEdit StateEdit(std::string_view log, const ingest::SarifResultLayout& result, core::BaselineState state) {
  static const StateTexts texts;
  const auto s = static_cast<size_t>(state);
  if (result.baseline_state)
    return {result.baseline_state->begin, result.baseline_state->end, texts.value[s]};
  const size_t after_brace = result.object.begin + 1;
  // Whether a comma must follow: only the bytes after the brace are looked
  // at, as the rest of a result is long out of cache by now.
  size_t next = after_brace;
  while (next < result.object.end && core::IsAsciiSpace(log[next])) ++next;
  const bool empty = next + 1 >= result.object.end;  // only the closing brace is left
  return {after_brace, after_brace, empty ? texts.only_member[s] : texts.member[s]};
}

// A baseline result made fit for the current run: baselineState absent, and
// indexes into the baseline run's rules and artifacts (which mean something
// else in the current run) replaced by what they pointed at.
std::string AbsentResult(std::string_view text, const SarifRunLayout& baseline_run,
                         const SarifRunLayout& current_run) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return std::string(text);  // cannot happen: the reader accepted it

  auto rule_id_at = [&](const Json& index) -> std::optional<std::string> {
    if (!index.is_number_integer()) return std::nullopt;
    auto i = index.get<int64_t>();
    if (i < 0 || static_cast<size_t>(i) >= baseline_run.rule_ids.size()) return std::nullopt;
    return baseline_run.rule_ids[static_cast<size_t>(i)];
  };
  auto current_index_of = [&](const std::string& id) -> std::optional<size_t> {
    auto it = std::find(current_run.rule_ids.begin(), current_run.rule_ids.end(), id);
    if (it == current_run.rule_ids.end()) return std::nullopt;
    return static_cast<size_t>(it - current_run.rule_ids.begin());
  };
  auto remap_rule_index = [&](Json& holder, const char* key, Json* id_holder, const char* id_key) {
    if (!holder.contains(key)) return;
    auto id = rule_id_at(holder[key]);
    auto index = id ? current_index_of(*id) : std::nullopt;
    if (index) {
      holder[key] = *index;
    } else {
      holder.erase(key);
    }
    if (id && id_holder != nullptr && !id_holder->contains(id_key)) (*id_holder)[id_key] = *id;
  };
  remap_rule_index(json, "ruleIndex", &json, "ruleId");
  if (json.contains("rule") && json["rule"].is_object()) {
    Json& rule = json["rule"];
    if (rule.contains("toolComponent")) {
      rule.erase("index");  // an extension's rules are not tracked; ruleId still names it
    } else {
      remap_rule_index(rule, "index", &json, "ruleId");
    }
  }
  if (json.contains("locations") && json["locations"].is_array()) {
    for (Json& location : json["locations"]) {
      if (!location.is_object() || !location.contains("physicalLocation")) continue;
      Json& physical = location["physicalLocation"];
      if (!physical.is_object() || !physical.contains("artifactLocation")) continue;
      Json& artifact = physical["artifactLocation"];
      if (!artifact.is_object() || !artifact.contains("index")) continue;
      const Json& index = artifact["index"];
      if (!artifact.contains("uri") && index.is_number_integer()) {
        auto i = index.get<int64_t>();
        if (i >= 0 && static_cast<size_t>(i) < baseline_run.artifact_uris.size()) {
          artifact["uri"] = baseline_run.artifact_uris[static_cast<size_t>(i)];
        }
      }
      artifact.erase("index");
    }
  }
  json["baselineState"] = "absent";
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Appends `results` (JSON object texts) to the run's results; the edit's
// text is kept in `text`.
TextEdit AppendEdit(const SarifRunLayout& run, const std::vector<std::string>& results, std::string& text) {
  std::string joined;
  for (const std::string& result : results) {
    if (!joined.empty()) joined += ',';
    joined += result;
  }
  if (!run.results) {
    text = fmt::format("\"results\":[{}],", joined);
    return {run.object_begin + 1, run.object_begin + 1, text};
  }
  if (!run.results_is_array) {
    text = fmt::format("[{}]", joined);
    return {run.results->begin, run.results->end, text};
  }
  const size_t close = run.results->end - 1;
  text = (run.result_objects.empty() ? "" : ",") + joined;
  return {close, close, text};
}

}  // namespace

namespace {

// The text of result `result` of baseline run `run`, for those carried
// forward as absent. `layout` is the baseline's, given by Forward, which
// takes it over afterwards: callers must not capture the ReadLog they move in.
using BaselineResultText =
    std::function<core::Result<std::string>(const SarifLayout& layout, size_t run, size_t result)>;

// Compares the runs and reads back the baseline results carried forward as
// absent: all that can fail on an input. WriteForwarded does the rest.
core::Result<ForwardedLog> Forward(ReadLog&& old_log, ReadLog&& new_log, std::string_view baseline_name,
                                   const ingest::InputBuffer& current,
                                   const BaselineResultText& baseline_text, const MatchOptions& options) {
  ForwardedLog out;
  for (auto* warnings : {&old_log.warnings, &new_log.warnings}) {
    out.warnings.insert(out.warnings.end(), warnings->begin(), warnings->end());
  }
  std::vector<bool> baseline_used(old_log.runs.size(), false);
  for (size_t r = 0; r < new_log.runs.size(); ++r) {
    const auto& run = new_log.runs[r];
    ForwardedLog::Run& forwarded = out.runs.emplace_back();
    std::optional<size_t> paired;
    for (size_t b = 0; b < old_log.runs.size() && !paired; ++b) {
      if (!baseline_used[b] && old_log.runs[b].info.tool == run.info.tool) paired = b;
    }
    const std::vector<Comparable> none;
    const auto& old_results = paired ? old_log.runs[*paired].results : none;
    if (paired) baseline_used[*paired] = true;

    forwarded.baseline_run = paired;

    BaselineComparison comparison = CompareWithBaseline(old_results, run.results, options);
    for (core::BaselineState state : comparison.current_states) {
      out.new_count += state == core::BaselineState::kNew;
      out.unchanged += state == core::BaselineState::kUnchanged;
      out.updated += state == core::BaselineState::kUpdated;
    }
    forwarded.states = std::move(comparison.current_states);
    for (size_t b : comparison.absent) {
      auto text = baseline_text(old_log.layout, *paired, b);
      if (!text) return std::unexpected(text.error());
      forwarded.absent.push_back(std::move(*text));
    }
    out.absent += forwarded.absent.size();
  }
  for (size_t b = 0; b < baseline_used.size(); ++b) {
    const auto& run = old_log.runs[b];
    if (!baseline_used[b] && !run.results.empty()) {
      out.warnings.push_back(
          fmt::format("{}: run {} ({}) has no run of the same tool in {}; its {} results are "
                      "not carried forward",
                      baseline_name, b, run.info.tool, current.name(), run.results.size()));
    }
  }
  out.baseline_layout = std::move(old_log.layout);
  out.current_layout = std::move(new_log.layout);
  return out;
}

std::string_view ResultText(std::string_view log, const SarifLayout& layout, size_t run, size_t result) {
  const ingest::TextSpan& span = layout.runs[run].result_objects[result].object;
  return log.substr(span.begin, span.end - span.begin);
}

// A result's text hash as the reader records it (SarifResultLayout::text_hash).
uint64_t TextHash(std::string_view text) {
  return XXH3_128bits(text.data(), text.size()).low64;
}

// A baseline file's results read again, each checked against the hash of
// what was read the first time: the file must not have changed meanwhile.
class BaselineRereader {
 public:
  BaselineRereader(std::string path, const ingest::InputBuffer& loaded, const SarifLayout& layout)
      : path_(std::move(path)), bom_bytes_(loaded.bom_bytes()) {
    for (size_t r = 0; r < layout.runs.size(); ++r) {
      hashes_.emplace_back();
      for (size_t i = 0; i < layout.runs[r].result_objects.size(); ++i) {
        uint64_t hash = layout.runs[r].result_objects[i].text_hash;
        if (hash == 0) hash = TextHash(ResultText(loaded.bytes(), layout, r, i));  // not hashed by the reader
        hashes_.back().push_back(hash);
      }
    }
  }

  ~BaselineRereader() {
    if (fd_ >= 0) close(fd_);
  }
  BaselineRereader(BaselineRereader&& other) noexcept
      : path_(std::move(other.path_)),
        bom_bytes_(other.bom_bytes_),
        hashes_(std::move(other.hashes_)),
        fd_(std::exchange(other.fd_, -1)) {}
  BaselineRereader(const BaselineRereader&) = delete;
  BaselineRereader& operator=(const BaselineRereader&) = delete;
  BaselineRereader& operator=(BaselineRereader&&) = delete;

  core::Result<std::string> Read(const SarifLayout& layout, size_t run, size_t result) {
    const ingest::TextSpan& span = layout.runs[run].result_objects[result].object;
    if (fd_ < 0) {
      fd_ = open(path_.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd_ < 0) return Changed();
    }
    // One pread per result, not a seek and a buffered read: they are
    // scattered, and there are thousands of them.
    std::string text(span.end - span.begin, '\0');
    size_t done = 0;
    while (done < text.size()) {
      ssize_t got = pread(fd_, text.data() + done, text.size() - done,
                          static_cast<off_t>(span.begin + bom_bytes_ + done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return Changed();
      done += static_cast<size_t>(got);
    }
    if (TextHash(text) != hashes_[run][result]) return Changed();
    return text;
  }

 private:
  std::unexpected<core::Error> Changed() const {
    return core::Fail(core::ErrorCode::kIo, "the file changed while candor match read it", path_);
  }

  std::string path_;
  size_t bom_bytes_;
  std::vector<std::vector<uint64_t>> hashes_;
  int fd_ = -1;
};

}  // namespace

core::Result<ForwardedLog> MatchResultsForward(const ingest::InputBuffer& baseline,
                                               const ingest::InputBuffer& current,
                                               const ingest::Limits& limits, const MatchOptions& options,
                                               const SourceDirs& sources) {
  LogReading old_reading(baseline, limits, sources.baseline);
  LogReading new_reading(current, limits, sources.current);
  core::Status old_opened, new_opened;
  core::RunAlongside([&] { old_opened = old_reading.Open(); }, [&] { new_opened = new_reading.Open(); });
  auto logs = ReadBoth(
      old_reading, new_reading, sources, [](const ReadLog&) {}, old_opened, new_opened);
  if (!logs) return std::unexpected(logs.error());
  return Forward(
      std::move(logs->first), std::move(logs->second), baseline.name(), current,
      [&](const SarifLayout& layout, size_t run, size_t result) -> core::Result<std::string> {
        return std::string(ResultText(baseline.bytes(), layout, run, result));
      },
      options);
}

namespace {

// How the baseline results carried forward as absent are got back once the
// baseline's text is let go.
struct BaselineText {
  std::optional<BaselineRereader> rereader;  // a regular file: read again
  ingest::InputBuffer kept;                  // anything else: its text is kept
};

}  // namespace

core::Result<ForwardedFile> MatchFilesForward(const std::string& baseline_path,
                                              const std::string& current_path, const ingest::Limits& limits,
                                              const MatchOptions& options, const SourceDirs& sources) {
  // Each log is loaded, checked and outlined (json_outline.h) on a core of
  // its own; then the baseline's results are read on both cores, and then
  // the current log's, most of which are taken from the baseline's (ReadBoth).
  // A reader's memory is small beside its log's text, and the baseline's
  // text is let go as soon as it is read: at 100,000 results both at once
  // peak at about 170 MB, a fifth of the SARIF Multitool's. The few baseline
  // results carried forward as absent are read from its file again.
  std::optional<ingest::InputBuffer> baseline_input;
  std::optional<LogReading> old_reading, new_reading;
  core::Status old_opened, new_opened;
  ForwardedFile out;
  auto load_and_open = [&limits](const std::string& path, const std::string& source_dir,
                                 std::optional<ingest::InputBuffer>& input,
                                 std::optional<LogReading>& reading, core::Status& opened) {
    auto loaded = ingest::LoadInput(path, limits);
    if (!loaded) {
      opened = std::unexpected(loaded.error());
      return;
    }
    input.emplace(std::move(*loaded));
    reading.emplace(*input, limits, source_dir);
    opened = reading->Open();
  };
  std::optional<ingest::InputBuffer> current_input;
  core::RunAlongside(
      [&] { load_and_open(baseline_path, sources.baseline, baseline_input, old_reading, old_opened); },
      [&] { load_and_open(current_path, sources.current, current_input, new_reading, new_opened); });
  if (!old_opened) return std::unexpected(old_opened.error());

  BaselineText old_text;
  std::string old_name;
  auto let_baseline_go = [&](const ReadLog& log) {
    const SarifLayout& layout = log.layout;
    old_name = baseline_input->name();
    // Standard input, a pipe (`<(git show main:scan.sarif)`) or a device
    // cannot be read again: such a baseline stays in memory.
    std::error_code not_regular;
    if (baseline_path != "-" && std::filesystem::is_regular_file(baseline_path, not_regular)) {
      old_text.rereader.emplace(baseline_path, *baseline_input, layout);
      old_reading.reset();
      baseline_input.reset();
    } else {
      old_text.kept = std::move(*baseline_input);
    }
  };
  auto logs = ReadBoth(*old_reading, *new_reading, sources, let_baseline_go, old_opened, new_opened);
  if (!logs) return std::unexpected(logs.error());
  out.current = std::move(*current_input);
  auto forwarded = Forward(
      std::move(logs->first), std::move(logs->second), old_name, out.current,
      [&](const SarifLayout& layout, size_t run, size_t result) -> core::Result<std::string> {
        if (old_text.rereader) return old_text.rereader->Read(layout, run, result);
        return std::string(ResultText(old_text.kept.bytes(), layout, run, result));
      },
      options);
  if (!forwarded) return std::unexpected(forwarded.error());
  out.log = std::move(*forwarded);
  return out;
}

bool WriteForwarded(const ForwardedLog& log, std::string_view current,
                    const std::function<bool(std::string_view)>& write) {
  // The absent results are made fit for their run (AbsentResult) on the
  // second core while this one writes; once this one has written up to a run
  // that has some, it makes what is left too, and waits for the rest. At
  // 100,000 results this takes the 40 ms of making them off the time to the
  // last byte, but for the few made by both at the end.
  const size_t runs = log.runs.size();
  std::vector<std::vector<std::string>> absent(runs);
  std::vector<std::pair<size_t, size_t>> to_make;  // (run, index in run.absent)
  for (size_t r = 0; r < runs; ++r) {
    absent[r].resize(log.runs[r].absent.size());
    for (size_t i = 0; i < log.runs[r].absent.size(); ++i) to_make.emplace_back(r, i);
  }
  std::atomic<size_t> next{0}, made{0};
  auto make_absent = [&] {
    for (size_t k; (k = next.fetch_add(1, std::memory_order_relaxed)) < to_make.size();) {
      const auto [r, i] = to_make[k];
      const ForwardedLog::Run& run = log.runs[r];
      absent[r][i] = AbsentResult(run.absent[i], log.baseline_layout.runs[*run.baseline_run],
                                  log.current_layout.runs[r]);
      if (made.fetch_add(1, std::memory_order_acq_rel) + 1 == to_make.size()) made.notify_all();
    }
  };
  bool written = true;
  auto write_all = [&] {
    // The edits come in text order: runs in order, each run's results in
    // order, then what is appended to them.
    size_t at = 0;
    auto apply = [&](const TextEdit& edit) {
      written = written && write(current.substr(at, edit.begin - at)) && write(edit.text);
      at = edit.end;
    };
    std::string appended;
    for (size_t r = 0; r < runs && written; ++r) {
      const ForwardedLog::Run& run = log.runs[r];
      const SarifRunLayout& layout = log.current_layout.runs[r];
      for (size_t i = 0; i < run.states.size() && written; ++i)
        apply(StateEdit(current, layout.result_objects[i], run.states[i]));
      if (run.absent.empty()) continue;
      make_absent();
      for (size_t done; (done = made.load(std::memory_order_acquire)) < to_make.size();)
        made.wait(done, std::memory_order_acquire);
      apply(AppendEdit(layout, absent[r], appended));
    }
    written = written && write(current.substr(at));
  };
  if (!to_make.empty()) {
    core::RunAlongside(make_absent, write_all);
  } else {
    write_all();
  }
  return written;
}

std::string ForwardedText(const ForwardedLog& log, std::string_view current) {
  std::string out;
  out.reserve(current.size() + (log.new_count + log.unchanged + log.updated) * 32);
  WriteForwarded(log, current, [&out](std::string_view piece) {
    out += piece;
    return true;
  });
  return out;
}

}  // namespace candor::match
