#pragma once
// The words and phrases the language rules (blame_rules.cc) look for, kept
// apart from the logic so the lists can grow with the corpus. All lower case;
// a phrase is words separated by single spaces. Measured against
// tests/data/postmortem-corpus/.

#include <string_view>

namespace candor::incidents::lexicon {

// "should have", "failed to", ...; needs_person: about systems the phrase is a
// fair statement of expectation ("the check should have caught it").
struct CounterfactualTrigger {
  std::string_view phrase;
  bool needs_person;
};

// Roles that, followed by "who", single a person out ("the engineer who ...").
inline constexpr std::string_view kRoleWhoWords[] = {
    "engineer", "developer", "dev",        "operator", "person",   "on-call",    "oncall", "on-caller", "sre",
    "admin",    "reviewer",  "contractor", "employee", "teammate", "individual", "intern", "responder"};

// Words that refer to people, as subjects of counterfactuals and questions.
inline constexpr std::string_view kPersonWords[] = {
    "he",         "she",        "him",           "her",       "you",        "i",         "we",
    "they",       "someone",    "somebody",      "nobody",    "anyone",     "anybody",   "everyone",
    "no-one",     "engineer",   "engineers",     "developer", "developers", "dev",       "devs",
    "operator",   "operators",  "on-call",       "oncall",    "on-caller",  "sre",       "sres",
    "admin",      "admins",     "administrator", "reviewer",  "reviewers",  "author",    "intern",
    "contractor", "employee",   "person",        "people",    "team",       "teammate",  "staff",
    "responder",  "individual", "manager",       "lead",      "approver",   "commander", "dba",
    "analyst",    "owner",      "owners"};

// Adverbs skipped when looking for the subject before a verb phrase.
inline constexpr std::string_view kSubjectSkipWords[] = {
    "really", "also",   "probably", "clearly", "definitely", "certainly", "simply",
    "just",   "easily", "then",     "again",   "still",      "all"};

// Words after "should have" that make it possession ("should have a runbook"), not a counterfactual.
inline constexpr std::string_view kPossessionWords[] = {"a",   "an",  "the",   "more",   "some",  "no",
                                                        "any", "one", "two",   "better", "fewer", "less",
                                                        "our", "its", "their", "had"};

// Hindsight about knowledge.
inline constexpr std::string_view kHindsightPhrases[] = {
    "should have known",       "should've known",       "could have known",          "ought to have known",
    "should have realized",    "should've realized",    "should have realised",      "should have foreseen",
    "should have anticipated", "should've anticipated", "should have seen it coming"};

// Counterfactuals.
inline constexpr CounterfactualTrigger kCounterfactualTriggers[] = {
    {"should have", true},      {"should've", true},      {"should not have", true}, {"shouldn't have", true},
    {"could have", true},       {"ought to have", true},  {"failed to", true},       {"neglected to", false},
    {"forgot to", false},       {"didn't bother", false}, {"did not bother", false}, {"if only", false},
    {"could easily have", true}};

// Words that, near a name, make the person the cause (outside a timeline).
inline constexpr std::string_view kNamedPersonCues[] = {
    "caused",    "causing",  "fault",  "faults",    "blame",    "blamed",     "responsible",
    "mistake",   "mistakes", "error",  "broke",     "forgot",   "ignored",    "overlooked",
    "neglected", "didn't",   "failed", "screwed",   "messed",   "introduced", "missed",
    "careless",  "sloppy",   "should", "should've", "shouldn't"};

// The cues that blame even in a timeline.
inline constexpr std::string_view kNamedPersonStrongCues[] = {"fault",   "blame",  "blamed", "mistake",
                                                              "screwed", "messed", "caused"};

// "Human error" and its relatives.
inline constexpr std::string_view kHumanErrorPhrases[] = {
    "human error",   "operator error", "user error",       "pilot error",    "human mistake",
    "human failure", "fat-fingered",   "fat-finger",       "fat finger",     "fat fingered",
    "pebkac",        "human-error",    "operator mistake", "personnel error"};

// Judgments of people.
inline constexpr std::string_view kJudgmentalWords[] = {
    "careless",      "carelessly",    "carelessness",   "sloppy",        "sloppily",     "sloppiness",
    "negligent",     "negligently",   "negligence",     "lazy",          "laziness",     "incompetent",
    "incompetence",  "incompetently", "reckless",       "recklessly",    "recklessness", "irresponsible",
    "irresponsibly", "stupid",        "stupidity",      "dumb",          "foolish",      "idiotic",
    "inattentive",   "clumsy",        "unprofessional", "thoughtless",   "boneheaded",   "amateurish",
    "lax",           "cowboy",        "half-assed",     "lackadaisical", "inexcusable"};

// Judgmental idioms.
inline constexpr std::string_view kJudgmentalPhrases[] = {
    "dropped the ball",  "asleep at the wheel", "poor judgment",  "poor judgement", "bad judgment",
    "lapse in judgment", "should know better",  "rookie mistake", "lack of care"};

// Words after a judgmental word that make it an engineering term ("lazy loading").
inline constexpr std::string_view kTechnicalFollowers[] = {
    "loading", "load",   "loaded",   "evaluation", "initialization", "init", "terminal",
    "pipe",    "client", "iterator", "mode"};

// Single-root-cause framing.
inline constexpr std::string_view kRootCausePhrases[] = {"root cause",
                                                         "root causes",
                                                         "root-cause",
                                                         "sole cause",
                                                         "single cause",
                                                         "only cause",
                                                         "only reason",
                                                         "real cause",
                                                         "caused solely",
                                                         "solely due",
                                                         "solely because",
                                                         "boils down to",
                                                         "all comes down to",
                                                         "rca",
                                                         "the cause of the outage was",
                                                         "the cause of the incident was",
                                                         "primary cause"};

// Asking people to try harder.
inline constexpr std::string_view kNotActionablePhrases[] = {
    "be more careful", "more careful",     "be careful",    "pay more attention",
    "pay attention",   "more attention",   "more vigilant", "be vigilant",
    "retrain",         "retrained",        "retraining",    "re-train",
    "re-trained",      "re-training",      "try harder",    "remind",
    "reminded",        "be more diligent", "more diligent"};

// Words after "retrain" that make it a change to a system (a model), not to people.
inline constexpr std::string_view kMachineLearningWords[] = {"model", "models",     "classifier", "detector",
                                                             "ml",    "embeddings", "anomaly"};

}  // namespace candor::incidents::lexicon
