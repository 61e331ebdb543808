// Deadlock prediction from one recorded run (docs/prediction.md): candidate
// lock-order cycles found in one linear pass over the trace and filtered by
// gate locks and fork/join happens-before, then each candidate asked of Z3
// as a reordering of the recorded events (order variables per event, program
// order, create->start, exit->join, lock sections, the recorded order of
// every other synchronisation object) whose end has every thread of the
// cycle holding its lock and about to request the next. A satisfying model
// is a witness: the order of the events to run, which the caller turns
// into a schedule and confirms on the real program.
#pragma once

#include "model/trace/record_trace.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tangle {

struct PredictOptions {
  /// Solver time per candidate (Z3's timeout), seconds.
  double solverSeconds = 10;
  /// Concrete candidates (choices of occurrences) tried per lock cycle.
  size_t occurrencesPerCycle = 4;
  /// Lock cycles looked at, longest first cut at this length.
  size_t maxCycles = 64;
  size_t maxCycleLength = 4;
  /// Events the solver's window may hold; a larger one is not solved
  /// (`unknown`). The linear closures (closure.h) have no such limit.
  size_t maxWindowEvents = 50000;
  /// Keep the recorded order of the critical sections that complete in the
  /// witness (sync-preserving: every read under a lock sees what it saw
  /// in the run). When off, sections may be reordered (mutual exclusion
  /// only), which finds more but is sound only if the data under the locks
  /// does not decide the control flow; confirmation decides.
  bool preserveSections = true;
  /// When sections in recorded order cannot reach a candidate, ask again
  /// with them free to move (then blocks of the recording run whole).
  bool relaxSections = true;
  /// Also replay the recorded order under control and report the races its
  /// happens-before check finds (cli/predict_command.cpp).
  bool races = true;
};

/// An event of the run: thread and its index in that thread's events.
struct EventRef {
  ThreadId thread = NoThread;
  uint32_t index = 0;
  bool operator==(const EventRef &o) const {
    return thread == o.thread && index == o.index;
  }
};

/// One thread of a deadlock candidate: it holds `held` (taken at
/// `acquire`) and is about to take `wanted` (its event `request`, which in
/// the witness does not run).
struct CyclePart {
  ThreadId thread = NoThread;
  uint32_t acquire = 0, request = 0;
  uint64_t held = 0, wanted = 0;
  uint64_t heldPc = 0, requestPc = 0;
};

struct DeadlockCandidate {
  std::vector<CyclePart> parts; // parts[i].wanted == parts[i+1].held
};

enum class PredictionStatus : uint8_t {
  Feasible,   // the solver found a reordering: witness set
  Infeasible, // no reordering of these events deadlocks here
  Unknown,    // the solver timed out, or the window was too large
};
const char *predictionStatusName(PredictionStatus status);

struct Prediction {
  DeadlockCandidate candidate;
  PredictionStatus status = PredictionStatus::Unknown;
  std::string reason; // for Infeasible / Unknown
  /// The witness: events in the order they run (the recorded prefix before
  /// the window first, in time order); after them each part's request.
  std::vector<EventRef> witness;
  /// The time spent deciding it (the closures and the solver).
  double solverSeconds = 0;
  /// The events the closure took in, or the solver's window.
  size_t windowEvents = 0;
  bool preservedSections = true; // which encoding answered
  /// Which tier answered: "sync-preserving closure", "closure, held
  /// sections last", "solver, sections in recorded order", "solver,
  /// sections reordered".
  std::string method;
};

struct PredictStats {
  uint64_t events = 0;
  size_t lockPairs = 0;        // (held, taken) pairs seen
  size_t cycles = 0;           // cycles of the lock graph
  size_t sameThread = 0;       // cycles only one thread shows
  size_t gated = 0;            // candidates a common held lock guards
  size_t orderedByJoin = 0;    // candidates fork/join order
  size_t solved = 0;           // candidates decided (closure or solver)
  size_t bySolver = 0;         // of them, the ones the solver was asked
  double candidateSeconds = 0; // the linear pass
  double solverSeconds = 0;
};

struct PredictResult {
  /// One per lock cycle that reached the solver: its first feasible
  /// candidate, else the last one tried.
  std::vector<Prediction> predictions;
  PredictStats stats;
};

PredictResult predictDeadlocks(const RecordedRun &run,
                               const PredictOptions &options = {});

/// Asks the solver about one candidate (exposed for tests).
Prediction solveCandidate(const RecordedRun &run,
                          const DeadlockCandidate &candidate,
                          const PredictOptions &options);

/// The schedule of a witness for the controlled runtime: one thread number
/// per step, the numbers the controlled runtime gives (it reuses the
/// number of a joined thread for the joiner's next create, model/objects/
/// ids.h). Events the controlled runtime does not schedule are skipped, and
/// so are the futex steps that order nothing and that a replay may not make
/// (a wake that woke nobody, a wait that found its word changed): a replay
/// that makes them runs them between the recorded steps.
/// `kinds`, if given, gets each step's recorded kind: the controlled run
/// has steps the free run did not record (inits, destroys, atomics), which
/// a replay with them runs between the recorded ones (replay's
/// recordedKinds).
std::vector<ThreadId> scheduleOf(const RecordedRun &run,
                                 const std::vector<EventRef> &witness,
                                 std::vector<OpKind> *kinds = nullptr);

} // namespace tangle
