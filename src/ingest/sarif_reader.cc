#include "ingest/sarif_reader.h"

#include <fmt/format.h>
#include <xxh_x86dispatch.h>  // XXH3 in AVX2 where the CPU has it: the same hashes

#include <algorithm>
#include <atomic>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <memory>

#include "core/alongside.h"
#include "core/text.h"
#include "ingest/json_reader.h"
#include "ingest/sarif_run.h"

namespace candor::ingest {
namespace {

using core::Status;
using sarif::RunContext;

// Where the reader is in the text, as an offset into input.bytes().
size_t Position(JsonReader& json) {
  return json.Offset() - json.input().bom_bytes();
}

// The text of the members of a run object that reading its results depends
// on (those ReadRunContext reads), made into the run's context key
// (FindingSink::ResultKey). A member's text runs from its value to the next
// member's value or the object's end: the whole value, and a little text
// after it.
class ContextText {
 public:
  explicit ContextText(std::string_view text) : text_(text) {}

  // The next member of the run object, whose value starts at `value_begin`.
  void Member(std::string_view key, size_t value_begin) {
    Close(value_begin);
    static constexpr std::string_view kRead[] = {
        "tool", "originalUriBaseIds", "versionControlProvenance", "artifacts", "taxonomies", "properties"};
    if (std::find(std::begin(kRead), std::end(kRead), key) != std::end(kRead)) {
      open_ = true;
      begin_ = value_begin;
      gathered_.append(key).push_back('\x1f');
    }
  }
  // After the object, whose text ends before `object_end`.
  FindingSink::ResultKey Key(size_t object_end) {
    Close(object_end);
    XXH128_hash_t hash = XXH3_128bits(gathered_.data(), gathered_.size());
    return {hash.low64, hash.high64};
  }

 private:
  void Close(size_t end) {
    if (!open_) return;
    open_ = false;
    gathered_.append(text_.substr(begin_, end - begin_)).push_back('\x1e');
  }

  std::string_view text_;
  std::string gathered_;
  bool open_ = false;
  size_t begin_ = 0;
};

// Finds `key` in `object` wherever it is; nullopt when absent.
core::Result<std::optional<od::value>> FindField(JsonReader& json, od::object& object, std::string_view key) {
  od::value value;
  auto error = object.find_field_unordered(key).get(value);
  if (error == simdjson::NO_SUCH_FIELD) return std::nullopt;
  if (error) {
    auto scope = json.Key(key);
    return json.Fail(error);
  }
  return value;
}

Status ReadString(JsonReader& json, od::value& value, std::string_view& out) {
  auto text = json.StringOrNull(value);
  if (!text) return std::unexpected(text.error());
  out = text->value_or("");
  return {};
}

// {"uri": ..., "uriBaseId": ...}
Status ReadUriPair(JsonReader& json, od::value& value, std::string_view& uri, std::string_view& base_id) {
  return json.ForEachField(value, [&](std::string_view key, od::value& field) -> Status {
    if (key == "uri") return ReadString(json, field, uri);
    if (key == "uriBaseId") return ReadString(json, field, base_id);
    return {};
  });
}

// Reads what results refer to, wherever it is in the run object: one pass
// over the run's fields that skips "results" (the caller comes back for them).
Status ReadRunContext(JsonReader& json, od::object& run_object, RunContext& run) {
  bool has_tool = false;
  ContextText context_text(json.input().bytes());
  auto status = json.ForEachField(run_object, [&](std::string_view key, od::value& field) -> Status {
    context_text.Member(key, Position(json));
    if (key == "tool") {
      has_tool = true;
      return run.rules.ReadTool(json, field);
    }
    if (key == "originalUriBaseIds") {
      return json.ForEachField(field, [&](std::string_view name, od::value& base) -> Status {
        std::string_view uri, base_id;
        if (auto read = ReadUriPair(json, base, uri, base_id); !read) return read;
        run.uris.AddBase(name, uri, base_id);
        return {};
      });
    }
    if (key == "versionControlProvenance") {
      return json.ForEachElement(field, [&](size_t, od::value& element) -> Status {
        return json.ForEachField(element, [&](std::string_view k, od::value& v) -> Status {
          if (k != "mappedTo") return {};
          std::string_view uri, base_id;
          if (auto read = ReadUriPair(json, v, uri, base_id); !read) return read;
          run.uris.AddRepositoryRoot(uri, base_id);
          return {};
        });
      });
    }
    if (key == "artifacts") {
      return json.ForEachElement(field, [&](size_t, od::value& element) -> Status {
        sarif::ArtifactLocation location;
        auto read = json.ForEachField(element, [&](std::string_view k, od::value& v) -> Status {
          return k == "location" ? ReadUriPair(json, v, location.uri, location.base_id) : Status();
        });
        if (!read) return read;
        run.artifacts.push_back(location);
        return {};
      });
    }
    if (key == "taxonomies") {
      return json.ForEachElement(field, [&](size_t, od::value& element) -> Status {
        std::string_view name;
        auto read = json.ForEachField(element, [&](std::string_view k, od::value& v) -> Status {
          return k == "name" ? ReadString(json, v, name) : Status();
        });
        if (!read) return read;
        run.taxonomy_names.push_back(name);
        return {};
      });
    }
    if (key == "properties") {
      return json.ForEachField(field, [&](std::string_view k, od::value&) -> Status {
        if (k == "imageName" || k == "imageID" || k == "repoTags" || k == "repoDigests")
          run.image_context = true;
        return {};
      });
    }
    return {};
  });
  if (!status) return status;
  if (!has_tool) return json.Invalid("run has no \"tool\"");
  run.uris.Finish();
  run.context_key = context_text.Key(Position(json));
  return {};
}

// One past the last non-blank byte before `position`: the end of the value
// the reader has just gone past.
size_t EndBefore(JsonReader& json, size_t position) {
  std::string_view bytes = json.input().bytes();
  while (position > 0 && core::IsAsciiSpace(bytes[position - 1])) --position;
  return position;
}

void RecordRunLayout(const RunContext& run, SarifRunLayout& layout) {
  for (const sarif::Rule& rule : run.rules.driver().rules) layout.rule_ids.emplace_back(rule.id);
  for (const sarif::ArtifactLocation& artifact : run.artifacts)
    layout.artifact_uris.emplace_back(artifact.uri);
}

// Reads the results [from, to) of an outlined array (json_outline.h), each a
// document of its own. `layout`'s result_objects has a slot for each result.
Status ReadOutlinedPart(JsonReader& json, const OutlinedArray& results, size_t from, size_t to,
                        RunContext& run, SarifRunLayout* layout, FindingSink& sink) {
  const std::string_view text = json.input().bytes();
  const bool remembers = sink.RemembersResults();
  core::Finding finding;  // one for every result: its buffers are reused (see reader.h)
  for (size_t index = from; index < to; ++index) {
    const TextSpan& span = results.elements[index];
    if (layout != nullptr) {
      run.result_layout = &layout->result_objects[index];
      run.result_layout->object = span;
    }
    const std::string_view result = text.substr(span.begin, span.end - span.begin);
    FindingSink::ResultKey key;
    if (remembers) {
      XXH128_hash_t hash = XXH3_128bits(result.data(), result.size());
      key = {hash.low64 ^ run.context_key.low, hash.high64 ^ run.context_key.high};
      if (layout != nullptr) run.result_layout->text_hash = hash.low64;
      // A result remembered had no baselineState (below), so neither has
      // this one, and its layout is complete.
      if (sink.Recall(key)) {
        json.Tick();
        continue;
      }
    }
    const size_t warnings_asked = run.warnings_asked;
    auto status = json.ReadOutlinedElement(results, index, [&](od::value& element) -> Status {
      json.Tick();
      core::ClearForReuse(finding);
      if (auto read = sarif::ReadResult(json, element, run, finding); !read) return read;
      return sink.Add(std::move(finding));
    });
    if (!status) return status;
    if (remembers && run.warnings_asked == warnings_asked) {
      const bool has_state = layout != nullptr ? run.result_layout->baseline_state.has_value()
                                               : result.find("\"baselineState\"") != std::string_view::npos;
      if (!has_state) sink.Remember(key);
    }
  }
  return {};
}

// One of the two threads reading a run's results in chunks: a reader, run
// context and warnings of its own, so that what both found can be put in
// text order afterwards.
struct ResultsPart {
  ParseContext context;
  JsonReader json;
  RunContext run;
  FindingSink& sink;
  // The chunk each of context.warnings was given in, in order.
  std::vector<size_t> warning_chunks;
  // The first chunk that failed, and how.
  size_t failed_chunk = std::numeric_limits<size_t>::max();
  Status error = {};

  ResultsPart(JsonReader& outlined, const RunContext& whole_run, FindingSink& part_sink)
      : context(ContextOf(outlined.context())), json(outlined, context), run(whole_run), sink(part_sink) {
    run.warnings_given.clear();
  }

 private:
  static ParseContext ContextOf(const ParseContext& whole) {
    ParseContext context;
    context.limits = whole.limits;  // before `json`, which sizes its parser by them
    return context;
  }
};

// How many consecutive results a thread takes at a time: few enough chunks
// that claiming one costs nothing beside reading it, and enough that both
// threads finish within a chunk of each other.
size_t ChunkOf(size_t count) {
  return std::clamp<size_t>(count / 64, 1, 256);
}

// Gives the run, in text order, the parts' warnings from chunks up to
// `last_chunk`: each part's are those of its kinds it met first, and the
// run gives each kind once, where the text first gives it.
Status MergeWarnings(std::initializer_list<ResultsPart*> parts, size_t last_chunk, JsonReader& json,
                     RunContext& run) {
  struct Given {
    size_t chunk;
    ResultsPart* part;
    size_t index;
  };
  std::vector<Given> given;
  for (ResultsPart* part : parts) {
    if (part->context.warnings.size() != part->run.warnings_given.size()) {
      return core::Fail(core::ErrorCode::kInternal, "a result gave a warning that is not once per run",
                        json.input().name());
    }
    for (size_t i = 0; i < part->context.warnings.size(); ++i) {
      if (part->warning_chunks[i] <= last_chunk) given.push_back({part->warning_chunks[i], part, i});
    }
  }
  std::stable_sort(given.begin(), given.end(),
                   [](const Given& a, const Given& b) { return a.chunk < b.chunk; });
  for (const Given& warning : given) {
    const uint32_t kind = warning.part->run.warnings_given[warning.index];
    if ((run.warned & kind) != 0) continue;
    run.warned |= kind;
    run.warnings_given.push_back(kind);
    json.context().warnings.push_back(std::move(warning.part->context.warnings[warning.index]));
  }
  return {};
}

// Reads an outlined results array on the two cores when the sink gives a
// shard and the run is large enough to be worth a thread. The results are
// taken in chunks, each by whichever thread is free: on a virtual machine
// one core is often slowed for a while, and with the text cut in halves
// the other then waited (for up to half the reading time). What the caller
// sees is what one thread would give: the findings in order (the sink puts
// each chunk's in place), the first error in text order, and the warnings
// given once per run, as they would come in order.
Status ReadOutlinedResults(JsonReader& json, const OutlinedArray& results, RunContext& run,
                           SarifRunLayout* layout, FindingSink& sink) {
  const size_t count = results.elements.size();
  const size_t split_from = std::max<size_t>(json.context().split_results_from, 2);
  std::unique_ptr<FindingSink> shard = count >= split_from ? sink.Shard(count) : nullptr;
  if (!shard) return ReadOutlinedPart(json, results, 0, count, run, layout, sink);

  ResultsPart here(json, run, sink), beside(json, run, *shard);
  const size_t chunk = ChunkOf(count);
  std::atomic<size_t> next_chunk{0};
  std::atomic<bool> failed{false};
  auto read_chunks = [&](ResultsPart& part) {
    // Chunks are claimed in order: once one fails, every earlier one is
    // being read already, and no later one matters.
    while (!failed.load(std::memory_order_relaxed)) {
      const size_t c = next_chunk.fetch_add(1, std::memory_order_relaxed);
      const size_t from = c * chunk;
      if (from >= count) return;
      part.sink.PlaceAt(from);
      Status read = ReadOutlinedPart(part.json, results, from, std::min(from + chunk, count), part.run,
                                     layout, part.sink);
      part.warning_chunks.resize(part.context.warnings.size(), c);
      if (!read) {
        part.failed_chunk = c;
        part.error = std::move(read);
        failed.store(true, std::memory_order_relaxed);
        return;
      }
      // Progress from this thread only, at the end of each of its chunks:
      // the parts' readers are between elements, where they know no offset.
      if (&part == &here && json.context().on_progress)
        json.context().on_progress(json.input().bom_bytes() +
                                   results.elements[std::min(from + chunk, count) - 1].end);
    }
  };
  core::RunAlongside([&] { read_chunks(beside); }, [&] { read_chunks(here); });
  // After an error, the warnings given before it in the text, as one thread
  // reading in order would have given them.
  const size_t failed_chunk = std::min(here.failed_chunk, beside.failed_chunk);
  if (Status merged = MergeWarnings({&here, &beside}, failed_chunk, json, run); !merged) return merged;
  if (here.failed_chunk < beside.failed_chunk) return here.error;
  if (!beside.error) return beside.error;
  return sink.Join(*shard);
}

Status ReadRun(JsonReader& json, od::value& value, int run_index, FindingSink& sink) {
  od::json_type type;
  if (auto e = value.type().get(type)) return json.Fail(e);
  if (type != od::json_type::object) return json.Fail(simdjson::INCORRECT_TYPE, "a run object");
  SarifLayout* layout = json.context().sarif_layout;
  SarifRunLayout* run_layout = nullptr;
  if (layout != nullptr) {
    run_layout = &layout->runs.emplace_back();
    run_layout->object_begin = Position(json);
  }
  od::object run_object;
  if (auto e = value.get_object().get(run_object)) return json.Fail(e, "a run object");
  RunContext run;
  if (auto status = ReadRunContext(json, run_object, run); !status) return status;
  run.info.tool = run.rules.driver().name;
  run.tool_kind = ToolKindFor(run.info.tool);
  run.info.tool_version = run.rules.driver().version;
  run.info.run_index = run_index;
  if (auto status = sink.BeginRun(run.info); !status) return status;
  if (run_layout != nullptr) RecordRunLayout(run, *run_layout);

  auto results = FindField(json, run_object, "results");
  if (!results) return std::unexpected(results.error());
  if (*results) {
    auto scope = json.Key("results");
    od::json_type results_type;
    if (auto e = (*results)->type().get(results_type)) return json.Fail(e);
    const size_t results_begin = Position(json);
    if (run_layout != nullptr) run_layout->results_is_array = results_type == od::json_type::array;
    if (results_type == od::json_type::null) {
      if (run_layout != nullptr) run_layout->results = TextSpan{results_begin, results_begin + 4};
      json.Warn("results is null (the tool did not produce results); no findings from this run");
    } else if (results_type != od::json_type::array) {
      return json.Fail(simdjson::INCORRECT_TYPE, "an array of results");
    } else if (const OutlinedArray* outlined = json.OutlinedArrayAt(results_begin)) {
      if (run_layout != nullptr) {
        run_layout->result_objects.resize(outlined->elements.size());
        run_layout->results = outlined->array;
      }
      if (auto status = ReadOutlinedResults(json, *outlined, run, run_layout, sink); !status) return status;
    } else {
      core::Finding finding;  // one for every result: its buffers are reused (see reader.h)
      if (run_layout != nullptr) {
        run_layout->result_objects.reserve((json.input().bytes().size() - results_begin) /
                                           kFewestBytesPerResult);
      }
      auto status = json.ForEachElement(**results, [&](size_t, od::value& element) -> Status {
        json.Tick();
        od::json_type result_type;
        if (auto e = element.type().get(result_type)) return json.Fail(e);
        if (result_type != od::json_type::object)
          return json.Fail(simdjson::INCORRECT_TYPE, "a result object");
        core::ClearForReuse(finding);
        if (run_layout != nullptr) {
          run.result_layout = &run_layout->result_objects.emplace_back();
          run.result_layout->object.begin = Position(json);
        }
        if (auto read = sarif::ReadResult(json, element, run, finding); !read) return read;
        if (run_layout != nullptr) run.result_layout->object.end = EndBefore(json, Position(json));
        return sink.Add(std::move(finding));
      });
      if (!status) return status;
      if (run_layout != nullptr)
        run_layout->results = TextSpan{results_begin, EndBefore(json, Position(json))};
    }
  }
  return sink.EndRun();
}

Status CheckVersion(JsonReader& json, od::object& log, bool& version_missing) {
  auto version_field = FindField(json, log, "version");
  if (!version_field) return std::unexpected(version_field.error());
  version_missing = !*version_field;
  if (version_missing) return {};
  auto scope = json.Key("version");
  auto version = json.StringOrNull(**version_field);
  if (!version) return std::unexpected(version.error());
  if (!*version) {
    version_missing = true;
    return {};
  }
  if (**version == "2.1.0") return {};
  if (**version == "1.0.0") {
    return json.Invalid(
        "SARIF 1.0.0 is not supported; convert the log to 2.1.0 with the SARIF Multitool "
        "(sarif transform --sarif-output-version Current)",
        core::ErrorCode::kUnsupported);
  }
  return json.Invalid(fmt::format("SARIF version \"{}\" is not supported; Candor reads SARIF 2.1.0 "
                                  "(convert with the SARIF Multitool)",
                                  **version),
                      core::ErrorCode::kUnsupported);
}

Status ReadLog(JsonReader& json, od::document& document, FindingSink& sink) {
  od::json_type type;
  if (auto e = document.type().get(type)) return json.Fail(e);
  if (type != od::json_type::object) {
    return json.Invalid("expected a SARIF log (a JSON object with \"version\" and \"runs\")");
  }
  od::object log;
  if (auto e = document.get_object().get(log)) return json.Fail(e);

  // Looked up in the order tools write them: a lookup that passes "runs"
  // walks the whole log once more.
  {
    auto schema = FindField(json, log, "$schema");
    if (!schema) return std::unexpected(schema.error());
    if (!*schema) json.Warn("no \"$schema\"; reading as SARIF 2.1.0");
  }
  bool version_missing = false;
  if (auto status = CheckVersion(json, log, version_missing); !status) return status;

  auto runs = FindField(json, log, "runs");
  if (!runs) return std::unexpected(runs.error());
  auto scope = json.Key("runs");
  if (!*runs) return json.Invalid("no \"runs\": not a SARIF log");
  od::json_type runs_type;
  if (auto e = (*runs)->type().get(runs_type)) return json.Fail(e);
  if (runs_type == od::json_type::null) return json.Invalid("\"runs\" is null: the log has no runs");
  if (runs_type != od::json_type::array) return json.Fail(simdjson::INCORRECT_TYPE, "an array of runs");
  if (version_missing) json.Warn("no \"version\"; the runs are read as SARIF 2.1.0");

  int run_count = 0;
  auto status = json.ForEachElement(**runs, [&](size_t index, od::value& element) -> Status {
    ++run_count;
    return ReadRun(json, element, static_cast<int>(index), sink);
  });
  if (!status) return status;
  if (run_count == 0) return json.Invalid("\"runs\" is empty: the log has no runs");
  return {};
}

}  // namespace

core::Status ReadSarif(const InputBuffer& input, ParseContext& context, FindingSink& sink) {
  SarifLogReader reader(input, context);
  if (auto opened = reader.Open(); !opened) return opened;
  return reader.Read(sink);
}

SarifLogReader::SarifLogReader(const InputBuffer& input, ParseContext& context)
    : json_(std::make_unique<JsonReader>(input, context)) {}

SarifLogReader::~SarifLogReader() = default;

core::Status SarifLogReader::Open() {
  auto document = json_->OpenOutlined();
  if (!document) return std::unexpected(document.error());
  opened_ = true;
  return {};
}

core::Status SarifLogReader::Read(FindingSink& sink) {
  if (!opened_) return core::Fail(core::ErrorCode::kInternal, "read before open", json_->input().name());
  try {
    return ReadLog(*json_, json_->document(), sink);
  } catch (const simdjson::simdjson_error& error) {
    // Every simdjson call above uses error codes; this is a last resort.
    return core::Fail(core::ErrorCode::kInternal, fmt::format("JSON parser: {}", error.what()),
                      json_->input().name());
  }
}

}  // namespace candor::ingest
