// The lock-order graph: which lock each thread took while holding which,
// merged over many runs (explored executions, or one recorded run), and its
// cycles judged: guarded by a common gate lock, impossible in this program
// (one thread takes both orders, or the threads are ordered by create/join or
// other synchronisation), or able to deadlock (docs/findings.md,
// "lock.order-inversion"). The graph reads plain lock events, so any source
// of them can feed it; lockEventsOf() makes them from an explored execution.
#pragma once

#include "model/detect/finding.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tangle {

struct Execution;
struct ExecutionAnalysis;

/// One thing a thread did that the lock-order graph cares about.
struct LockEvent {
  enum class Kind : uint8_t {
    Acquire,    // took `object`, waiting for it if it was held
    TryAcquire, // took `object` without waiting (trylock, timed lock): it
                // is held from now on, but taking it cannot deadlock
    Release,    // `object` is free again (whoever held it)
    Send,       // a happens-before edge leaves: `object` is its key
    Receive,    // ... and arrives (what was sent to `object`)
    Start,      // `thread` begins: a new thread (numbers may be reused)
  };
  Kind kind = Kind::Acquire;
  /// For Send and Receive: a create/start, exit/join or fork/wait edge
  /// (else a semaphore, condition, barrier, pipe... edge).
  bool lifecycle = false;
  ThreadId thread = NoThread;
  uint64_t object = 0;
  /// The index of the event in its source (Execution::events): reports
  /// number steps with it.
  uint32_t step = 0;
  /// Where an acquisition happened (Acquire, TryAcquire); may be null.
  const Stack *stack = nullptr;
};

/// Why a cycle of the graph did not deadlock where it was seen.
enum class InversionReason : uint8_t {
  SameThread,      // one thread takes both orders
  OrderedByJoin,   // create/join order the threads: never at once
  OrderedBySync,   // semaphores, conditions, barriers... order them
  Concurrent,      // nothing orders them, yet no deadlock was seen
};
const char *inversionReasonName(InversionReason reason);

/// How two edges of a cycle stand to each other in one run.
enum class EdgeOrder : uint8_t {
  SameThread,
  OrderedByJoin,
  OrderedBySync,
  Concurrent,
};

/// One edge of a reported cycle: `thread` took `acquired` while holding
/// `held`, and the other locks it held then (gates).
struct LockOrderEdge {
  ObjectAddr held = 0, acquired = 0;
  Stack heldStack, acquiredStack;
  std::vector<ObjectAddr> gates;
  ThreadId thread = NoThread;
  /// Steps of the witness run (NoEvent when this edge was seen in another).
  uint32_t heldAt = NoEvent, acquiredAt = NoEvent;
};

/// A cycle the graph found and judged.
struct LockOrderCycle {
  std::vector<LockOrderEdge> edges; // edges[i].acquired == edges[i+1].held
  InversionReason reason = InversionReason::Concurrent;
  /// The two edges (indexes into edges) whose order says why (reason).
  size_t first = 0, second = 1;
  /// The run whose occurrences `edges` show (witness), when one shows all.
  uint64_t run = 0;
  bool witnessed = false;
  /// Set by the explorer: whether every interleaving was explored, and
  /// what stopped it if not (for reason Concurrent: was it reachable?).
  bool complete = false;
  std::string stoppedBy;
};

/// The graph, merged over runs. Memory: one record per (lock pair, the two
/// acquisition sites), each with a few occurrences -- not one per lock
/// operation.
class LockOrderGraph {
public:
  /// Longest cycle searched for (locks), and limits that keep a dense
  /// graph cheap.
  static constexpr size_t MaxCycleLength = 6;
  static constexpr size_t MaxCycles = 256;
  static constexpr size_t MaxVariantsPerPair = 8;
  static constexpr size_t MaxOccurrences = 32;

  void beginRun(uint64_t run);
  void apply(const LockEvent &event);
  /// Ends the run; returns the cycles (as lock sequences) first found in it.
  std::vector<std::vector<ObjectAddr>> endRun();

  /// Whether run `run` showed every lock pair of `cycle`.
  bool runShows(uint64_t run, const std::vector<ObjectAddr> &cycle) const;

  /// The cycles found so far, each a sequence of locks l0 -> l1 -> ... -> l0.
  const std::vector<std::vector<ObjectAddr>> &cycles() const {
    return cycles_;
  }

  /// Judges `cycle`: nullopt when a common gate lock guards every way the
  /// graph saw it taken, else the most dangerous way with the reason it
  /// did not deadlock. `preferRun`: the witness run to take steps from.
  std::optional<LockOrderCycle> judge(const std::vector<ObjectAddr> &cycle,
                                      std::optional<uint64_t> preferRun) const;

  size_t pairCount() const { return pairs_.size(); }
  size_t variantCount() const;

private:
  struct Clocks; // a thread's happens-before position, shared by snapshots
  struct Occurrence {
    uint64_t run;
    uint32_t instance; // the thread, as started in its run
    ThreadId thread;
    uint32_t heldInterval, acquiredInterval;
    uint32_t heldAt, acquiredAt;
    std::shared_ptr<const Clocks> atHeld; // its clocks when it took `held`
  };
  struct Variant {
    uint64_t heldSite, acquiredSite;
    Stack heldStack, acquiredStack;
    std::vector<ObjectAddr> gates; // held every time (intersection)
    std::vector<Occurrence> occurrences;
  };
  struct Pair {
    std::vector<Variant> variants;
    uint64_t lastRun = UINT64_MAX;
  };
  struct Held {
    ObjectAddr lock;
    uint64_t site;
    Stack stackCopy;
    uint32_t step;
    uint32_t interval;
    std::shared_ptr<const Clocks> clocks;
  };
  struct ThreadRun {
    uint32_t instance = 0; // 0: the thread has not started in this run
    uint32_t interval = 1;
    std::vector<uint32_t> life, all; // vector clocks by thread number
    std::shared_ptr<const Clocks> snapshot; // of the current interval
    std::vector<Held> held;
  };

  ThreadRun &threadOf(ThreadId t);
  void clearThreads();
  void clearSent();
  void acquire(const LockEvent &event, bool edges);
  void addEdge(ThreadId t, ThreadRun &thread, const Held &outer,
               const LockEvent &event, uint64_t site);
  void findCycles(ObjectAddr from, ObjectAddr to,
                  std::vector<std::vector<ObjectAddr>> &found);
  EdgeOrder order(const Occurrence &a, const Occurrence &b) const;
  static uint64_t siteOf(const Stack *stack);

  uint64_t run_ = 0;
  uint32_t instances_ = 0;
  /// By thread number (small and dense). Every execution of an
  /// exploration comes here: a run clears the entries, keeping their room.
  std::vector<ThreadRun> threads_;
  /// The clocks sent through each object in this run; emptied, not
  /// dropped, between runs (clearSent).
  std::unordered_map<uint64_t, std::vector<uint32_t>> sentLife_, sentAll_;
  static constexpr size_t MaxKeptSent = 4096;
  std::map<std::pair<ObjectAddr, ObjectAddr>, Pair> pairs_;
  std::map<ObjectAddr, std::vector<ObjectAddr>> successors_;
  std::vector<std::pair<ObjectAddr, ObjectAddr>> newPairs_;
  std::vector<std::vector<ObjectAddr>> cycles_;
};

/// The lock events of an explored execution, in order: mutexes and
/// rwlocks taken for writing (read locks share, and are left out), condition
/// waits (release) and wake-ups (acquire), and the happens-before edges of
/// everything but locks (syncEdges in races.h).
void lockEventsOf(const Execution &execution, const ExecutionAnalysis &analysis,
                  const std::function<void(const LockEvent &)> &sink);

/// lock.order-inversion findings from the executions of one exploration
/// (or one replay): feeds each to the graph, keeps for each cycle the
/// first execution that shows all of it (its witness), and judges the
/// cycles at the end.
class LockOrderCheck {
public:
  /// `schedule` is asked for only when the execution becomes a witness.
  void add(const std::shared_ptr<const Execution> &execution,
           const ExecutionAnalysis &analysis,
           const std::function<std::vector<ThreadId>()> &schedule,
           uint32_t preemptions);

  /// The warnings: one per cycle that no gate lock guards and that
  /// `reported` shows no deadlock.cycle on (that finding stands for it),
  /// at most `max`. `complete`/`stoppedBy`: how the exploration ended.
  std::vector<Finding> findings(const std::vector<Finding> &reported,
                                bool complete, const std::string &stoppedBy,
                                size_t max) const;

  const LockOrderGraph &graph() const { return graph_; }

private:
  struct Witness {
    std::shared_ptr<const Execution> execution;
    std::vector<ThreadId> schedule;
    uint32_t preemptions = 0;
    uint64_t run = 0;
    bool full = false; // it shows every edge of the cycle
  };
  LockOrderGraph graph_;
  uint64_t runs_ = 0;
  std::map<std::vector<ObjectAddr>, Witness> witnesses_;
};

} // namespace tangle
