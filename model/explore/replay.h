// Replaying an execution through the Machine: the effect of every event, and
// the state before each. The explorer finds races and builds its tree from
// this; the detectors read the outcomes and the final state.
#pragma once

#include "model/explore/program.h"
#include "model/machine.h"

#include <array>
#include <cstddef>
#include <memory>
#include <memory_resource>
#include <string>
#include <unordered_map>
#include <vector>

namespace tangle {

/// A live thread's operation that never executed: it waits (or was about to
/// run) when the execution ended.
struct VirtualEvent {
  ThreadId thread = NoThread;
  Operation op;
  Access access;
  bool enabled = false;
};

/// Steps an execution's events through a Machine one at a time, posting
/// each thread's next operation (its next event, or its pending operation
/// at the end), so that before each step the Machine is in the state the
/// program was in. Two replays of one execution go through the same states.
class Replayer {
public:
  /// `retryBound` and `spuriousWakeups` must be the ones the execution ran
  /// with (scheduler.h, ExecutionRequest). The Machine's memory comes from
  /// `memory`, which must outlive it.
  Replayer(
      const Execution &execution, uint32_t retryBound, bool spuriousWakeups,
      std::pmr::memory_resource *memory = std::pmr::get_default_resource());

  const Machine &machine() const { return machine_; }
  Machine &machine() { return machine_; }
  /// The number of events stepped so far: the machine is in state position().
  size_t position() const { return position_; }
  bool atEnd() const { return position_ == execution_.events.size(); }
  uint32_t retryBound() const { return retryBound_; }

  /// Executes event position(). False, with `error` set, when the model
  /// cannot do what the program did.
  bool step(Outcome &outcome, std::string &error);

  /// Whether t can be scheduled in the current state (scheduler.h's
  /// schedulable()); `forEachPending` visits every live thread that has a
  /// pending operation, in ThreadId order.
  bool schedulable(ThreadId t) const;
  template <typename F> void forEachPending(F &&f) const {
    for (ThreadId t = 0; t < machine_.threadCount(); ++t)
      if (machine_.live(t) && machine_.hasPending(t))
        f(t);
  }

private:
  void postNext(ThreadId t);

  const Execution &execution_;
  uint32_t retryBound_;
  Machine machine_;
  size_t position_ = 0;
  // Flat arrays, not a vector or map per thread: the explorer replays
  // every execution twice, and these were most of a replay's allocations.
  // They end with the replay, so their memory comes from a buffer in the
  // Replayer (the heap past it: about 2,000 events), not from malloc.
  std::array<std::byte, 8192> room_;
  std::pmr::monotonic_buffer_resource roomResource_{room_.data(), room_.size()};
  static constexpr uint32_t NoEvent = UINT32_MAX;
  // per event: its thread's next one
  std::pmr::vector<uint32_t> nextOfThread_{&roomResource_};
  // per thread: its next event
  std::pmr::vector<uint32_t> cursor_{&roomResource_};
  // per thread, or nullptr
  std::pmr::vector<const PendingOp *> finalPending_{&roomResource_};
};

/// A step that ends or takes over a process (exit, exec, kill, a spawn that
/// hands pipe ends to another program): what it changes besides cutting off
/// the process's threads.
struct ProcessEnd {
  uint32_t event = 0;
  ProcessId process = NoProcess; // the process ended (a kill's target)
  bool cutsOff = true;           // false for a spawn: no thread stops
  /// The objects it touches, for other processes to observe, and how
  /// (Machine::processEndTouches): the process and the ends of its children
  /// (changed), the ends of its parent's children (as a release: the
  /// parent's waits and its own exit see it, a sibling's exit and the
  /// parent's forks do not), the pipes it holds an end of, and every file
  /// lock. (Queues: the descriptors an exit closes decide nothing another
  /// process can do.)
  std::vector<std::pair<ObjectAddr, AccessKind>> touches;
};

struct ExecutionAnalysis {
  std::vector<Outcome> outcomes;     // per event
  /// Per event: whether it touched an object another process can see (a
  /// pipe, queue, file lock or process, or memory shared between
  /// processes); the exit of its own process is dependent on it.
  std::vector<bool> interProcess;
  std::vector<ProcessEnd> processEnds; // in event order
  std::vector<ThreadId> defaults;    // the default scheduler's choice at i
  std::vector<uint32_t> preemptions; // context switches away from an
                                     // enabled thread before state i
                                     // (i == events.size() is the end)
  std::vector<VirtualEvent> virtuals;

private:
  // Declared before `final`, whose memory they may hold: they go after it.
  std::unique_ptr<std::byte[]> room_;
  std::unique_ptr<std::pmr::monotonic_buffer_resource> arena_;

public:
  Machine final;     // the state at the end, pending operations posted
  std::string error; // set when the events do not replay

  /// As a new one, keeping the room of its vectors.
  void clear();
  /// From now on `final`, and the replay that builds it, take their memory
  /// from a buffer of `bytes` of the analysis's own (the heap past it),
  /// which clear() takes back at once rather than freeing the machine piece
  /// by piece: for an analysis reused execution after execution. A copy of
  /// `final` takes its memory from the heap, as any other. Such an analysis
  /// is not to be assigned to or from (the buffer would change hands
  /// before the machine on it); the explorer keeps one per worker.
  void ownMemory(size_t bytes);
  bool ownsMemory() const { return arena_ != nullptr; }
  /// Where `final`'s memory comes from.
  std::pmr::memory_resource *memory() const {
    return arena_ ? arena_.get() : std::pmr::get_default_resource();
  }
};

/// `retryBound` and `spuriousWakeups` must be the ones the execution ran
/// with (scheduler.h, ExecutionRequest).
ExecutionAnalysis analyzeExecution(const Execution &execution,
                                   uint32_t retryBound = 2,
                                   bool spuriousWakeups = false);
/// The same, into `a` (which it clears first): the explorer analyses every
/// execution into one, reusing the room of its vectors.
void analyzeExecution(const Execution &execution, uint32_t retryBound,
                      bool spuriousWakeups, ExecutionAnalysis &a);

} // namespace tangle
