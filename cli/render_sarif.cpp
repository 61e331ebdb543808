// The SARIF 2.1.0 report of `tangle check --format sarif`: one run with the
// dynamic findings (each witness as a code flow, one thread flow per thread)
// and the static ones, in the conventions of the analyzer's SARIF
// (analyzer/SarifOutput.cpp): the rules table, paths relative to SRCROOT,
// stable fingerprints.
#include "cli/render.h"

#include "analyzer/CheckRegistry.h"
#include "analyzer/Output.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MD5.h"

#include <map>

namespace tangle {
namespace json = llvm::json;

namespace {

/// What each dynamic finding id is, for the rules table (docs/findings.md
/// says more).
const char *findingTitle(FindingKind kind) {
  switch (kind) {
  case FindingKind::DeadlockCycle:
    return "Threads wait for each other in a cycle";
  case FindingKind::DeadlockStall:
    return "A thread waits for something nobody will do";
  case FindingKind::LockOrderInversion:
    return "Two locks are taken in opposite orders";
  case FindingKind::LockSelfDeadlock:
    return "A thread locks a mutex it already holds";
  case FindingKind::LockUnlockNotOwner:
    return "A thread unlocks a mutex another thread holds";
  case FindingKind::LockUnlockUnlocked:
    return "A mutex is unlocked while nobody holds it";
  case FindingKind::LockRecursiveUnbalanced:
    return "A recursive mutex is unlocked more often than locked";
  case FindingKind::LockDestroyLocked:
    return "A locked mutex is destroyed";
  case FindingKind::LockHeldAtExit:
    return "A thread ends holding a lock";
  case FindingKind::LockCondWaitRecursive:
    return "A condition wait with a recursively held mutex";
  case FindingKind::LockCondWaitUnlocked:
    return "A condition wait without holding its mutex";
  case FindingKind::LockCondTwoMutexes:
    return "One condition waited on with two mutexes";
  case FindingKind::LockDestroyWaited:
    return "A condition or barrier is destroyed while threads wait on it";
  case FindingKind::LockUninitialized:
    return "A synchronisation object is used destroyed or uninitialised";
  case FindingKind::SemUninitialized:
    return "A semaphore is used destroyed or uninitialised";
  case FindingKind::LockReinit:
    return "A synchronisation object is initialised again while in use";
  case FindingKind::SyncBoundedSemaphoreOverrelease:
    return "A bounded semaphore is released more often than acquired";
  case FindingKind::SyncQueueTaskDoneTooOften:
    return "Queue task_done() is called more often than items were put";
  case FindingKind::SyncPoolSubmitAfterShutdown:
    return "A task is submitted to a pool after its shutdown";
  case FindingKind::LifecycleUnjoinedThread:
    return "The program ends while a thread was never joined";
  case FindingKind::LifecycleDetachedCutOff:
    return "A detached thread is cut off when the program ends";
  case FindingKind::LifecycleZombie:
    return "A child process is never waited for";
  case FindingKind::LifecycleOrphan:
    return "A child process outlives its parent";
  case FindingKind::ProgramCrash:
    return "The program crashes";
  case FindingKind::ProgramAssert:
    return "An assertion fails";
  case FindingKind::ProgramHang:
    return "An execution does not end";
  case FindingKind::ProgramNondeterministic:
    return "The program does not repeat its behaviour under one schedule";
  case FindingKind::RaceData:
    return "Two threads access a variable unordered, at least one writing";
  case FindingKind::RaceFile:
    return "Two threads or processes access a file unordered, one writing";
  case FindingKind::MemoryUseAfterFree:
    return "Memory is used after it was freed";
  }
  return "";
}

/// Paths are relative to the working directory (SRCROOT) when below it.
struct Artifacts {
  std::string root;

  json::Object location(const std::string &file, unsigned line,
                        unsigned column) const {
    std::string relative = analyzer::relativeToRoot(file, root);
    json::Object artifact{{"uri", relative}};
    if (llvm::StringRef(relative).startswith("/"))
      artifact["uri"] = "file://" + relative;
    else
      artifact["uriBaseId"] = "SRCROOT";
    json::Object region{{"startLine", static_cast<int64_t>(line)}};
    if (column)
      region["startColumn"] = static_cast<int64_t>(column);
    return json::Object{{"physicalLocation",
                         json::Object{{"artifactLocation", std::move(artifact)},
                                      {"region", std::move(region)}}}};
  }

  json::Object location(const SourceLocation &at) const {
    return location(at.file, at.line, at.column);
  }
};

std::string fingerprint(llvm::ArrayRef<std::string> parts) {
  llvm::MD5 hash;
  for (const std::string &part : parts) {
    hash.update(part);
    hash.update(llvm::StringRef("\0", 1));
  }
  llvm::MD5::MD5Result result;
  hash.final(result);
  return result.digest().str().str();
}

std::string stepMessage(const StepView &step, bool blocked) {
  std::string text = step.number ? "step " + std::to_string(step.number) + ": "
                                 : std::string();
  if (blocked)
    text += "blocked: ";
  text += step.thread.name + " " + step.op;
  if (!step.object.empty())
    text += " " + step.object;
  return text;
}

/// A sequence of steps as one code flow: a thread flow per thread, each
/// step in it with its place in the whole sequence as executionOrder.
json::Object codeFlow(const std::vector<StepView> &steps,
                      const std::vector<StepView> &blockedSteps,
                      const std::string &message, const Artifacts &artifacts) {
  std::vector<ThreadId> order;
  std::map<ThreadId, std::pair<std::string, json::Array>> flows;
  int64_t position = 0;
  auto add = [&](const StepView &step, bool blocked) {
    auto [it, fresh] = flows.try_emplace(step.thread.id);
    if (fresh) {
      order.push_back(step.thread.id);
      it->second.first = step.thread.name;
    }
    json::Object location;
    if (step.at.known())
      location = artifacts.location(step.at);
    location["message"] = json::Object{{"text", stepMessage(step, blocked)}};
    json::Object flowLocation{{"location", std::move(location)},
                              {"executionOrder", ++position}};
    if (blocked)
      flowLocation["kinds"] = json::Array{"blocked"};
    it->second.second.push_back(std::move(flowLocation));
  };
  for (const StepView &step : steps)
    add(step, false);
  for (const StepView &step : blockedSteps)
    add(step, true);
  json::Array threadFlows;
  for (ThreadId id : order) {
    auto &[name, locations] = flows[id];
    threadFlows.push_back(
        json::Object{{"id", std::to_string(id)},
                     {"message", json::Object{{"text", name}}},
                     {"locations", std::move(locations)}});
  }
  return json::Object{{"message", json::Object{{"text", message}}},
                      {"threadFlows", std::move(threadFlows)}};
}

/// The witness, and for a lost update the order that loses it.
json::Array codeFlows(const Explanation &e, const Artifacts &artifacts) {
  json::Array flows;
  if (!e.steps.empty() || !e.blocked.empty())
    flows.push_back(codeFlow(e.steps, e.blocked,
                             "the interleaving (tangle replay --schedule '" +
                                 e.schedule + "')",
                             artifacts));
  if (!e.lostUpdateOrder.empty())
    flows.push_back(codeFlow(e.lostUpdateOrder, {},
                             "how one update is lost: both reads, then both "
                             "writes",
                             artifacts));
  return flows;
}

json::Object dynamicResult(const Explanation &e, int64_t ruleIndex,
                           const Artifacts &artifacts) {
  json::Array locations, related;
  if (e.location.known())
    locations.push_back(artifacts.location(e.location));
  int64_t id = 0;
  for (size_t i = 1; i < e.locations.size(); ++i)
    if (e.locations[i].known()) {
      json::Object location = artifacts.location(e.locations[i]);
      location["id"] = id++;
      location["message"] = json::Object{{"text", "also involved here"}};
      related.push_back(std::move(location));
    }
  std::vector<std::string> parts{e.id, e.object};
  for (const SourceLocation &at : e.locations)
    parts.push_back(at.str());
  json::Object properties{{"source", "dynamic"},
                          {"counted", e.counted},
                          {"hint", e.hint},
                          {"schedule", e.schedule},
                          {"replay", e.replayCommand}};
  if (e.kind == FindingKind::RaceFile || e.kind == FindingKind::RaceData)
    properties["lostUpdate"] = e.lostUpdate;
  json::Object result{
      {"ruleId", e.id},
      {"ruleIndex", ruleIndex},
      {"level", e.counted ? "error" : "warning"},
      {"message", json::Object{{"text", e.summary + ". Fix: " + e.hint}}},
      {"locations", std::move(locations)},
      {"relatedLocations", std::move(related)},
      {"partialFingerprints",
       json::Object{{"tangleFindingHash/v1", fingerprint(parts)}}},
      {"properties", std::move(properties)}};
  json::Array flows = codeFlows(e, artifacts);
  if (!flows.empty())
    result["codeFlows"] = std::move(flows);
  return result;
}

json::Object staticResult(const StaticFinding &f, int64_t ruleIndex,
                          const Artifacts &artifacts) {
  const analyzer::Finding &finding = f.finding;
  json::Array related;
  int64_t id = 0;
  for (const analyzer::FindingNote &note : finding.Notes) {
    json::Object location =
        artifacts.location(note.Where.File, note.Where.Line, note.Where.Column);
    location["id"] = id++;
    location["message"] = json::Object{{"text", note.Message}};
    related.push_back(std::move(location));
  }
  json::Object properties{{"source", "static"},
                          {"confirmation", confirmationName(f.confirmation)},
                          {"counted", f.counted}};
  if (!f.confirmedBy.empty())
    properties["confirmedBy"] = f.confirmedBy;
  return json::Object{
      {"ruleId", finding.CheckId},
      {"ruleIndex", ruleIndex},
      // A warning the exploration refuted stays in the file, as a note.
      {"level",
       f.confirmation == Confirmation::NotConfirmed ? "note" : "warning"},
      {"message", json::Object{{"text", finding.Message}}},
      {"locations",
       json::Array{artifacts.location(finding.Where.File, finding.Where.Line,
                                      finding.Where.Column)}},
      {"relatedLocations", std::move(related)},
      {"partialFingerprints",
       json::Object{{"tangleFindingHash/v1",
                     fingerprint({finding.CheckId, finding.Where.File,
                                  finding.Message})}}},
      {"properties", std::move(properties)}};
}

} // namespace

void renderSarif(llvm::raw_ostream &out, const RunSummary &run,
                 const std::vector<Explanation> &findings) {
  llvm::SmallString<256> cwd;
  llvm::sys::fs::current_path(cwd);
  Artifacts artifacts{std::string(cwd)};

  json::Array rules;
  std::map<std::string, int64_t> ruleIndex;
  auto addRule = [&](const std::string &id, const std::string &text,
                     const std::string &help, const char *level) {
    ruleIndex[id] = static_cast<int64_t>(rules.size());
    rules.push_back(
        json::Object{{"id", id},
                     {"shortDescription", json::Object{{"text", text}}},
                     {"helpUri", help},
                     {"defaultConfiguration", json::Object{{"level", level}}}});
  };
  for (FindingKind kind : allFindingKinds())
    addRule(findingId(kind), findingTitle(kind),
            std::string("docs/findings.md#") + findingId(kind), "error");
  for (const std::unique_ptr<analyzer::Check> &check : analyzer::allChecks())
    addRule(check->id(), check->summary(),
            std::string("docs/checks/") + check->id() + ".md", "warning");

  json::Array results;
  for (const Explanation &e : findings)
    results.push_back(dynamicResult(e, ruleIndex[e.id], artifacts));
  for (const StaticFinding &f : run.staticChecks.findings)
    results.push_back(staticResult(f, ruleIndex[f.finding.CheckId], artifacts));

  size_t counted = size_t(
      llvm::count_if(findings, [](const Explanation &e) { return e.counted; }));
  std::string rootUri = "file://" + std::string(cwd);
  if (!llvm::StringRef(rootUri).endswith("/"))
    rootUri += "/";
  json::Object invocation{
      {"executionSuccessful", true},
      {"properties",
       json::Object{
           {"verdict", verdictName(run.verdict)},
           {"executions", static_cast<int64_t>(run.stats.executions)},
           {"complete", run.stats.complete},
           {"summary", summaryLine(run, counted, findings.size() - counted)}}}};
  json::Object sarifRun{
      {"tool",
       json::Object{{"driver", json::Object{{"name", "tangle"},
                                            {"version", TANGLE_VERSION},
                                            {"rules", std::move(rules)}}}}},
      {"originalUriBaseIds",
       json::Object{{"SRCROOT", json::Object{{"uri", rootUri}}}}},
      {"invocations", json::Array{std::move(invocation)}},
      {"results", std::move(results)}};
  json::Object document{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::Array{std::move(sarifRun)}}};
  out << llvm::formatv("{0:2}", json::Value(std::move(document))) << "\n";
}

} // namespace tangle
