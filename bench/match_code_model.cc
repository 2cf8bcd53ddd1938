#include "match_code_model.h"

#include <fmt/format.h>

#include <array>

namespace candor::bench {
namespace {

constexpr std::array<MatchRule, 12> kRules{{
    {"python.lang.security.audit.eval-detected.eval-detected", Language::kPython, "warning",
     "Detected the use of eval()", "result = eval({v}.get(\"{k}\"))",
     "Detected the use of eval(). eval() can be dangerous if used to evaluate dynamic content.", false},
    {"python.lang.security.audit.formatted-sql-query.formatted-sql-query", Language::kPython, "error",
     "Formatted SQL query", "cursor.execute(\"SELECT * FROM {t} WHERE {k} = '%s'\" % {v})",
     "Detected possible formatted SQL query at line {line}. Use parameterized queries instead.", true},
    {"python.lang.security.audit.subprocess-shell-true.subprocess-shell-true", Language::kPython, "error",
     "subprocess with shell=True", "subprocess.call({v}, shell=True)",
     "Found 'subprocess' function 'call' with 'shell=True' on '{v}'. This is dangerous because this call "
     "will "
     "spawn the command using a shell process.",
     false},
    {"python.lang.security.deserialization.pickle.avoid-pickle", Language::kPython, "warning", "Avoid pickle",
     "{w} = pickle.loads({v})",
     "Avoid using `pickle`, which is known to lead to code execution vulnerabilities.", false},
    {"javascript.browser.security.insecure-document-method.insecure-document-method", Language::kTypeScript,
     "error", "innerHTML with user data", "{v}.innerHTML = {w};",
     "User controlled data in methods like `innerHTML` is an anti-pattern that can lead to XSS "
     "({path}:{line}).",
     false},
    {"javascript.lang.security.audit.detect-non-literal-regexp.detect-non-literal-regexp",
     Language::kTypeScript, "warning", "RegExp from a variable", "const {w} = new RegExp({v});",
     "RegExp() called with a `{v}` function argument, this might allow an attacker to cause a ReDoS.", false},
    {"javascript.express.security.audit.xss.direct-response-write.direct-response-write",
     Language::kTypeScript, "warning", "Direct response write", "res.send({v}.{k});",
     "Detected directly writing to a Response object from user-defined input (line {line}).", true},
    {"javascript.lang.security.detect-child-process.detect-child-process", Language::kTypeScript, "error",
     "child_process with user input", "exec(`{k} ${{v}}`, {w});",
     "Detected calls to child_process from a function argument `{v}`.", false},
    {"java.lang.security.audit.formatted-sql-string.formatted-sql-string", Language::kJava, "error",
     "Formatted SQL string",
     "ResultSet {w} = stmt.executeQuery(\"SELECT * FROM {t} WHERE {k}='\" + {v} + \"'\");",
     "Detected a formatted string in a SQL statement at line {line}. This could lead to SQL injection.",
     false},
    {"java.lang.security.audit.crypto.use-of-md5.use-of-md5", Language::kJava, "warning", "Use of MD5",
     "MessageDigest {v} = MessageDigest.getInstance(\"MD5\");",
     "Detected MD5 hash algorithm which is considered insecure. Use SHA256 or SHA3 instead.", false},
    {"java.lang.security.audit.xxe.documentbuilderfactory-disallow-doctype-decl-missing", Language::kJava,
     "error", "XXE in DocumentBuilderFactory",
     "DocumentBuilderFactory {v} = DocumentBuilderFactory.newInstance();",
     "DOCTYPE declarations are enabled for this DocumentBuilderFactory; this is vulnerable to XXE.", true},
    {"java.lang.security.audit.unsafe-reflection.unsafe-reflection", Language::kJava, "warning",
     "Unsafe reflection", "Class<?> {w} = Class.forName({v});",
     "If an attacker can supply values that the application uses to determine which class to instantiate or "
     "which method to invoke ('{v}' in {path}), it may be able to create unexpected behavior.",
     false},
}};

constexpr std::array<std::array<const char*, 10>, 3> kPlain{{
    {"{v} = {w}.get(\"{k}\")", "if {v} is None:", "return {v}", "for {v} in {w}:", "{v}.append({w})",
     "logger.info(\"{k}: %s\", {v})", "{v} = {w}({n})",
     "def {v}_{k}(self, {w}):", "raise ValueError(\"{k}\")", "{v}.{k} = {n}"},
    {"const {v} = {w}.{k};", "if (!{v}) {", "}", "return {v};", "{v}.push({w});", "await {w}({v}, {n});",
     "export function {v}({w}: string) {", "logger.debug('{k}', {v});", "let {v} = {n};", "{v}.{k} = {w};"},
    {"String {v} = {w}.get(\"{k}\");", "if ({v} == null) {", "}", "return {v};", "{v}.add({w});",
     "log.info(\"{k} {}\", {v});", "int {v} = {w}.size() + {n};", "public void {v}(Request {w}) {",
     "throw new IllegalStateException(\"{k}\");", "this.{v} = {w};"},
}};

constexpr std::array kIdentifiers{
    "user",  "order",  "item",   "req",     "payload", "data",  "name",   "cfg",      "account", "token",
    "query", "params", "body",   "input",   "result",  "entry", "record", "invoice",  "session", "path",
    "url",   "value",  "target", "handler", "cmd",     "args",  "buf",    "customer", "filter",  "options",
    "form",  "field",  "header", "cookie",  "doc",     "node",  "source", "report",   "batch",   "line"};
constexpr std::array kTables{"users",  "orders",   "items",    "accounts", "sessions",
                             "tokens", "invoices", "payments", "audit",    "customers"};
constexpr std::array kKeys{"id",     "name", "email", "status", "amount", "created", "owner", "kind",
                           "region", "sku",  "limit", "offset", "sort",   "role",    "mode",  "ref"};

uint64_t Mix(uint64_t x) {  // splitmix64
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

struct Words {
  std::string_view v, w, t, k;
  unsigned n;
};

Words WordsOf(uint64_t code) {
  uint64_t h = Mix(code);
  Words words{kIdentifiers[h % kIdentifiers.size()], kIdentifiers[(h >> 8) % kIdentifiers.size()],
              kTables[(h >> 16) % kTables.size()], kKeys[(h >> 24) % kKeys.size()],
              static_cast<unsigned>((h >> 32) % 1000)};
  if (words.w == words.v) words.w = "other";
  return words;
}

// Replaces {v} {w} {t} {k} {n} {line} {path}; any other brace is literal.
std::string Fill(std::string_view pattern, const Words& words, int line, std::string_view path) {
  std::string out;
  out.reserve(pattern.size() + 32);
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      std::string_view rest = pattern.substr(i);
      auto take = [&](std::string_view name, auto value) {
        if (!rest.starts_with(name)) return false;
        fmt::format_to(std::back_inserter(out), "{}", value);
        i += name.size() - 1;
        return true;
      };
      if (take("{v}", words.v) || take("{w}", words.w) || take("{t}", words.t) || take("{k}", words.k) ||
          take("{n}", words.n) || take("{line}", line) || take("{path}", path)) {
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

}  // namespace

std::span<const MatchRule> MatchRules() {
  return kRules;
}

const char* Extension(Language language) {
  switch (language) {
    case Language::kPython: return ".py";
    case Language::kTypeScript: return ".ts";
    case Language::kJava: return ".java";
  }
  return "";
}

std::string RenderCode(uint64_t code, Language language) {
  int rule = CodeRule(code);
  if (rule >= 0) return Fill(kRules[static_cast<size_t>(rule)].code, WordsOf(code), 0, "");
  const auto& plain = kPlain[static_cast<size_t>(language)];
  return Fill(plain[Mix(code ^ 0x5bd1e995u) % plain.size()], WordsOf(code), 0, "");
}

std::string RenderMessage(const MatchRule& rule, uint64_t code, int line, std::string_view path) {
  return Fill(rule.message, WordsOf(code), line, path);
}

}  // namespace candor::bench
