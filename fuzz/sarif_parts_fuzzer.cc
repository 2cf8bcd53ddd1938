// Differential libFuzzer target for the SARIF reader's parts: any bytes read
// with every run's results in two parts on two threads (FindingSink::Shard),
// and read again with each result taken back by its key (Recall, Remember),
// give what a plain read gives: the same findings and warnings, or the same
// error. Seed corpus: tests/data/sarif.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/finding.h"
#include "ingest/input.h"
#include "ingest/reader.h"
#include "ingest/sarif_reader.h"

namespace {

using candor::core::Finding;
using candor::ingest::FindingSink;
using Memory = std::map<std::pair<uint64_t, uint64_t>, Finding>;

// Collects findings; its shard puts its chunks in place in the same run.
// Remembers what each key gave, or recalls from another read's memory.
class PartsSink : public candor::ingest::CollectingSink {
 public:
  explicit PartsSink(const Memory* recall_from) : recall_from_(recall_from) {}

  std::unique_ptr<FindingSink> Shard(size_t count) override {
    auto& findings = runs.back().findings;
    run_begin_ = findings.size();
    findings.resize(run_begin_ + count);
    auto shard = std::make_unique<PartsSink>(recall_from_);
    shard->into_ = &findings;
    shard->run_begin_ = run_begin_;
    return shard;
  }
  void PlaceAt(size_t index) override { place_at_ = run_begin_ + index; }
  candor::core::Status Join(FindingSink& part) override {
    memory.merge(static_cast<PartsSink&>(part).memory);
    place_at_.reset();
    return {};
  }
  candor::core::Status Add(Finding&& finding) override {
    Put(std::move(finding));
    return {};
  }
  bool RemembersResults() const override { return true; }
  bool Recall(const ResultKey& key) override {
    if (recall_from_ == nullptr) return false;
    auto it = recall_from_->find({key.low, key.high});
    if (it == recall_from_->end()) return false;
    Put(it->second);
    return true;
  }
  void Remember(const ResultKey& key) override { memory.try_emplace({key.low, key.high}, *last_); }

  Memory memory;

 private:
  void Put(Finding finding) {
    std::vector<Finding>& findings = into_ != nullptr ? *into_ : runs.back().findings;
    if (place_at_) {
      last_ = &findings[(*place_at_)++];
      *last_ = std::move(finding);
    } else {
      findings.push_back(std::move(finding));
      last_ = &findings.back();
    }
  }

  const Memory* recall_from_;
  std::vector<Finding>* into_ = nullptr;  // a shard's: its parent's run
  size_t run_begin_ = 0;
  std::optional<size_t> place_at_;
  Finding* last_ = nullptr;  // the finding added last
};

struct Outcome {
  std::string error;  // empty when the read succeeded
  std::vector<std::string> warnings;
  std::vector<std::vector<Finding>> runs;
};

Outcome Read(const candor::ingest::InputBuffer& input, candor::ingest::CollectingSink& sink, bool in_parts) {
  candor::ingest::ParseContext context;
  context.limits.max_depth = 64;
  if (in_parts) context.split_results_from = 2;
  Outcome out;
  if (auto read = candor::ingest::ReadSarif(input, context, sink); !read) out.error = read.error().ToString();
  out.warnings = std::move(context.warnings);
  for (auto& run : sink.runs) out.runs.push_back(std::move(run.findings));
  return out;
}

bool Same(const Outcome& a, const Outcome& b) {
  // After an error, what was read before it is not compared: a part that
  // failed may stop before the other part's findings were joined.
  if (!a.error.empty() || !b.error.empty()) return a.error == b.error;
  return a.warnings == b.warnings && a.runs == b.runs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  candor::ingest::InputBuffer input("fuzz.json", std::string_view(reinterpret_cast<const char*>(data), size));
  candor::ingest::CollectingSink plain_sink;
  const Outcome plain = Read(input, plain_sink, false);
  PartsSink remembering(nullptr);
  const Outcome parts = Read(input, remembering, true);
  if (!Same(plain, parts)) __builtin_trap();
  PartsSink recalling(&remembering.memory);
  const Outcome recalled = Read(input, recalling, true);
  if (!Same(plain, recalled)) __builtin_trap();
  return 0;
}
