#include "lua/lua_sandbox.h"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <string>
#include <vector>

namespace candor::lua {
namespace {

using core::ErrorCode;

// Compiles and evaluates `expression` with a small `finding` table.
core::Result<bool> Eval(std::string_view expression, const LuaLimits& limits = {}) {
  auto sandbox = LuaSandbox::Compile(expression, limits);
  if (!sandbox) return std::unexpected(sandbox.error());
  static const std::vector<int> cwes = {79, 89};
  static const std::vector<std::string> advisories = {"CVE-2021-44228"};
  const std::array<LuaField, 5> fields{{{"severity", std::string_view("high")},
                                        {"severity_rank", int64_t{3}},
                                        {"cwes", std::span<const int>(cwes)},
                                        {"advisories", std::span<const std::string>(advisories)},
                                        {"suppressed", false}}};
  return sandbox->Evaluate("finding", fields);
}

// The expression must fail with `code`, and its message must contain `text`.
void ExpectError(std::string_view expression, ErrorCode code, std::string_view text,
                 const LuaLimits& limits = {}) {
  auto result = Eval(expression, limits);
  ASSERT_FALSE(result) << expression << " returned " << *result;
  EXPECT_EQ(result.error().code, code) << expression << ": " << result.error().message;
  EXPECT_NE(result.error().message.find(text), std::string::npos)
      << expression << ": " << result.error().message;
}

TEST(LuaSandboxTest, ReadsTheTableAndUsesLuaTruthiness) {
  EXPECT_TRUE(*Eval("finding.severity == 'high'"));
  EXPECT_TRUE(*Eval("finding.severity_rank >= 3 and #finding.cwes == 2 and finding.cwes[2] == 89"));
  EXPECT_TRUE(*Eval("finding.advisories[1]:find('^CVE%-') ~= nil"));
  EXPECT_FALSE(*Eval("finding.suppressed"));
  EXPECT_FALSE(*Eval("nil"));
  EXPECT_FALSE(*Eval("finding.no_such_field"));
  EXPECT_TRUE(*Eval("0"));   // unlike C, 0 is true in Lua
  EXPECT_TRUE(*Eval("''"));  // and so is the empty string
  EXPECT_TRUE(*Eval("finding.severity == 'high' -- a trailing comment"));
  EXPECT_TRUE(*Eval("string.format('%d', 7) == '7' and math.max(1, 2) == 2 and utf8.len('\xC3\xA9') == 1"));
  EXPECT_TRUE(*Eval("table.concat({'a', 'b'}, ',') == 'a,b' and select('#', table.unpack({1, 2})) == 2"));
}

TEST(LuaSandboxTest, CompileErrorsCarryLuasMessage) {
  auto sandbox = LuaSandbox::Compile("finding.severity ==");
  ASSERT_FALSE(sandbox);
  EXPECT_EQ(sandbox.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(sandbox.error().message.find("lua:"), std::string::npos) << sandbox.error().message;
  EXPECT_FALSE(LuaSandbox::Compile("x = 1"));    // a statement, not an expression
  EXPECT_FALSE(LuaSandbox::Compile("1) (2"));    // cannot close the wrapper early to sneak statements in...
  EXPECT_FALSE(LuaSandbox::Compile("\x1bLua"));  // ...and binary chunks are refused
}

TEST(LuaSandboxTest, RuntimeErrorsAreInvalidInputAndTheStateStaysUsable) {
  auto sandbox = LuaSandbox::Compile("finding.x.y");
  ASSERT_TRUE(sandbox);
  auto result = sandbox->Evaluate("finding", {});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(result.error().message.find("attempt to index"), std::string::npos) << result.error().message;
  ExpectError("error({})", ErrorCode::kInvalidInput, "not a string");
  // A long message with control characters comes back short and printable.
  auto noisy = Eval("error('\\27[31m' .. string.rep('x', 10000))");
  ASSERT_FALSE(noisy);
  EXPECT_LT(noisy.error().message.size(), 500u);
  EXPECT_EQ(noisy.error().message.find('\x1b'), std::string::npos);
}

TEST(LuaSandboxTest, NoIoOsLoadRequireOrDebug) {
  for (const char* escape :
       {"os.execute('true')", "io.open('/etc/passwd')", "load('return 1')()", "loadstring('return 1')()",
        "dofile('/etc/passwd')", "loadfile('/etc/passwd')", "require('os')", "debug.getregistry()",
        "package.loadlib('libc.so.6', 'system')", "collectgarbage('count')", "print('x')",
        "setmetatable({}, {})", "coroutine.create(print)", "string.dump(function() end)",
        "table.move({}, 1, 2, 3)", "table.sort({2, 1})", "warn('x')"}) {
    ExpectError(escape, ErrorCode::kInvalidInput, "attempt to", {});
  }
}

TEST(LuaSandboxTest, StringMetatableIsHiddenAndPerSandbox) {
  EXPECT_TRUE(*Eval("getmetatable('') == false"));
  ExpectError("getmetatable('').__index.rep", ErrorCode::kInvalidInput, "attempt to index");
  // Changing the string library is the expression's own business: another
  // sandbox (another guardrail) still has the original.
  auto first = LuaSandbox::Compile("(function() string.lower = function() return 'pwned' end end)() or true");
  ASSERT_TRUE(first);
  EXPECT_TRUE(*first->Evaluate("finding", {}));
  EXPECT_TRUE(*Eval("string.lower('A') == 'a' and ('A'):lower() == 'a'"));
}

TEST(LuaSandboxTest, InstructionLimitStopsLoopsEvenUnderPcall) {
  ExpectError("(function() while true do end end)()", ErrorCode::kLimitExceeded, "instructions");
  ExpectError("(function() while true do pcall(function() while true do end end) end end)()",
              ErrorCode::kLimitExceeded, "instructions");
  ExpectError("(function() local function f() return pcall(f) end while true do f() end end)()",
              ErrorCode::kLimitExceeded, "instructions");
  LuaLimits small;
  small.instructions = 1000;
  ExpectError("(function() for i = 1, 2000 do end end)()", ErrorCode::kLimitExceeded, "1000 instructions",
              small);
  EXPECT_TRUE(*Eval("(function() for i = 1, 100 do end return true end)()", small));
}

TEST(LuaSandboxTest, MemoryLimitStopsAllocation) {
  ExpectError("string.rep('x', 1e9)", ErrorCode::kLimitExceeded, "memory");
  ExpectError("(function() local t = {} for i = 1, 1e7 do t[i] = i end end)()", ErrorCode::kLimitExceeded,
              "");
  ExpectError("(function() local s = 'x' while true do s = s .. s end end)()", ErrorCode::kLimitExceeded,
              "memory");
  // Caught inside, a memory error is just a failed pcall.
  EXPECT_TRUE(*Eval("not pcall(string.rep, 'x', 1e9)"));
}

TEST(LuaSandboxTest, TimeLimitCatchesExpensiveInstructions) {
  LuaLimits limits;
  limits.time = std::chrono::milliseconds(50);
  // Each comparison is one instruction over 4 MB: the count alone would allow minutes.
  auto start = std::chrono::steady_clock::now();
  ExpectError(
      "(function() local s = string.rep('x', 4e6) local n = 0 for i = 1, 1e5 do n = n + (s < s and 1 or 0) "
      "end end)()",
      ErrorCode::kLimitExceeded, "time limit", limits);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(LuaSandboxTest, CLoopsThatIgnoreTheHookAreGuarded) {
  // An empty string repeated 2^62 times loops in C without allocating.
  EXPECT_TRUE(*Eval("string.rep('', 1 << 62) == '' and string.rep('', 1 << 62, '') == ''"));
  EXPECT_TRUE(*Eval("string.rep('ab', 3, ',') == 'ab,ab,ab'"));
  // Backtracking patterns whose worst case is astronomical are refused...
  ExpectError("string.rep('a', 1e5):find('.-.-.-.-x')", ErrorCode::kInvalidInput, "too costly");
  ExpectError("string.rep('a', 1e6):find(string.rep('a', 1e4) .. 'b', 1, true)", ErrorCode::kInvalidInput,
              "too costly");
  // ...everyday ones run.
  EXPECT_TRUE(*Eval("('src/app/main.py'):match('^src/.*%.py$') ~= nil"));
  EXPECT_TRUE(*Eval("('python.lang.security.audit'):find('security', 1, true) ~= nil"));
  EXPECT_TRUE(*Eval("select(2, ('a-b-c'):gsub('-', '+')) == 2"));
  EXPECT_TRUE(
      *Eval("(function() local n = 0 for w in ('a b c'):gmatch('%a') do n = n + 1 end return n == 3 end)()"));
  EXPECT_TRUE(*Eval("('(x)'):find('%b()') == 1 and ('THE (quick) fox'):find('%f[%a]%a+') == 1"));
}

TEST(LuaSandboxTest, EachEvaluationGetsAFreshTableAndBudget) {
  auto sandbox = LuaSandbox::Compile(
      "(function() finding.rank = (finding.rank or 0) + 1 return finding.rank end)() "
      "== 1 and (function() for i = 1, 600000 do end return true end)()");
  ASSERT_TRUE(sandbox);
  for (int i = 0; i < 3; ++i) {
    auto result = sandbox->Evaluate("finding", {});
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_TRUE(*result);
  }
}

}  // namespace
}  // namespace candor::lua
