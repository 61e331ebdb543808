// The explanation of a finding: everything a report says about it, with
// addresses already turned into names and source lines. The text and JSON
// renderers both build from this.
#pragma once

#include "cli/object_names.h"
#include "cli/symbolizer.h"
#include "model/detect/finding.h"

#include <optional>
#include <string>
#include <vector>

namespace tangle {

struct ThreadView {
  ThreadId id = NoThread;
  std::string name;         // "main thread", "thread 1 (philosopher)"
  std::string shortName;    // "main thread", "thread 1"
  std::string startRoutine; // "philosopher"
  SourceLocation createdAt;
  ProcessId process = 0;    // 0: the program's first process
};

struct HeldLockView {
  ObjectName object;
  SourceLocation lockedAt;
  uint32_t step = 0; // 1-based step number
};

struct WaitView {
  std::string op; // "lock", "join"
  std::string object;
  SourceLocation at;
  std::optional<ThreadView> waitsOn;
  /// Why nothing will end the wait, for conditions, semaphores, barriers
  /// ("nobody is left to signal it", "barrier of 3 with 2 arrived").
  std::string detail;
};

struct InvolvedThread {
  ThreadView thread;
  std::vector<HeldLockView> holds;
  std::optional<WaitView> waits;
};

/// One side of a race: who accessed what, how, and from where.
struct AccessView {
  ThreadView thread;
  std::string verb;                  // "reads", "writes", "appends to"
  SourceLocation at;                 // the user frame of the access
  std::vector<SourceLocation> stack; // user frames, innermost first
  /// What it touched, for an access past the first two (a free's race
  /// lists the other fields of the freed block the threads used); empty
  /// for the two whose object is the finding's.
  std::string object;
};

struct StepView {
  uint32_t number = 0; // 1-based; 0 for an operation that never happened
  ThreadView thread;
  uint32_t process = 1;
  std::string op;
  std::string object;
  SourceLocation at;
  uint32_t omittedBefore = 0; // steps left out just before this one
  uint32_t repeats = 1;       // identical steps in a row this row stands for
                              // (a spin loop), numbered from `number` on
  /// On the last row of a loop's round (a poll: lock, look, unlock): the
  /// groupLength rows ending here came groupRepeats more times, the last
  /// time ending at step groupLast, other threads' steps between them left
  /// out. 0: no such group.
  uint32_t groupRepeats = 0;
  uint32_t groupLength = 0;
  uint32_t groupLast = 0;
};

/// A lockdep-style "possible unsafe locking scenario": one column per thread.
struct Scenario {
  std::vector<std::string> columns;
  struct Row {
    size_t column;
    std::string text;
  };
  std::vector<Row> rows;
};

/// One edge of a lock-order cycle: `thread` locked `acquired` while it held
/// `held`; both acquisitions with their user stacks (innermost first).
struct LockEdgeView {
  ThreadView thread;
  std::string held, acquired;
  std::vector<SourceLocation> heldStack, acquiredStack;
  uint32_t heldStep = 0, acquiredStep = 0; // 1-based; 0: not in these steps
  std::vector<std::string> gates;          // other locks it held then
};

struct Explanation {
  FindingKind kind = FindingKind::ProgramCrash;
  std::string id;
  std::string summary;
  std::string hint;
  SourceLocation location;               // the primary site
  std::vector<SourceLocation> locations; // every site, primary first
  std::string object;                    // the object concerned, if any
  std::vector<InvolvedThread> threads;
  std::vector<StepView> steps;   // the interleaving, possibly shortened
  std::vector<StepView> blocked; // what blocked threads wait to do at the end
  uint32_t totalSteps = 0;
  uint32_t omittedSteps = 0;
  std::optional<Scenario> scenario;
  /// For races: the two accesses, in the order of `locations`.
  std::vector<AccessView> accesses;
  /// For races: each thread read the location, then wrote it back, and
  /// the witness puts both reads before both writes: one update is lost.
  bool lostUpdate = false;
  /// For a lost update on a file: the two reads, then the two writes, in
  /// the order that loses one update. File operations are not scheduling
  /// points, so `steps` may show each thread's read and write together;
  /// nothing orders them, so they can also run in this order.
  std::vector<StepView> lostUpdateOrder;
  std::string schedule;
  std::string replayCommand;
  uint32_t preemptions = 0;
  /// The witness's preemptions as found, before it was shrunk to
  /// `preemptions` (0: not shrunk; model/explore/shrink.h).
  uint32_t shrunkFrom = 0;
  /// False for a warning that does not make the verdict.
  bool counted = true;
  /// For lock.order-inversion: the cycle's edges, and why it did not
  /// deadlock here (inversionReasonName: "same-thread", ...).
  std::vector<LockEdgeView> lockEdges;
  std::string inversionReason;
  std::string foundBy; // "dpor", "pct", "pos", "prediction"; empty for a replay
  /// A prediction the replay did not confirm: why (docs/prediction.md).
  std::string notConfirmed;
};

/// Executions longer than this are shortened to the steps that matter.
constexpr size_t MaxShownSteps = 40;

/// Explains `finding`. `replayTarget` is what follows the options in the
/// replay command line ("prog.c" or "-- ./prog args").
Explanation explain(const Finding &finding, Symbolizer &symbolizer,
                    ObjectNamer &namer, const std::string &replayTarget);

/// The short verb for an operation in steps ("lock", "create").
const char *operationVerb(OpKind kind);
/// The verb for an operation as called, when its flags say more than its
/// kind (file locks: "flock(LOCK_EX)", "fcntl(F_SETLKW)").
std::string operationText(const Operation &op);

/// The verb of a logged access: "reads", "writes", "atomically writes",
/// "appends to".
const char *accessVerb(const MemoryAccess &access);

/// "the 4 steps above 5 more times, up to step 725": the summary of a
/// loop's rounds listed once (a step with groupRepeats), for the text and
/// HTML reports.
std::string roundText(const StepView &step);

/// Quotes a word for a POSIX shell when it needs it.
std::string shellQuote(const std::string &word);

} // namespace tangle
