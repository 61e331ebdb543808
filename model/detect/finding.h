// A finding: what went wrong in one execution, as structured data. cli/
// turns addresses into names and lines and renders text, JSON or SARIF.
#pragma once

#include "model/event.h"
#include "model/explore/program.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tangle {

enum class FindingKind : uint8_t {
#define FINDING(name, id) name,
#include "model/detect/finding_ids.def"
#undef FINDING
};

/// The stable id shown to users ("deadlock.cycle").
const char *findingId(FindingKind kind);
/// The kind of a sync.* id that tangle/sync.h reports through
/// tangle_misuse(); nullopt for any other text.
std::optional<FindingKind> misuseKind(const std::string &id);
/// All kinds, in declaration order.
const std::vector<FindingKind> &allFindingKinds();

/// The identity of a finding for deduplication: its id and the innermost
/// frame of each site (sorted when the order of the sites does not matter),
/// so the same bug reached by another interleaving gets the same key.
std::string findingKey(FindingKind kind, std::vector<uint64_t> sites,
                       bool unordered);

/// A lock a thread holds: which mutex and the step that acquired it
/// (an index into Execution::events).
struct HeldLock {
  ObjectAddr mutex = 0;
  uint32_t acquiredAt = 0;
};

/// No event: an index into Execution::events that is not there.
constexpr uint32_t NoEvent = UINT32_MAX;

/// A thread that takes part in a finding.
struct Involvement {
  ThreadId thread = NoThread;
  std::vector<HeldLock> holds;
  /// What the thread waits for when the execution ends, if it is blocked.
  std::optional<PendingOp> waitsFor;
  /// The thread it waits on: the mutex's owner, or the joined thread.
  ThreadId waitsOn = NoThread;
  /// For a thread blocked in a condition wait: the last signal or broadcast
  /// of that condition that found nobody waiting (a lost wake-up), as an
  /// index into Execution::events.
  std::optional<uint32_t> lostSignal;
  /// For a thread blocked at a barrier: its size and how many arrived.
  uint32_t barrierCount = 0, barrierArrived = 0;
  /// The process the thread belongs to (0: the first).
  ProcessId process = 0;
  /// For a thread blocked on a pipe or a message queue: the processes that
  /// hold the other end open (the write end for a read, the read end for a
  /// write; a queue open for sending for a receive, and the reverse).
  std::vector<ProcessId> pipeHolders;
  /// For a thread blocked sending to a full message queue: the messages in
  /// it and its mq_maxmsg.
  uint32_t queued = 0, queueCapacity = 0;
  /// For a thread blocked in a wait for a child: the thread it waits on is
  /// that child's first thread (waitsOn), when one child is meant.
  /// When the thread is meant, as an index into Execution::events: thread
  /// numbers are reused (objects/ids.h), so a number alone does not say
  /// which thread. NoEvent: at the finding's step.
  uint32_t at = NoEvent;
};

/// A lock-order cycle and its judgement (detect/lock_order.h).
struct LockOrderCycle;

struct Finding {
  FindingKind kind = FindingKind::ProgramCrash;
  /// Where it happens, most important first (the first is the primary site).
  std::vector<Stack> locations;
  /// The object concerned (a mutex), when there is one.
  ObjectAddr object = 0;
  /// The step where it happens: an index into execution->events, or
  /// events.size() when it is the state at the end (a deadlock).
  uint32_t step = 0;
  std::vector<Involvement> threads;
  /// The execution it was found in; steps and schedule refer to it.
  std::shared_ptr<const Execution> execution;
  /// The thread chosen at each step, trimmed of the choices the default
  /// scheduler makes by itself: what `tangle replay --schedule` takes.
  std::vector<ThreadId> schedule;
  uint32_t preemptions = 0;
  /// The preemptions of the witness as the exploration found it, when
  /// witness shrinking (model/explore/shrink.h) replaced it by one with
  /// fewer; 0: not shrunk.
  uint32_t shrunkFrom = 0;
  /// The strategy whose execution this is ("dpor", "pct", "pos"; empty for
  /// a replay): see Strategy in model/explore/explorer.h.
  std::string foundBy;
  /// For race.data: the two accesses, indexes into execution->accesses,
  /// in the order of `locations`.
  std::vector<uint32_t> accesses;
  /// Identity for deduplication: id + source locations.
  std::string key;
  /// Whether it makes the verdict `bugs`: false for a warning
  /// (lock.order-inversion: a cycle that did not deadlock here).
  bool counted = true;
  /// For lock.order-inversion: the cycle's edges and why it did not
  /// deadlock.
  std::shared_ptr<const LockOrderCycle> lockOrder;
  /// For program.nondeterministic: what differed (the explorer's words).
  std::string detail;
  /// For races: whether this execution shows the harm. lostUpdate: each of
  /// the two threads read the location and later wrote it, and both reads
  /// came before both writes, so one write overwrote the other's update.
  /// accessGap: the events between the two racing accesses (0: adjacent).
  /// The explorer keeps the execution that shows the most (betterWitness).
  bool lostUpdate = false;
  uint32_t accessGap = 0;
};

/// Whether `a` is a better counterexample than `b` of the same finding: for
/// a race, one that shows a lost update, then the two accesses closer
/// together; then fewer preemptions, then fewer steps.
bool betterWitness(const Finding &a, const Finding &b);

} // namespace tangle
