#include "lua/lua_sandbox.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>

extern "C" {
#include <lua5.4/lauxlib.h>
#include <lua5.4/lua.h>
#include <lua5.4/lualib.h>
}

// Lua reports errors with longjmp. Every call into Lua that can raise runs
// under lua_pcall, and the C functions Lua calls back (the hook, the guards,
// the protected bodies below) hold only trivially destructible locals, so a
// longjmp never skips a C++ destructor.

namespace candor::lua {

struct LuaSandbox::State {
  LuaLimits limits;
  size_t used = 0;  // bytes the allocator has handed out and not taken back
  enum class Stop { kNone, kInstructions, kTime } stop = Stop::kNone;
  int64_t instructions_left = 0;
  std::chrono::steady_clock::time_point deadline;
  lua_State* lua = nullptr;

  ~State() {
    if (lua != nullptr) lua_close(lua);
  }
};

namespace {

using State = LuaSandbox::State;

constexpr int kHookEvery = 100;  // instructions between limit checks
constexpr const char* kChunkKey = "candor.expression";
constexpr size_t kMaxMessage = 400;

State* StateOf(lua_State* lua) {
  void* state = nullptr;
  lua_getallocf(lua, &state);
  return static_cast<State*>(state);
}

// lua_Alloc with a budget. Growth past the limit fails, which Lua turns into
// a "not enough memory" error; shrinking never fails, as Lua requires.
void* Allocate(void* ud, void* ptr, size_t old_size, size_t new_size) {
  auto* state = static_cast<State*>(ud);
  const size_t old_bytes = ptr != nullptr ? old_size : 0;  // for a new block old_size is a type tag
  if (new_size == 0) {
    std::free(ptr);
    state->used -= old_bytes;
    return nullptr;
  }
  if (new_size > old_bytes && new_size - old_bytes > state->limits.memory_bytes - state->used) return nullptr;
  void* block = std::realloc(ptr, new_size);
  if (block == nullptr) return nullptr;
  state->used = state->used - old_bytes + new_size;
  return block;
}

// Runs every kHookEvery instructions and at every function call. Once a limit
// is hit it fires at every instruction, so a pcall inside the expression that
// swallows the error cannot keep it running.
void Hook(lua_State* lua, lua_Debug* event) {
  State* state = StateOf(lua);
  if (event->event == LUA_HOOKCOUNT) state->instructions_left -= kHookEvery;
  if (state->stop == State::Stop::kNone) {
    if (state->instructions_left <= 0) {
      state->stop = State::Stop::kInstructions;
    } else if (std::chrono::steady_clock::now() > state->deadline) {
      state->stop = State::Stop::kTime;
    }
  }
  if (state->stop == State::Stop::kNone) return;
  lua_sethook(lua, Hook, LUA_MASKCOUNT | LUA_MASKCALL, 1);
  luaL_error(lua, "sandbox limit exceeded");
}

enum PatternFunction : lua_Integer { kFind, kMatch, kGmatch, kGsub };

// The index just past a [set] starting at `i`, following lstrlib's classEnd:
// a ']' right after '[' or '[^' belongs to the set.
size_t SkipSet(std::string_view p, size_t i) {
  ++i;
  if (i < p.size() && p[i] == '^') ++i;
  do {
    if (i >= p.size()) return p.size();
    if (p[i++] == '%' && i < p.size()) ++i;
  } while (i < p.size() && p[i] != ']');
  return std::min(i + 1, p.size());
}

// An upper bound on the steps lstrlib's backtracking matcher takes for
// pattern `p` on a subject of `n` bytes: every start position, times the
// choices of each '*', '+', '-' (n + 1), '?' (2), %b and back-reference
// (n + 1). A literal search costs the subject times the pattern length.
double PatternSteps(std::string_view p, size_t n, bool plain, bool anchorable) {
  const double positions = static_cast<double>(n) + 1;
  const double literal = static_cast<double>(p.size()) + 1;
  if (plain) return positions * literal;
  size_t i = 0;
  bool anchored = false;
  if (anchorable && !p.empty() && p[0] == '^') {
    anchored = true;
    i = 1;
  }
  double product = 1;
  while (i < p.size()) {
    const char c = p[i];
    if (c == '(' || c == ')') {
      ++i;
      continue;
    }
    if (c == '%' && i + 1 < p.size()) {
      const char escaped = p[i + 1];
      if (escaped == 'b' || (escaped >= '0' && escaped <= '9')) {
        product *= positions;
        i += escaped == 'b' ? 4 : 2;
        continue;
      }
      if (escaped == 'f') {
        i += 2;
        if (i < p.size() && p[i] == '[') i = SkipSet(p, i);
        continue;
      }
      i += 2;
    } else if (c == '[') {
      i = SkipSet(p, i);
    } else {
      ++i;
    }
    if (i < p.size()) {
      const char q = p[i];
      if (q == '*' || q == '+' || q == '-') {
        product *= positions;
        ++i;
      } else if (q == '?') {
        product *= 2;
        ++i;
      }
    }
  }
  return (anchored ? 1.0 : positions) * std::max(literal, product);
}

// Upvalues: the original string function, and which one it is.
int GuardedPattern(lua_State* lua) {
  size_t subject_size = 0;
  size_t pattern_size = 0;
  luaL_checklstring(lua, 1, &subject_size);
  const char* pattern = luaL_checklstring(lua, 2, &pattern_size);
  const lua_Integer function = lua_tointeger(lua, lua_upvalueindex(2));
  const bool plain = function == kFind && lua_toboolean(lua, 4);
  const double steps =
      PatternSteps(std::string_view(pattern, pattern_size), subject_size, plain, function != kGmatch);
  if (steps > StateOf(lua)->limits.pattern_steps) {
    // lua_pushfstring knows no %e; a plain buffer keeps this frame trivial.
    char message[256];
    std::snprintf(
        message, sizeof message,
        "pattern is too costly for a %zu-byte subject (worst case %.0e steps, the sandbox allows %.0e): "
        "use fewer '*', '+' and '-', an anchor '^', or a plain find",
        subject_size, steps, StateOf(lua)->limits.pattern_steps);
    return luaL_error(lua, "%s", message);
  }
  const int arguments = lua_gettop(lua);
  lua_pushvalue(lua, lua_upvalueindex(1));
  lua_insert(lua, 1);
  lua_call(lua, arguments, LUA_MULTRET);
  return lua_gettop(lua);
}

// string.rep loops once per repetition even when every copy is empty.
int GuardedRep(lua_State* lua) {
  size_t size = 0;
  size_t separator_size = 0;
  luaL_checklstring(lua, 1, &size);
  const lua_Integer count = luaL_checkinteger(lua, 2);
  luaL_optlstring(lua, 3, "", &separator_size);
  if (count <= 0 || (size == 0 && separator_size == 0)) {
    lua_pushliteral(lua, "");
    return 1;
  }
  const int arguments = lua_gettop(lua);
  lua_pushvalue(lua, lua_upvalueindex(1));
  lua_insert(lua, 1);
  lua_call(lua, arguments, 1);
  return 1;
}

void RemoveField(lua_State* lua, const char* table, const char* name) {
  lua_getglobal(lua, table);
  lua_pushnil(lua);
  lua_setfield(lua, -2, name);
  lua_pop(lua, 1);
}

// Opens the allowed libraries and takes out what the sandbox does not allow.
int OpenSandbox(lua_State* lua) {
  const luaL_Reg libraries[] = {{LUA_GNAME, luaopen_base},
                                {LUA_STRLIBNAME, luaopen_string},
                                {LUA_TABLIBNAME, luaopen_table},
                                {LUA_MATHLIBNAME, luaopen_math},
                                {LUA_UTF8LIBNAME, luaopen_utf8}};
  for (const luaL_Reg& library : libraries) {
    luaL_requiref(lua, library.name, library.func, 1);
    lua_pop(lua, 1);
  }
  for (const char* name :
       {"collectgarbage", "dofile", "load", "loadfile", "print", "require", "setmetatable", "warn"}) {
    lua_pushnil(lua);
    lua_setglobal(lua, name);
  }
  RemoveField(lua, LUA_STRLIBNAME, "dump");
  RemoveField(lua, LUA_TABLIBNAME, "move");
  RemoveField(lua, LUA_TABLIBNAME, "sort");

  lua_getglobal(lua, LUA_STRLIBNAME);
  const struct {
    const char* name;
    lua_Integer function;
  } patterns[] = {{"find", kFind}, {"match", kMatch}, {"gmatch", kGmatch}, {"gsub", kGsub}};
  for (const auto& pattern : patterns) {
    lua_getfield(lua, -1, pattern.name);
    lua_pushinteger(lua, pattern.function);
    lua_pushcclosure(lua, GuardedPattern, 2);
    lua_setfield(lua, -2, pattern.name);
  }
  lua_getfield(lua, -1, "rep");
  lua_pushcclosure(lua, GuardedRep, 1);
  lua_setfield(lua, -2, "rep");
  lua_pop(lua, 1);

  // getmetatable("") returns false instead of the table behind s:find().
  lua_pushliteral(lua, "");
  lua_getmetatable(lua, -1);
  lua_pushboolean(lua, 0);
  lua_setfield(lua, -2, "__metatable");
  lua_pop(lua, 2);
  return 0;
}

struct CompileJob {
  std::string_view bare;  // "return <expression>": fails unless the text is whole expressions
  std::string_view code;  // "return (<expression>)": what runs, one value
  int status = LUA_OK;
};

int CompileChunk(lua_State* lua) {
  auto* job = static_cast<CompileJob*>(lua_touserdata(lua, 1));
  // Alone, the parenthesised form would also take "a) (b" and call a with b.
  job->status = luaL_loadbufferx(lua, job->bare.data(), job->bare.size(), "=lua", "t");
  if (job->status != LUA_OK) return lua_error(lua);
  lua_pop(lua, 1);
  job->status = luaL_loadbufferx(lua, job->code.data(), job->code.size(), "=lua", "t");
  if (job->status != LUA_OK) return lua_error(lua);
  lua_setfield(lua, LUA_REGISTRYINDEX, kChunkKey);
  return 0;
}

struct EvaluateJob {
  const char* table_name;
  std::span<const LuaField> fields;
  bool result = false;
};

void PushValue(lua_State* lua, const LuaValue& value) {
  if (const bool* flag = std::get_if<bool>(&value)) {
    lua_pushboolean(lua, *flag ? 1 : 0);
  } else if (const int64_t* number = std::get_if<int64_t>(&value)) {
    lua_pushinteger(lua, static_cast<lua_Integer>(*number));
  } else if (const std::string_view* text = std::get_if<std::string_view>(&value)) {
    lua_pushlstring(lua, text->data(), text->size());
  } else if (const auto* numbers = std::get_if<std::span<const int>>(&value)) {
    lua_createtable(lua, static_cast<int>(numbers->size()), 0);
    for (size_t i = 0; i < numbers->size(); ++i) {
      lua_pushinteger(lua, (*numbers)[i]);
      lua_rawseti(lua, -2, static_cast<lua_Integer>(i + 1));
    }
  } else if (const auto* texts = std::get_if<std::span<const std::string>>(&value)) {
    lua_createtable(lua, static_cast<int>(texts->size()), 0);
    for (size_t i = 0; i < texts->size(); ++i) {
      lua_pushlstring(lua, (*texts)[i].data(), (*texts)[i].size());
      lua_rawseti(lua, -2, static_cast<lua_Integer>(i + 1));
    }
  }
}

int RunExpression(lua_State* lua) {
  auto* job = static_cast<EvaluateJob*>(lua_touserdata(lua, 1));
  lua_createtable(lua, 0, static_cast<int>(job->fields.size()));
  for (const LuaField& field : job->fields) {
    PushValue(lua, field.value);
    lua_setfield(lua, -2, field.name);
  }
  lua_setglobal(lua, job->table_name);
  lua_getfield(lua, LUA_REGISTRYINDEX, kChunkKey);
  lua_call(lua, 0, 1);
  job->result = lua_toboolean(lua, -1) != 0;
  return 0;
}

// The error value on top of the stack as one printable line. Only strings
// are read: converting anything else could run Lua outside a protected call.
std::string ErrorMessage(lua_State* lua) {
  if (lua_type(lua, -1) != LUA_TSTRING) return "a Lua error whose value is not a string";
  size_t size = 0;
  const char* text = lua_tolstring(lua, -1, &size);
  std::string message(text, std::min(size, kMaxMessage));
  for (char& c : message) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  if (size > kMaxMessage) message += "...";
  return message;
}

std::optional<core::Error> LimitError(const State& state, int status) {
  switch (state.stop) {
    case State::Stop::kInstructions:
      return core::Error{
          core::ErrorCode::kLimitExceeded,
          fmt::format("the Lua condition ran over the limit of {} instructions", state.limits.instructions)};
    case State::Stop::kTime:
      return core::Error{
          core::ErrorCode::kLimitExceeded,
          fmt::format("the Lua condition ran over the time limit of {} ms", state.limits.time.count())};
    case State::Stop::kNone: break;
  }
  if (status == LUA_ERRMEM) {
    return core::Error{
        core::ErrorCode::kLimitExceeded,
        fmt::format("the Lua condition ran over the memory limit of {} bytes", state.limits.memory_bytes)};
  }
  return std::nullopt;
}

}  // namespace

LuaSandbox::LuaSandbox(std::unique_ptr<State> state) : state_(std::move(state)) {}
LuaSandbox::LuaSandbox(LuaSandbox&&) noexcept = default;
LuaSandbox& LuaSandbox::operator=(LuaSandbox&&) noexcept = default;
LuaSandbox::~LuaSandbox() = default;

core::Result<LuaSandbox> LuaSandbox::Compile(std::string_view expression, const LuaLimits& limits) {
  auto state = std::make_unique<State>();
  state->limits = limits;
  state->lua = lua_newstate(Allocate, state.get());
  if (state->lua == nullptr) {
    return core::Fail(core::ErrorCode::kLimitExceeded, "the Lua sandbox does not fit its memory limit");
  }
  lua_State* lua = state->lua;
  lua_pushcfunction(lua, OpenSandbox);
  if (int status = lua_pcall(lua, 0, 0, 0); status != LUA_OK) {
    return core::Fail(status == LUA_ERRMEM ? core::ErrorCode::kLimitExceeded : core::ErrorCode::kInternal,
                      "cannot set up the Lua sandbox: " + ErrorMessage(lua));
  }
  // A newline ends a trailing "-- comment"; only then, as Lua would blame
  // run-time errors on the line of the closing parenthesis.
  const std::string_view end = expression.find("--") != std::string_view::npos ? "\n" : "";
  std::string bare = fmt::format("return {}{}", expression, end);
  std::string code = fmt::format("return ({}{})", expression, end);
  CompileJob job{bare, code};
  lua_pushcfunction(lua, CompileChunk);
  lua_pushlightuserdata(lua, &job);
  if (int status = lua_pcall(lua, 1, 0, 0); status != LUA_OK) {
    std::string message = ErrorMessage(lua);
    lua_settop(lua, 0);
    if (status == LUA_ERRMEM || job.status == LUA_ERRMEM) {
      return core::Fail(core::ErrorCode::kLimitExceeded, "compiling the Lua condition ran out of memory");
    }
    return core::Fail(core::ErrorCode::kInvalidInput, message);
  }
  return LuaSandbox(std::move(state));
}

core::Result<bool> LuaSandbox::Evaluate(const char* table_name, std::span<const LuaField> fields) {
  State& state = *state_;
  lua_State* lua = state.lua;
  state.stop = State::Stop::kNone;
  state.instructions_left = state.limits.instructions;
  state.deadline = std::chrono::steady_clock::now() + state.limits.time;
  lua_sethook(lua, Hook, LUA_MASKCOUNT | LUA_MASKCALL, kHookEvery);  // also restarts the count

  EvaluateJob job{table_name, fields};
  lua_pushcfunction(lua, RunExpression);
  lua_pushlightuserdata(lua, &job);
  const int status = lua_pcall(lua, 1, 0, 0);
  std::optional<core::Error> limit = LimitError(state, status);
  std::string message = status != LUA_OK ? ErrorMessage(lua) : std::string();
  lua_settop(lua, 0);
  if (limit) return std::unexpected(std::move(*limit));
  if (status != LUA_OK) return core::Fail(core::ErrorCode::kInvalidInput, std::move(message));
  return job.result;
}

}  // namespace candor::lua
