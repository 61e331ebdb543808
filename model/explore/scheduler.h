// Which thread runs next within one execution: follow the explorer's schedule
// prefix, then continue without preemption (the running thread goes on while
// it can; otherwise the lowest-numbered enabled thread), never choosing a
// thread in the sleep set. Used by every Program, live or scripted, so that
// all of them make the same choices the explorer expects.
#pragma once

#include "model/machine.h"

#include <cstdint>
#include <memory_resource>
#include <vector>

namespace tangle {

enum class ChoiceKind : uint8_t {
  Run,          // run `thread`
  AllDone,      // no live thread has a pending operation: the process ended
  Deadlock,     // live threads remain, none is enabled
  SleepBlocked, // every enabled thread sleeps: this execution is redundant
  Diverged,     // the prefix names a thread that is not enabled
};

struct Choice {
  ChoiceKind kind = ChoiceKind::Run;
  ThreadId thread = NoThread;
};

class Scheduler {
public:
  Scheduler(
      const ThreadId *prefix, size_t prefixLength, const ThreadId *sleeping,
      size_t sleepingCount,
      std::pmr::memory_resource *memory = std::pmr::get_default_resource());

  /// Picks the thread whose pending operation executes next.
  /// `current` is the thread that executed the previous step (or NoThread).
  Choice choose(const Machine &machine, ThreadId current) const;

  /// Call before machine.step(t): wakes sleeping threads whose pending
  /// operation conflicts with t's, and advances through the prefix.
  void willStep(const Machine &machine, ThreadId t);

  uint64_t steps() const { return steps_; }
  bool inPrefix() const { return steps_ < prefix_.size(); }

private:
  bool asleep(ThreadId t) const;

  std::pmr::vector<ThreadId> prefix_;
  std::pmr::vector<ThreadId> sleeping_; // applies once the prefix is done
  uint64_t steps_ = 0;
};

/// The choice the scheduler makes after its prefix, without a sleep set:
/// the current thread if enabled, else the lowest-numbered enabled thread.
ThreadId defaultChoice(const Machine &machine, ThreadId current);

} // namespace tangle
