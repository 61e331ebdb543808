// The explorer: stateless model checking of a Program with dynamic
// partial-order reduction (Abdulla et al.: source sets, POPL'14, and the
// wakeup trees of optimal DPOR, JACM 2017) and sleep sets.
// Pending branches are explored in order of increasing preemptions (as CHESS
// does), so the first counterexample of a finding has the fewest context
// switches.
#pragma once

#include "model/detect/finding.h"
#include "model/explore/program.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tangle {

struct ExecutionAnalysis;

/// How executions are chosen (docs/exploration.md, "Strategies").
enum class Strategy : uint8_t {
  Dpor,      // DPOR alone, fewest preemptions first
  Pct,       // after the first execution, PCT schedules at depths 1, 2, 3
  Pos,       // after the first execution, partial-order sampling
  Portfolio, // DPOR alone while it can finish within the budget, else
             // DPOR interleaved one for one with the symmetric preemption
             // search and PCT 1, 2, 3 and POS
  Symmetric, // after the first execution, the symmetric preemption search
             // (symmetric_search.h) until it has nothing left, then DPOR
};

/// The seed of the random schedules unless --seed says otherwise: runs are
/// reproducible by default.
constexpr uint64_t DefaultSeed = 1;

/// The name of a strategy ("dpor", "pct", "pos", "portfolio", "sym").
const char *strategyName(Strategy strategy);

/// Where a part of a sharded exploration starts (shard.h): the schedule to a
/// state at the top of the tree, and the sleep set there.
struct ExplorationRoot {
  std::vector<ThreadId> prefix;
  std::vector<ThreadId> sleep;
};

struct ExploreOptions {
  int preemptionBound = -1;   // < 0: unbounded
  uint64_t maxExecutions = 0; // 0: unlimited
  double timeoutSeconds = 0;  // 0: unlimited
  uint32_t maxFindings = 20;
  uint64_t maxSteps = 1000000;  // recorded per execution (the rest runs on)
  double executionTimeout = 10; // per execution, seconds
  bool reduce = true;           // false: naive DFS over every interleaving
  uint32_t retryBound = 2;      // failed try-locks per thread while others can
                                // run (see schedulable() in scheduler.h)
  bool spuriousWakeups = false; // condition waiters may wake without a signal
  bool lockOrder = true; // build the lock-order graph (lock.order-inversion)
  Strategy strategy = Strategy::Dpor;
  uint64_t seed = DefaultSeed; // of the random schedules
  /// Set (non-zero) when the user asked to stop (SIGINT, SIGTERM): the
  /// exploration ends where it is, inside the analysis of a long execution
  /// too, stopped by "interrupted". Null: not watched.
  const std::atomic<int> *interrupt = nullptr;
  /// Explorations running at once (--jobs), each worker with its own copy
  /// of the program (ProgramFactory): they share one DPOR tree and take its
  /// pending branches in turn (docs/exploration.md, "Parallel
  /// exploration"). The workers past the first start only once the
  /// exploration has run jobsAfterSeconds: a small program ends before
  /// another copy of it would be ready.
  uint32_t jobs = 1;
  double jobsAfterSeconds = 0.25;
  /// --shard I/N (shardCount 0: not sharded): explore only shard I's part
  /// of the tree (shard.h), and of the random schedules the numbers that
  /// are I - 1 modulo N (the symmetric search runs in shard 1 alone).
  uint32_t shardIndex = 0, shardCount = 0;
};

struct ExploreStats {
  uint64_t executions = 0;   // complete executions (including buggy ones)
  uint64_t sleepBlocked = 0; // executions cut short as redundant
  uint64_t retryBounded = 0; // executions cut at the retry bound
  uint32_t findings = 0;     // distinct findings so far
  uint64_t steps = 0;        // visible operations executed, all executions
  double seconds = 0;
  bool complete = false;
  /// Memory accesses were instrumented, so race.data was checked;
  /// racesPartial: some execution's access log overflowed.
  bool racesChecked = false;
  bool racesPartial = false;
  /// Why exploration stopped early: "", "max-executions", "timeout",
  /// "preemption-bound", "max-findings", "execution-limit" (an execution hit
  /// its step or time limit), "atomic-limit" (an execution ran atomics
  /// unscheduled, see atomicStepBudget), "step-limit" (an execution ran
  /// past --max-steps, the rest unrecorded), "execution-timeout" (one still
  /// making steps when its time ran out), "blocked-call" (one asleep in a
  /// call tangle does not model), "error", or the key of an execution that
  /// ended EndReason::LimitReached ("thread-limit", ...).
  std::string stoppedBy;
  /// --reuse-process (the command line's, not the explorer's): executions
  /// that ran in a reuse worker after a rewind, the workers started, and
  /// why a worker refused an execution ("": none did).
  bool reuseAsked = false;
  uint64_t reusedExecutions = 0;
  uint32_t reuseWorkers = 0;
  std::string reuseRefusal;
  /// Executions that changed what a rewind cannot undo: each was its
  /// worker's last. reuseTaint: what the first of them did.
  uint64_t reuseTainted = 0;
  std::string reuseTaint;
  /// The first execution did what a worker would end or refuse for: every
  /// execution ran in a process of its own (what it did).
  std::string reuseDeclined;
  /// Executions whose threads ran as fibers of one OS thread, and why the
  /// workers ran OS threads instead ("": they did not, or were not asked).
  uint64_t fiberExecutions = 0;
  std::string fibersDeclined;
  /// What the first limit an execution reached was, in a sentence (for
  /// "step-limit", "execution-timeout", "blocked-call" and the keys of
  /// EndReason::LimitReached: "thread 1 is blocked in the system call read,
  /// which tangle does not model ...").
  std::string limitNote;
  /// For an EndReason::LimitReached that the runtime placed (an unmodelled
  /// call): where that thread was, so the note names the line; else empty.
  Stack stoppedAt;
  std::string error;

  /// What an exploration that did not finish covered (explored.coverage).
  /// Pending branches run in order of increasing preemptions, so when it
  /// stops, every branch of the DPOR tree reached with at most
  /// preemptionsComplete preemptions has been explored (-1: not even every
  /// one without preemptions, e.g. when the first execution was cut at a
  /// limit). When complete: the most preemptions any explored branch took.
  int32_t preemptionsComplete = -1;
  /// Knuth's estimator of the tree's size (leaves: executions, including
  /// the ones cut as redundant), as a power of ten: the mean over the
  /// executions run of the product of the branching found along each one's
  /// path. Exact (the executions run) when complete.
  double estimatedLog10 = 0;
  /// How the executions were chosen: the strategies that ran, joined by
  /// '+' ("dpor", "dpor+sym+pct+pos", "pct").
  std::string strategy = "dpor";
  uint64_t randomSchedules = 0; // executions run by a random strategy
  uint64_t pctSchedules = 0;    // of them, PCT's (any depth)
  uint64_t posSchedules = 0;    // and partial-order sampling's
  /// Executions the symmetric preemption search chose (not random, but like
  /// them never part of DPOR's tree: they never make a verdict clean).
  uint64_t symmetricSchedules = 0;
  /// Executions run after the exploration to shrink the findings' witnesses
  /// (shrink.h; the command line runs them, not explore()): not in
  /// `executions`.
  uint64_t shrinkExecutions = 0;
  uint32_t pctDepth = 0;        // the largest PCT bug depth d that ran
  uint64_t seed = DefaultSeed;  // of the random schedules
  uint32_t jobs = 1; // workers that explored (--jobs), each with its program
  /// --jobs N: executions a helper ran ahead that worker 0 folded in
  /// (aheadTaken); of them, those whose request the helper built while an
  /// earlier branch of their state was still pending (aheadPredicted); and
  /// those run again because the request worker 0 built differed
  /// (aheadMismatched, which docs/exploration.md argues is never). Of the
  /// taken, those run before the fold that made their branch, as siblings
  /// that fold hangs (aheadHung). Not in the report: for tests and
  /// TANGLE_PROFILE_WORKERS.
  uint64_t aheadTaken = 0, aheadPredicted = 0, aheadMismatched = 0,
           aheadHung = 0;
  /// PCT's guarantee: a random schedule of depth d finds a bug of depth d
  /// with probability at least 1/(n k^(d-1)), n threads, k steps. These
  /// are the n and k it used: the most threads and steps of an execution.
  uint32_t pctThreads = 0;
  uint64_t pctSteps = 0;
  /// The exit status of the first execution that exited with a status
  /// other than 0 (0: none did). With one thread only, the report says so:
  /// such a program usually stopped at its usage line.
  int32_t failedExitStatus = 0;
  /// --shard: the roots at the top of the tree (every shard's), this
  /// shard's, and the executions every shard ran to find them. Those are
  /// not in `executions` nor analysed: the shard that owns a root runs its
  /// first execution again as the first of its part.
  uint32_t shardFrontier = 0, shardRoots = 0;
  uint64_t shardPrefixExecutions = 0;
};

struct Report {
  std::vector<Finding> findings;
  ExploreStats stats;
};

/// Called after each execution; return false to stop. With several jobs it
/// is called from whichever worker is about to run one, one call at a time.
using ProgressFn = std::function<bool(const ExploreStats &)>;

/// Makes worker `index`'s own copy of the program (index >= 1), called in
/// that worker's thread, which destroys it there too. nullptr (with `error`
/// set): that worker does not take part, and the others explore everything.
/// Every copy must put the program's objects at the same addresses (a
/// schedule found by one worker is re-run by another).
using ProgramFactory =
    std::function<std::unique_ptr<Program>(uint32_t index, std::string &error)>;

Report explore(Program &program, const ExploreOptions &options,
               const ProgressFn &progress = nullptr,
               const ProgramFactory &copies = nullptr);

/// Runs one execution along `schedule` (then the default scheduler) and
/// reports what it finds there. With `recordedKinds` (a free run's order,
/// predict's scheduleOf), the schedule's steps are the recorded ones only:
/// ExecutionRequest::recordedKinds.
Report replay(Program &program, const std::vector<ThreadId> &schedule,
              const ExploreOptions &options,
              const std::vector<OpKind> &recordedKinds = {});

/// The schedule `tangle replay --schedule` takes for an execution: its
/// threads step by step, without the default scheduler's own choices at
/// the end (the first step kept).
std::vector<ThreadId> trimmedSchedule(const Execution &execution,
                                      const ExecutionAnalysis &analysis);

/// "0x5,1,2x3" = thread 0 five steps, thread 1 one step, thread 2 three.
std::string formatSchedule(const std::vector<ThreadId> &schedule);
/// Parses formatSchedule's output; false on malformed input or one longer
/// than MaxScheduleSteps.
bool parseSchedule(const std::string &text, std::vector<ThreadId> &schedule);
/// The largest --max-steps, and so the longest schedule worth expanding.
constexpr uint64_t MaxScheduleSteps = 100000000;
/// How many steps `text` names (at most MaxScheduleSteps + 1), without
/// expanding it; false on malformed input.
bool scheduleLength(const std::string &text, uint64_t &steps);

} // namespace tangle
