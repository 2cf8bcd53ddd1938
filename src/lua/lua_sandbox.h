#pragma once
// A sandboxed Lua 5.4 state holding one compiled expression: the engine behind
// a guardrail's `lua:` condition (docs/policy.md, "Lua conditions") and a
// custom threat rule's condition. The only
// file that includes lua.h is lua_sandbox.cc.
//
// What the expression can reach: the base library without collectgarbage,
// dofile, load, loadfile, print, setmetatable and warn; string without dump
// (its pattern functions and rep are guarded, see below); table without move
// and sort; math; utf8. No io, os, package, debug or coroutine.
//
// Why those go: load and friends run code the policy did not show, print and
// warn write into Candor's own output, and setmetatable, table.move and
// table.sort are ways to make one C function loop for as long as its
// arguments say without returning to the interpreter, where the limits are
// checked. Each sandbox is its own Lua state, so what one expression changes
// (a global, string.lower) cannot reach another guardrail's expression; the
// string metatable is hidden (getmetatable("") is false) for good measure.
//
// Limits, per evaluation: VM instructions and wall-clock time (checked by a
// hook every few instructions and on every function call, C functions
// included), and memory for the whole state through its allocator. Lua's
// patterns backtrack, and one call runs in C where the hook cannot stop it:
// string.find/match/gmatch/gsub refuse a call whose worst case on its subject
// exceeds `pattern_steps`. string.rep of an empty result returns at once.
//
// Not thread-safe: one sandbox belongs to one thread at a time.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "core/error.h"

namespace candor::lua {

struct LuaLimits {
  size_t memory_bytes = size_t{16} << 20;  // the whole state, libraries included
  int64_t instructions = 1'000'000;        // VM instructions per evaluation
  std::chrono::milliseconds time{1000};    // wall clock per evaluation
  double pattern_steps = 1e9;              // worst-case steps of one pattern call
};

// A value the expression sees as one field of its input table: a boolean, an
// integer, a string, or an array of integers or strings.
using LuaValue =
    std::variant<bool, int64_t, std::string_view, std::span<const int>, std::span<const std::string>>;

struct LuaField {
  const char* name;  // a string literal in practice
  LuaValue value;
};

class LuaSandbox {
 public:
  // A fresh sandboxed state with `expression` compiled as `return (<expression>)`.
  // kInvalidInput with Lua's message ("lua:1: unexpected symbol near 'x'")
  // when it does not compile; kLimitExceeded when the state does not fit the
  // memory limit.
  static core::Result<LuaSandbox> Compile(std::string_view expression, const LuaLimits& limits = {});

  LuaSandbox(LuaSandbox&&) noexcept;
  LuaSandbox& operator=(LuaSandbox&&) noexcept;
  ~LuaSandbox();

  // Binds the global `table_name` to a fresh table of `fields`, runs the
  // expression and returns Lua's truthiness of its value (nil and false are
  // false, everything else true). A Lua error is kInvalidInput with Lua's
  // message; a limit is kLimitExceeded naming it. The state stays usable
  // after either.
  core::Result<bool> Evaluate(const char* table_name, std::span<const LuaField> fields);

  struct State;  // defined in lua_sandbox.cc, where Lua's callbacks reach it

 private:
  explicit LuaSandbox(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace candor::lua
