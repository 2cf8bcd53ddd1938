// The rule index must never change an answer: OwnersOf agrees with a plain
// scan of every rule, newest first, on real files and their real trees.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "ownership/codeowners.h"
#include "ownership/owner_pattern.h"

namespace candor::ownership {
namespace {

std::string Read(const std::string& name) {
  std::ifstream in(std::string(CANDOR_TEST_DATA) + "/codeowners/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct PlainRule {
  OwnerPattern pattern;
  int line;
};

// A GitHub-dialect file read the simplest way: pattern is the first token.
std::vector<PlainRule> PlainRules(const std::string& text) {
  std::vector<PlainRule> rules;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::istringstream tokens(line);
    std::string pattern;
    if (!(tokens >> pattern) || pattern[0] == '#') continue;
    rules.push_back({*OwnerPattern::Compile(pattern), number});
  }
  return rules;
}

void ExpectSameAnswers(const std::string& codeowners, const std::string& paths) {
  std::string text = Read(codeowners);
  auto parsed = Codeowners::Parse(text, codeowners);
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  ASSERT_EQ(parsed->dialect(), Dialect::kGitHub);
  auto rules = PlainRules(text);
  std::istringstream in(Read(paths));
  std::string path;
  size_t count = 0;
  while (std::getline(in, path)) {
    auto segments = SplitPath(path);
    int expected = 0;
    for (auto rule = rules.rbegin(); rule != rules.rend(); ++rule) {
      if (rule->pattern.Matches(segments)) {
        expected = rule->line;
        break;
      }
    }
    ASSERT_EQ(parsed->OwnersOf(path).line, expected) << path;
    ++count;
  }
  EXPECT_GT(count, 1000u);
}

TEST(IndexConsistencyTest, Codechecker) {
  ExpectSameAnswers("codechecker.CODEOWNERS", "codechecker.paths.txt");
}

TEST(IndexConsistencyTest, ScpFirmware) {
  ExpectSameAnswers("SCP-firmware.github.CODEOWNERS", "SCP-firmware.paths.txt");
}

TEST(IndexConsistencyTest, NodeRulesOnAnotherTree) {
  // node's many anchored rules against a tree they mostly miss.
  ExpectSameAnswers("node.CODEOWNERS", "codechecker.paths.txt");
}

}  // namespace
}  // namespace candor::ownership
