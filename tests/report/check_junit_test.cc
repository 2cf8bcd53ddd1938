// JUnit XML: one test case per guardrail, so CI shows guardrails beside
// every other test result. No XML library: a small checker below walks the
// document and verifies it is well-formed for what we emit (elements,
// attributes, escapes, characters XML 1.0 allows).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "check_fixtures.h"
#include "report/check_report.h"

namespace candor::report {
namespace {

// Checks the subset of XML 1.0 the renderer writes: a declaration, nested
// elements with quoted attributes, text with the five predefined entities.
// Returns "" when well-formed, else what is wrong.
std::string WellFormed(const std::string& xml, std::vector<std::string>* elements = nullptr) {
  const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (!xml.starts_with(decl)) return "no declaration";
  std::vector<std::string> stack;
  bool seen_root = false;
  size_t i = decl.size();
  auto check_text = [&](size_t from, size_t to) -> std::string {
    for (size_t k = from; k < to; ++k) {
      auto c = static_cast<unsigned char>(xml[k]);
      if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') return "control character at " + std::to_string(k);
      if (c == 0xEF && k + 2 < to && static_cast<unsigned char>(xml[k + 1]) == 0xBF &&
          static_cast<unsigned char>(xml[k + 2]) >= 0xBE) {
        return "U+FFFE/U+FFFF at " + std::to_string(k);
      }
      if (c == '<' || c == '>') return "raw angle bracket at " + std::to_string(k);
      if (c == '&') {
        size_t semi = xml.find(';', k);
        std::string entity = xml.substr(k, semi - k + 1);
        if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" &&
            entity != "&apos;") {
          return "bad entity " + entity;
        }
      }
    }
    return "";
  };
  while (i < xml.size()) {
    size_t open = xml.find('<', i);
    if (open == std::string::npos) open = xml.size();
    if (auto error = check_text(i, open); !error.empty()) return error;
    if (stack.empty() && xml.substr(i, open - i).find_first_not_of(" \n") != std::string::npos) {
      return "text outside the root";
    }
    if (open == xml.size()) break;
    size_t close = open + 1;
    char quote = 0;
    while (close < xml.size() && (quote || xml[close] != '>')) {
      if (quote && xml[close] == quote) {
        quote = 0;
      } else if (!quote && (xml[close] == '"' || xml[close] == '\'')) {
        quote = xml[close];
      } else if (quote && xml[close] == '<') {
        return "'<' in an attribute";
      }
      ++close;
    }
    if (close == xml.size()) return "unclosed tag";
    std::string tag = xml.substr(open + 1, close - open - 1);
    bool end = tag.starts_with("/");
    bool empty = tag.ends_with("/");
    std::string name = tag.substr(end ? 1 : 0, tag.find_first_of(" /", end ? 1 : 0) - (end ? 1 : 0));
    if (auto error = check_text(open + 1, close); !error.empty() && error.rfind("raw angle", 0) != 0)
      return error;
    if (end) {
      if (stack.empty() || stack.back() != name) return "mismatched </" + name + ">";
      stack.pop_back();
    } else {
      if (stack.empty() && seen_root) return "second root";
      seen_root = true;
      if (elements) elements->push_back(name);
      if (!empty) stack.push_back(name);
    }
    i = close + 1;
  }
  if (!stack.empty()) return "unclosed <" + stack.back() + ">";
  return seen_root ? "" : "no root";
}

size_t CountOf(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t i = text.find(what); i != std::string::npos; i = text.find(what, i + 1)) ++n;
  return n;
}

TEST(CheckJunit, OneCaseperGuardrailBlockingOnesFail) {
  std::string xml = RenderCheckJunit(testing::BlockedResult());
  ASSERT_EQ(WellFormed(xml), "") << xml;
  EXPECT_NE(
      xml.find("<testsuite name=\"candor security guardrails\" tests=\"3\" failures=\"2\" errors=\"0\""),
      std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testsuites name=\"candor\" tests=\"3\" failures=\"2\" errors=\"0\">"),
            std::string::npos);
  EXPECT_EQ(CountOf(xml, "<testcase "), 3u);
  EXPECT_EQ(CountOf(xml, "<failure "), 2u);
  EXPECT_NE(xml.find("<testcase name=\"no-new-high\" classname=\"candor.guardrails\">\n      <failure "
                     "message=\"2 findings trip guardrail no-new-high (block)\" type=\"block\">"),
            std::string::npos);
  // The failure lists its findings, most severe first: path:line rule message.
  size_t failure = xml.find("<failure message=\"2 findings");
  size_t secret =
      xml.find("config/settings.py:7 aws-access-token critical gitleaks: Identified a pattern", failure);
  size_t sql = xml.find("src/app/db.py:42 py/sql-injection high CodeQL: This query depends", failure);
  ASSERT_NE(secret, std::string::npos) << xml;
  ASSERT_NE(sql, std::string::npos);
  EXPECT_LT(secret, sql);
  EXPECT_LT(sql, xml.find("</failure>", failure));
}

TEST(CheckJunit, WarnGuardrailsPassAndListTheirFindings) {
  std::string xml = RenderCheckJunit(testing::HoldingResult());
  ASSERT_EQ(WellFormed(xml), "") << xml;
  EXPECT_NE(xml.find("tests=\"3\" failures=\"0\""), std::string::npos);
  EXPECT_EQ(xml.find("<failure"), std::string::npos);
  EXPECT_NE(
      xml.find("<testcase name=\"warn-new-medium\" classname=\"candor.guardrails\">\n      <system-out>1 "
               "finding trips guardrail warn-new-medium (warn); it does not block.\nsrc/app/files.py:88 "
               "py/path-injection medium CodeQL: This path depends on a user-provided value.\n</system-out>"),
      std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testcase name=\"no-new-high\" classname=\"candor.guardrails\">\n    </testcase>"),
            std::string::npos);
}

TEST(CheckJunit, EmptyAndNoGuardrails) {
  std::string xml = RenderCheckJunit(testing::EmptyResult());
  ASSERT_EQ(WellFormed(xml), "") << xml;
  EXPECT_NE(xml.find("tests=\"3\" failures=\"0\""), std::string::npos);
  check::CheckResult nothing;
  xml = RenderCheckJunit(nothing);
  ASSERT_EQ(WellFormed(xml), "") << xml;
  EXPECT_NE(xml.find("tests=\"0\" failures=\"0\""), std::string::npos);
}

TEST(CheckJunit, HostileTextIsWellFormed) {
  std::string xml = RenderCheckJunit(testing::HostileResult());
  std::vector<std::string> elements;
  ASSERT_EQ(WellFormed(xml, &elements), "") << xml;
  EXPECT_EQ(elements, (std::vector<std::string>{"testsuites", "testsuite", "testcase", "failure", "testcase",
                                                "testcase"}));
  EXPECT_NE(xml.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(xml.find("&quot;q&quot; &apos;a&apos;"), std::string::npos);
  EXPECT_EQ(xml.find("]]>"), std::string::npos);
}

TEST(CheckJunit, RealToolTextIsWellFormed) {
  for (const char* file :
       {"/sarif/codeql/defectdojo_codeQL-output.sarif", "/sarif/cppcheck/defectdojo_cppcheck_many_vuln.sarif",
        "/sarif/fortify/sarif-sdk_Fortify_bannedAPIs_java.xml.sarif"}) {
    auto result = testing::ResultFromSarif(std::string(CANDOR_TEST_DATA) + file);
    ASSERT_FALSE(result.introduced.empty()) << file;
    std::string xml = RenderCheckJunit(result);
    EXPECT_EQ(WellFormed(xml), "") << file;
  }
}

TEST(CheckJunit, SameResultSameBytes) {
  auto result = testing::BlockedResult();
  std::string first = RenderCheckJunit(result);
  std::reverse(result.introduced.begin(), result.introduced.end());
  EXPECT_EQ(RenderCheckJunit(result), first);
}

}  // namespace
}  // namespace candor::report
