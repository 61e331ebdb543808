// Which thread runs next within one execution: follow the explorer's schedule
// prefix, then continue without preemption (the running thread goes on while
// it can; otherwise the lowest-numbered enabled thread), never choosing a
// thread in the sleep set -- or, under a random policy (SchedulePolicy: PCT,
// POS), run the enabled thread of highest priority. Used by every Program,
// live or scripted, so that all of them make the same choices the explorer
// expects.
#pragma once

#include "model/explore/program.h"
#include "model/machine.h"

#include <cstdint>
#include <memory_resource>
#include <optional>
#include <vector>

namespace tangle {

/// Retry loops (trylock back-off, std::lock) can spin forever under an
/// adversarial scheduler, making the tree of interleavings infinite. Like
/// CHESS's fair scheduling, a thread that has failed `retryBound` try/timed
/// locks is not scheduled to fail yet another while others can run; an
/// execution where nothing else can run ends as RetryBounded.
constexpr uint32_t DefaultRetryBound = 2;

/// A thread spinning on atomics, polling (objects/thread.h) or retrying a
/// try-lock that nobody else can run to change (see objects/atomic.h) is
/// let go round this many turns in a row -- a loop that polls a bounded
/// number of times goes on -- and then counts as blocked: the execution
/// ends as a deadlock, which names what it spins on.
constexpr uint32_t SpinLimit = 1000;

enum class ChoiceKind : uint8_t {
  Run,          // run `thread`
  AllDone,      // no live thread has a pending operation: the process ended
  Deadlock,     // live threads remain, none is enabled
  SleepBlocked, // every enabled thread sleeps: this execution is redundant
  RetryBounded, // only threads past the retry bound could go on
  Diverged,     // the prefix names a thread that is not enabled
};

/// How an execution ends when the scheduler cannot run a thread.
EndReason endReasonOf(ChoiceKind kind);

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

  /// Failed try/timed locks a thread may make while other threads can run
  /// (see schedulable()).
  void setRetryBound(uint32_t bound) { retryBound_ = bound; }

  /// Under the default policy, the threads to run after the prefix while
  /// each can run and is not asleep (ExecutionRequest::hint).
  void setHint(const ThreadId *hint, size_t length) {
    hint_.assign(hint, hint + length);
    hintAt_ = 0;
  }

  /// How to choose after the prefix (SchedulePolicy::Default unless set).
  void setPolicy(const SchedulePolicy &policy) { policy_ = policy; }

  /// A recorded order replayed (a free run's events, prediction): kinds[i]
  /// is the kind of operation prefix entry i was recorded as. The free run
  /// records fewer operations than this runtime schedules (an init, a
  /// destroy, a spin's turn, an atomic), so an entry is taken only by its
  /// thread's operation of that kind; a thread whose pending operation is
  /// not its next recorded one runs it without using an entry.
  void setRecordedKinds(const ThreadId *kinds, size_t length);

  /// In a recorded order: the kind of the entry the next recorded step
  /// must match (for a divergence's message); nullopt otherwise.
  std::optional<OpKind> nextRecordedKind() const {
    if (kinds_.empty() || !inPrefix())
      return std::nullopt;
    return OpKind(kinds_[prefixAt_]);
  }

  uint64_t steps() const { return steps_; }
  bool inPrefix() const {
    return (kinds_.empty() ? steps_ : prefixAt_) < prefix_.size();
  }

private:
  bool asleep(ThreadId t) const;
  Choice chooseRecorded(const Machine &machine, ThreadId current) const;
  /// In a recorded order: whether t's pending operation is its next
  /// recorded one (else it is one the free run did not record).
  bool recordedNext(const Machine &machine, ThreadId t) const;
  Choice chooseByPriority(const Machine &machine, ThreadId current) const;
  /// Under a random policy: t's priority now (higher runs first).
  int64_t priority(ThreadId t) const;
  /// The schedulable thread of highest priority, or NoThread.
  ThreadId highestPriority(const Machine &machine) const;
  /// Under a random policy, before t's step: the priority changes it makes.
  void reprioritise(const Machine &machine, ThreadId t);

  std::pmr::vector<ThreadId> prefix_;
  std::pmr::vector<ThreadId> sleeping_; // applies once the prefix is done
  std::pmr::vector<ThreadId> hint_;     // followed after the prefix
  size_t hintAt_ = 0;                   // hint_.size(): no longer followed
  uint64_t steps_ = 0;
  /// A recorded order (setRecordedKinds): the kind of each prefix entry,
  /// the index of the same thread's next entry (prefix_.size(): none), each
  /// thread's next entry, and the entries used so far.
  std::pmr::vector<uint16_t> kinds_;
  std::pmr::vector<uint32_t> nextOfThread_;
  std::pmr::vector<uint32_t> threadEntry_;
  uint64_t prefixAt_ = 0;
  uint32_t retryBound_ = DefaultRetryBound;
  SchedulePolicy policy_;
  /// Priorities set during the execution, by thread (0: not set, the
  /// thread has its initial one, drawn from the seed and its incarnation).
  std::pmr::vector<int64_t> priorities_;
  std::pmr::vector<uint32_t> incarnations_; // thread numbers are reused
  int64_t lowest_ = 0; // the last priority given to a spinning thread
  uint64_t draws_ = 0; // POS: priorities drawn so far
};

bool schedulable(const Machine &machine, ThreadId t, uint32_t retryBound);

/// The choice the scheduler makes after its prefix, without a sleep set:
/// the current thread if schedulable, else the lowest-numbered one.
ThreadId defaultChoice(const Machine &machine, ThreadId current,
                       uint32_t retryBound = DefaultRetryBound);

} // namespace tangle
