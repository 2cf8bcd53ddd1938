#include "match/identity.h"

#include <gtest/gtest.h>

#include "match/field_hash.h"

namespace candor::match {
namespace {

core::Finding SqlInjection(int line) {
  core::Finding f;
  f.tool = "semgrep";
  f.rule_id = "python.sqli";
  f.path = "app/db.py";
  f.region.start_line = line;
  f.message = "query built from input at line " + std::to_string(line);
  f.snippet = "cursor.execute(  \"SELECT \" + name)";
  return f;
}

// Stores keep identities across Candor versions: these values were computed
// by the version before identities were hashed in one call instead of
// streamed field by field, and must never change.
TEST(IdentityTest, IdentitiesAreTheSameAsEarlierVersionsStored) {
  IdentityAssigner assigner;
  EXPECT_EQ(assigner.Assign(SqlInjection(12)), "h:f7328e5b8c4409350b86a88b639599d4");
  EXPECT_EQ(assigner.Assign(SqlInjection(12)), "h:f7328e5b8c4409350b86a88b639599d4#1");
  auto long_message = SqlInjection(12);  // longer than FieldHash gathers: streamed
  long_message.message = std::string(3000, 'm');
  EXPECT_EQ(IdentityAssigner().Assign(long_message), "h:a3e56129a5c5d8f30cf7fc6d1c670226");
}

TEST(IdentityTest, GroupIsTheIdentityWithoutItsOccurrence) {
  IdentityAssigner counting;
  const IdentityAssigner grouping;
  for (int i = 0; i < 3; ++i) {
    std::string whole = counting.Assign(SqlInjection(12));
    EXPECT_EQ(grouping.AssignGroup(SqlInjection(12), FindingTexts::Of(SqlInjection(12))),
              WithoutOccurrence(whole))
        << whole;
  }
}

// A finding's identity buffer is reused from result to result. Grown from a
// capacity between its new length's half and the length itself, it once
// kept the old bytes after the hex (GCC 12's resize_and_overwrite passes the
// grown capacity): groups then depended on which results came before.
TEST(IdentityTest, AGroupIsTheSameInAReusedBufferOfAnyCapacity) {
  const IdentityAssigner grouping;
  const core::Finding finding = SqlInjection(12);
  const FindingTexts texts = FindingTexts::Of(finding);
  const std::string fresh = grouping.AssignGroup(finding, texts);
  ASSERT_EQ(fresh.size(), 34u);  // "h:" and 32 hex digits
  for (size_t capacity = 0; capacity <= 80; ++capacity) {
    std::string reused(capacity, 'x');
    grouping.AssignGroupInto(finding, texts, reused);
    EXPECT_EQ(reused, fresh) << "buffer of capacity " << capacity;
  }
  FieldHash hash;
  hash.Add("x");
  for (size_t capacity = 0; capacity <= 80; ++capacity) {
    std::string out(capacity, 'y');
    out.assign("pfp:");
    hash.AppendHex(out);
    EXPECT_EQ(out, "pfp:" + hash.Hex()) << "buffer of capacity " << capacity;
  }
}

// Texts refilled for one finding after another hold only the last one's:
// a shorter message or snippet leaves nothing of a longer one behind.
TEST(IdentityTest, RefilledTextsAreTheLastFindingsOnly) {
  std::vector<std::string> texts = {"", "   ", "line 42 of 7", "a  b\tc\n", "99 bottles", "x1y22z333"};
  std::string long_text;
  for (int i = 0; i < 400; ++i) long_text += "at line " + std::to_string(i * 37) + " \t ";
  texts.push_back(long_text);
  texts.push_back(std::string(255, 'a') + "12345" + std::string(600, ' ') + "b");
  FindingTexts refilled;
  for (const std::string& text : texts) {
    for (const std::string& before : {long_text, std::string("1")}) {
      core::Finding previous, finding;
      previous.message = previous.snippet = before;
      finding.message = finding.snippet = text;
      refilled.Refill(previous);
      refilled.Refill(finding);
      EXPECT_EQ(refilled.masked_message, MaskNumbers(text)) << text.substr(0, 40);
      EXPECT_EQ(refilled.bare_snippet, WithoutWhitespace(text)) << text.substr(0, 40);
    }
  }
}

// The message's key is the normalised message's hash, whether or not the
// message quotes its own file (the two ways it is computed).
TEST(IdentityTest, NormalizedMessageKeyIsTheNormalizedMessagesHash) {
  core::Finding f;
  f.path = "src/app/db_7.py";
  for (const char* message : {"SQL built at line 12", "db_7.py:12 builds SQL", "see src/app/db_7.py line 3",
                              "", "no digits here", "db_7.py"}) {
    f.message = message;
    EXPECT_EQ(NormalizedMessageKey(f, FindingTexts::Of(f)), FieldHash().Add(NormalizedMessage(f)).Key())
        << message;
  }
  f.message = "db_7.py:12 builds SQL";
  core::Finding renamed = f;
  renamed.path = "src/app/db_8.py";
  renamed.message = "db_8.py:14 builds SQL";
  EXPECT_EQ(NormalizedMessageKey(f, FindingTexts::Of(f)),
            NormalizedMessageKey(renamed, FindingTexts::Of(renamed)));
}

// Every quote of the path or the file name is replaced, the path where both
// start at one place; numbers are masked after.
TEST(IdentityTest, NormalizedMessageReplacesEveryQuoteOfThePathAndTheFile) {
  core::Finding f;
  f.path = "src/app/db_7.py";
  f.message = "src/app/db_7.py: db_7.py opens db_7.py.bak (see src/app/db_7.py:12)";
  EXPECT_EQ(NormalizedMessage(f), "<path>: <file> opens <file>.bak (see <path>:#)");
  f.message = "db_7.pydb_7.py";
  EXPECT_EQ(NormalizedMessage(f), "<file><file>");
  f.message = "nothing about it, line 4";
  EXPECT_EQ(NormalizedMessage(f), "nothing about it, line #");
  f.path = "db_7.py";  // the path is the file name
  f.message = "in db_7.py";
  EXPECT_EQ(NormalizedMessage(f), "in <path>");
}

TEST(IdentityTest, MovingCodeKeepsIdentity) {
  IdentityAssigner before, after;
  auto moved = SqlInjection(80);
  moved.snippet = "cursor.execute(\"SELECT \"+name)";  // reformatted only
  EXPECT_EQ(before.Assign(SqlInjection(12)), after.Assign(moved));
}

TEST(IdentityTest, DifferentRuleOrFileIsDifferent) {
  IdentityAssigner a, b, c;
  auto other_rule = SqlInjection(12);
  other_rule.rule_id = "python.xss";
  auto other_file = SqlInjection(12);
  other_file.path = "app/api.py";
  std::string base = a.Assign(SqlInjection(12));
  EXPECT_NE(base, b.Assign(other_rule));
  EXPECT_NE(base, c.Assign(other_file));
}

TEST(IdentityTest, DuplicatesInOneRunGetOccurrenceIndex) {
  IdentityAssigner run;
  std::string first = run.Assign(SqlInjection(10));
  std::string second = run.Assign(SqlInjection(30));
  EXPECT_NE(first, second);
  EXPECT_EQ(second, first + "#1");
}

TEST(IdentityTest, ToolFingerprintsWinAndIgnoreEverythingElse) {
  IdentityAssigner a, b;
  auto one = SqlInjection(1);
  one.fingerprints = {{"gitleaks", "abc:def:1"}};
  auto two = SqlInjection(99);
  two.path = "renamed.py";
  two.fingerprints = {{"gitleaks", "abc:def:1"}};
  std::string id = a.Assign(one);
  EXPECT_TRUE(id.starts_with("fp:"));
  EXPECT_EQ(id, b.Assign(two));
}

TEST(IdentityTest, PartialFingerprintsAreOrderIndependent) {
  IdentityAssigner a, b;
  auto one = SqlInjection(1);
  one.partial_fingerprints = {{"primaryLocationLineHash", "39fa2ee980eb94b0:1"}, {"x", "y"}};
  auto two = SqlInjection(5);
  two.partial_fingerprints = {{"x", "y"}, {"primaryLocationLineHash", "39fa2ee980eb94b0:1"}};
  std::string id = a.Assign(one);
  EXPECT_TRUE(id.starts_with("pfp:"));
  EXPECT_EQ(id, b.Assign(two));
}

TEST(IdentityTest, WithoutOccurrenceDropsOnlyATrailingHashAndDigits) {
  EXPECT_EQ(WithoutOccurrence("h:ab12#2"), "h:ab12");
  EXPECT_EQ(WithoutOccurrence("h:ab12#123"), "h:ab12");
  EXPECT_EQ(WithoutOccurrence("h:ab12"), "h:ab12");
  EXPECT_EQ(WithoutOccurrence("h:ab12#"), "h:ab12#");
  EXPECT_EQ(WithoutOccurrence("h:ab#12x"), "h:ab#12x");
  EXPECT_EQ(WithoutOccurrence("a#1#2"), "a#1");
  EXPECT_EQ(WithoutOccurrence("#7"), "");
  EXPECT_EQ(WithoutOccurrence("1234"), "1234");
  EXPECT_EQ(WithoutOccurrence(""), "");
}

TEST(IdentityTest, MaskNumbersCollapsesDigitRuns) {
  EXPECT_EQ(MaskNumbers("line 42 of 7, v1.2"), "line # of #, v#.#");
  EXPECT_EQ(MaskNumbers(""), "");
  EXPECT_EQ(MaskNumbers("7"), "#");
  EXPECT_EQ(MaskNumbers("12345"), "#");
  EXPECT_EQ(MaskNumbers("1a22b333"), "#a#b#");
  EXPECT_EQ(MaskNumbers("no digits at all"), "no digits at all");
  EXPECT_EQ(MaskNumbers("ends with 99"), "ends with #");
  EXPECT_EQ(MaskNumbers(std::string("a\0"
                                    "5b",
                                    4)),
            std::string("a\0"
                        "#b",
                        4));
}

// Masking looks at eight bytes at a time: a digit at every place in a word,
// next to every other byte value ('/' and ':' border the digits; bytes of
// 0x80 and up must not be taken for them), gives what a byte-by-byte
// reading gives.
TEST(IdentityTest, MaskNumbersFindsADigitNextToAnyByteAtAnyPlace) {
  auto byte_by_byte = [](std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
      const bool digit = text[i] >= '0' && text[i] <= '9';
      if (!digit) {
        out += text[i];
      } else if (i == 0 || text[i - 1] < '0' || text[i - 1] > '9') {
        out += '#';
      }
    }
    return out;
  };
  for (int byte = 0; byte < 256; ++byte) {
    for (size_t at = 0; at < 20; ++at) {
      std::string text(21, static_cast<char>(byte));
      text[at] = '7';
      EXPECT_EQ(MaskNumbers(text), byte_by_byte(text)) << "byte " << byte << " digit at " << at;
      std::string no_digit(at + 1, static_cast<char>(byte));
      EXPECT_EQ(MaskNumbers(no_digit), byte_by_byte(no_digit)) << "byte " << byte << " length " << at + 1;
    }
  }
}

TEST(IdentityTest, WithoutWhitespaceDropsOnlyAsciiWhitespace) {
  EXPECT_EQ(WithoutWhitespace(" a\tb\nc\rd\fe\vf g "), "abcdefg");
  std::string every_byte;
  for (int byte = 0; byte < 256; ++byte) every_byte += static_cast<char>(byte);
  const std::string kept = WithoutWhitespace(every_byte);
  EXPECT_EQ(kept.size(), 250U);  // all but the six of IsAsciiSpace
  for (char c : std::string_view(" \t\n\r\f\v")) EXPECT_EQ(kept.find(c), std::string::npos);
}

}  // namespace
}  // namespace candor::match
