// The renderers on hand-built reports: the JSON has every field docs/report-format.md
// requires, the text follows the compiler convention, verdicts and exit
// codes follow the rules.
#include "cli/explain.h"
#include "cli/render.h"

#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

using namespace tangle;

namespace {

constexpr ObjectAddr ForkA = 0x5000, ForkB = 0x5028;

Event event(ThreadId thread, OpKind kind, uint64_t object = 0,
            int32_t result = 0) {
  Event e;
  e.thread = thread;
  e.op.kind = kind;
  e.op.object = object;
  e.result = result;
  return e;
}

/// Two threads each hold one fork and wait for the other's.
Finding deadlockCycle() {
  auto execution = std::make_shared<Execution>();
  execution->events = {event(0, OpKind::ThreadCreate, 0, 1),
                       event(0, OpKind::ThreadCreate, 0, 2),
                       event(1, OpKind::ThreadStart),
                       event(1, OpKind::MutexLock, ForkA),
                       event(2, OpKind::ThreadStart),
                       event(2, OpKind::MutexLock, ForkB)};
  PendingOp waitB{1, 0, {OpKind::MutexLock, 0, 0, ForkB, 0}, {}};
  PendingOp waitA{2, 0, {OpKind::MutexLock, 0, 0, ForkA, 0}, {}};
  execution->pending = {waitB, waitA};
  execution->end = EndReason::Deadlock;

  Finding finding;
  finding.kind = FindingKind::DeadlockCycle;
  finding.object = ForkB;
  finding.step = 6;
  finding.execution = execution;
  finding.schedule = {0, 0, 1, 1, 2, 2};
  finding.preemptions = 1;
  Involvement one{1, {{ForkA, 3}}, waitB, 2};
  Involvement two{2, {{ForkB, 5}}, waitA, 1};
  finding.threads = {one, two};
  return finding;
}

struct Rendered {
  Explanation explanation;
  std::string text, json;
};

Rendered render(const Finding &finding, Verdict verdict) {
  Symbolizer symbolizer({});
  ObjectNamer namer(symbolizer);
  Rendered result;
  result.explanation = explain(finding, symbolizer, namer, "philosophers.c");
  RunSummary run;
  run.program = "philosophers.c";
  run.stats.executions = 7;
  run.stats.complete = true;
  run.stats.seconds = 0.03;
  run.verdict = verdict;
  llvm::raw_string_ostream text(result.text), json(result.json);
  renderText(text, run, {result.explanation});
  renderJson(json, run, {result.explanation});
  text.flush();
  json.flush();
  return result;
}

TEST(Report, JsonHasEveryRequiredField) {
  Rendered r = render(deadlockCycle(), Verdict::Bugs);
  auto parsed = llvm::json::parse(r.json);
  ASSERT_TRUE(bool(parsed)) << llvm::toString(parsed.takeError());
  const llvm::json::Object &root = *parsed->getAsObject();
  EXPECT_EQ(root.getString("tool"), llvm::StringRef("tangle"));
  EXPECT_TRUE(root.getString("version").hasValue());
  EXPECT_EQ(root.getString("program"), llvm::StringRef("philosophers.c"));
  EXPECT_EQ(root.getString("verdict"), llvm::StringRef("bugs"));
  const llvm::json::Object *explored = root.getObject("explored");
  ASSERT_TRUE(explored);
  EXPECT_EQ(explored->getInteger("executions").getValueOr(-1), 7);
  EXPECT_EQ(explored->getBoolean("complete").getValueOr(false), true);
  EXPECT_TRUE(explored->getNumber("seconds").hasValue());

  const llvm::json::Array *findings = root.getArray("findings");
  ASSERT_TRUE(findings);
  ASSERT_EQ(findings->size(), 1u);
  const llvm::json::Object &f = *(*findings)[0].getAsObject();
  EXPECT_EQ(f.getString("id"), llvm::StringRef("deadlock.cycle"));
  for (const char *key : {"summary", "hint", "schedule"})
    EXPECT_FALSE(f.getString(key).getValueOr("").empty()) << key;
  EXPECT_EQ(f.getString("schedule"), llvm::StringRef("0x2,1x2,2x2"));
  const llvm::json::Array *locations = f.getArray("locations");
  ASSERT_TRUE(locations && !locations->empty());
  for (const char *key : {"file", "line", "column"})
    EXPECT_TRUE((*locations)[0].getAsObject()->get(key)) << key;
  const llvm::json::Array *steps = f.getArray("steps");
  ASSERT_TRUE(steps);
  ASSERT_EQ(steps->size(), 6u);
  for (const llvm::json::Value &step : *steps)
    for (const char *key :
         {"thread", "process", "op", "object", "file", "line"})
      EXPECT_TRUE(step.getAsObject()->get(key)) << key;
  const llvm::json::Object &lock = *(*steps)[3].getAsObject();
  EXPECT_EQ(lock.getString("op"), llvm::StringRef("lock"));
  EXPECT_EQ(lock.getInteger("thread").getValueOr(-1), 1);
  EXPECT_EQ(lock.getString("object"), llvm::StringRef("mutex at 0x5000"));
}

TEST(Report, TextIsCompilerStyleWithScenarioAndReplay) {
  Rendered r = render(deadlockCycle(), Verdict::Bugs);
  EXPECT_NE(r.text.find("error: deadlock: thread 1 waits for mutex at 0x5028 "
                        "held by thread 2, which waits for mutex at 0x5000 "
                        "held by thread 1 [deadlock.cycle]"),
            std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("possible unsafe locking scenario"), std::string::npos);
  EXPECT_NE(r.text.find("*** DEADLOCK ***"), std::string::npos);
  EXPECT_NE(r.text.find("tangle replay --schedule '0x2,1x2,2x2' "
                        "philosophers.c"),
            std::string::npos);
  EXPECT_NE(r.text.find("note: fix: Make every thread take these locks in one "
                        "global order"),
            std::string::npos);
  EXPECT_NE(r.text.find("blocked: lock"), std::string::npos);
  EXPECT_NE(r.text.find("tangle: bugs: 1 finding in 7 executions"),
            std::string::npos);
}

TEST(Report, ScenarioFollowsTheOrderOfTheSteps) {
  Explanation e = render(deadlockCycle(), Verdict::Bugs).explanation;
  ASSERT_TRUE(e.scenario);
  ASSERT_EQ(e.scenario->rows.size(), 4u);
  EXPECT_EQ(e.scenario->rows[0].column, 0u);
  EXPECT_EQ(e.scenario->rows[0].text, "lock(mutex at 0x5000);");
  EXPECT_EQ(e.scenario->rows[1].column, 1u);
  EXPECT_EQ(e.scenario->rows[3].text, "lock(mutex at 0x5000);");
}

TEST(Report, VerdictAndExitCode) {
  Report report;
  report.stats.complete = true;
  EXPECT_EQ(verdictOf(report), Verdict::Clean);
  EXPECT_EQ(exitCodeOf(verdictOf(report)), 0);
  report.stats.complete = false;
  EXPECT_EQ(verdictOf(report), Verdict::Incomplete);
  EXPECT_EQ(exitCodeOf(verdictOf(report)), 3);
  report.findings.push_back(deadlockCycle());
  EXPECT_EQ(verdictOf(report), Verdict::Bugs);
  EXPECT_EQ(exitCodeOf(verdictOf(report)), 1);
  EXPECT_STREQ(verdictName(Verdict::Incomplete), "incomplete");
}

TEST(Report, CleanJsonHasNoFindings) {
  RunSummary run;
  run.program = "ok.c";
  run.stats.complete = true;
  run.verdict = Verdict::Clean;
  std::string json;
  llvm::raw_string_ostream out(json);
  renderJson(out, run, {});
  out.flush();
  auto parsed = llvm::json::parse(json);
  ASSERT_TRUE(bool(parsed));
  EXPECT_EQ(parsed->getAsObject()->getString("verdict"),
            llvm::StringRef("clean"));
  EXPECT_TRUE(parsed->getAsObject()->getArray("findings")->empty());
}

TEST(Report, EveryIdHasASummaryAndAHint) {
  for (FindingKind kind : allFindingKinds()) {
    Finding finding = deadlockCycle();
    finding.kind = kind;
    Explanation e = render(finding, Verdict::Bugs).explanation;
    EXPECT_EQ(e.id, findingId(kind));
    EXPECT_GT(e.summary.size(), 10u) << e.id;
    EXPECT_GT(e.hint.size(), 40u) << e.id;
  }
}

TEST(Report, OnlySyncIdsAreMisuse) {
  EXPECT_EQ(misuseKind("sync.queue-task-done-too-often"),
            FindingKind::SyncQueueTaskDoneTooOften);
  EXPECT_EQ(misuseKind("sync.bounded-semaphore-overrelease"),
            FindingKind::SyncBoundedSemaphoreOverrelease);
  EXPECT_EQ(misuseKind("deadlock.cycle"), std::nullopt);
  EXPECT_EQ(misuseKind("sync.no-such-id"), std::nullopt);
  EXPECT_EQ(misuseKind(""), std::nullopt);
}

TEST(Report, LongExecutionsKeepTheStepsThatMatter) {
  Finding finding = deadlockCycle();
  auto execution = std::make_shared<Execution>(*finding.execution);
  // 200 steps of an unrelated thread 3 on another mutex, in the middle.
  execution->events.insert(execution->events.begin() + 4, 200,
                           event(3, OpKind::MutexLock, 0x9000));
  finding.threads[1].holds[0].acquiredAt += 200;
  finding.execution = execution;
  Explanation e = render(finding, Verdict::Bugs).explanation;
  EXPECT_LE(e.steps.size(), MaxShownSteps);
  EXPECT_EQ(e.totalSteps, 206u);
  // Every step is shown, left out, or folded into a row of identical ones.
  uint32_t shown = 0;
  for (const StepView &step : e.steps)
    shown += step.repeats;
  EXPECT_EQ(e.omittedSteps + shown, 206u);
  bool keptLockB = false;
  for (const StepView &step : e.steps)
    keptLockB |= step.thread.id == 2 && step.op == "lock";
  EXPECT_TRUE(keptLockB);
}

TEST(Report, IdenticalStepsInARowAreOneRow) {
  Finding finding = deadlockCycle();
  auto execution = std::make_shared<Execution>(*finding.execution);
  // Thread 1 spins: 50 identical steps in a row where it locked before.
  execution->events.insert(execution->events.begin() + 3, 50,
                           event(1, OpKind::MutexTryLock, 0xb));
  for (Involvement &involvement : finding.threads)
    for (HeldLock &held : involvement.holds)
      held.acquiredAt += 50;
  finding.step += 50;
  finding.execution = execution;
  Explanation e = render(finding, Verdict::Bugs).explanation;
  EXPECT_EQ(e.totalSteps, 56u);
  uint32_t rows = 0, shown = 0;
  for (const StepView &step : e.steps) {
    shown += step.repeats;
    if (step.repeats == 50) {
      ++rows;
      EXPECT_EQ(step.number, 4u);
      EXPECT_EQ(step.op, "trylock");
    }
  }
  EXPECT_EQ(rows, 1u);
  EXPECT_EQ(shown + e.omittedSteps, 56u);
}

} // namespace

TEST(Report, AReusedThreadNumberIsNamedAsTheThreadItWasThen) {
  // Thread 1 is first a forked child's thread (process 1); main reaps it and
  // creates a thread, which gets number 1 again (model/objects/ids.h), in
  // main's process, and relocks a mutex it holds.
  auto execution = std::make_shared<Execution>();
  Event fork = event(0, OpKind::ProcessFork, 0, 1);
  fork.op.reserved = 1;
  execution->events = {fork,
                       event(1, OpKind::ThreadStart),
                       event(1, OpKind::ProcessExit),
                       event(0, OpKind::ProcessWait, 1, 1),
                       event(0, OpKind::ThreadCreate, 0, 1),
                       event(1, OpKind::ThreadStart),
                       event(1, OpKind::MutexLock, ForkA)};
  PendingOp relock{1, 0, {OpKind::MutexLock, 0, 0, ForkA, 0}, {}};
  PendingOp join{0, 0, {OpKind::ThreadJoin, 0, 0, 1, 0}, {}};
  execution->pending = {relock, join};
  execution->end = EndReason::Deadlock;
  Finding finding;
  finding.kind = FindingKind::LockSelfDeadlock;
  finding.object = ForkA;
  finding.step = 7;
  finding.execution = execution;
  Involvement self;
  self.thread = 1;
  self.holds = {{ForkA, 6}};
  self.waitsFor = relock;
  finding.threads = {self};

  Explanation e = render(finding, Verdict::Bugs).explanation;
  ASSERT_EQ(e.threads.size(), 1u);
  EXPECT_EQ(e.threads[0].thread.shortName, "thread 1");
  EXPECT_EQ(e.threads[0].thread.process, 0u);
  ASSERT_EQ(e.steps.size(), 7u);
  EXPECT_EQ(e.steps[1].thread.shortName, "process 1"); // the first thread 1
  EXPECT_EQ(e.steps[1].process, 2u);
  EXPECT_EQ(e.steps[0].object, "process 1");
  EXPECT_EQ(e.steps[5].thread.shortName, "thread 1"); // the second
  EXPECT_EQ(e.steps[5].process, 1u);
  EXPECT_EQ(e.steps[4].object, "thread 1");
}
