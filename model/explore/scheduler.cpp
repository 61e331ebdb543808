// The per-execution scheduler shared by every Program (see scheduler.h).
#include "model/explore/scheduler.h"

#include <algorithm>
#include <functional>

namespace tangle {

Scheduler::Scheduler(const ThreadId *prefix, size_t prefixLength,
                     const ThreadId *sleeping, size_t sleepingCount,
                     std::pmr::memory_resource *memory)
    : prefix_(prefix, prefix + prefixLength, memory),
      sleeping_(sleeping, sleeping + sleepingCount, memory), hint_(memory),
      kinds_(memory), nextOfThread_(memory), threadEntry_(memory),
      priorities_(memory), incarnations_(memory) {}

void Scheduler::setRecordedKinds(const ThreadId *kinds, size_t length) {
  const uint32_t none = uint32_t(prefix_.size());
  kinds_.assign(kinds, kinds + std::min(length, prefix_.size()));
  kinds_.resize(prefix_.size(), uint16_t(OpKind::ThreadStart));
  nextOfThread_.assign(prefix_.size(), none);
  threadEntry_.clear();
  for (uint32_t i = none; i-- > 0;) {
    ThreadId t = prefix_[i];
    if (t >= threadEntry_.size())
      threadEntry_.resize(size_t(t) + 1, none);
    nextOfThread_[i] = threadEntry_[t];
    threadEntry_[t] = i;
  }
  prefixAt_ = 0;
}

bool Scheduler::recordedNext(const Machine &machine, ThreadId t) const {
  if (t >= threadEntry_.size() || threadEntry_[t] >= prefix_.size())
    return false;
  return kinds_[threadEntry_[t]] == uint16_t(machine.pending(t).kind);
}

Choice Scheduler::chooseRecorded(const Machine &machine,
                                 ThreadId current) const {
  ThreadId named = prefix_[prefixAt_];
  bool exists = named < machine.threadCount();
  if (exists && machine.enabled(named) && recordedNext(machine, named))
    return {ChoiceKind::Run, named};
  // A step the free run did not record comes first: the named thread's
  // own (an init before its create), else the current thread's, else the
  // lowest-numbered thread's; a turn of a spin that would find nothing
  // changed only if no other step is left (its writer may be next).
  auto free = [&](ThreadId t, bool spinToo) {
    return t < machine.threadCount() && machine.enabled(t) &&
           !recordedNext(machine, t) && (spinToo || !machine.wouldFailTry(t));
  };
  for (bool spinToo : {false, true}) {
    if (free(named, spinToo))
      return {ChoiceKind::Run, named};
    if (current != NoThread && free(current, spinToo))
      return {ChoiceKind::Run, current};
    for (ThreadId t = 0; t < machine.threadCount(); ++t)
      if (free(t, spinToo))
        return {ChoiceKind::Run, t};
  }
  return {ChoiceKind::Diverged, named};
}

bool Scheduler::asleep(ThreadId t) const {
  return !inPrefix() &&
         std::find(sleeping_.begin(), sleeping_.end(), t) != sleeping_.end();
}

EndReason endReasonOf(ChoiceKind kind) {
  switch (kind) {
  case ChoiceKind::AllDone:
    return EndReason::Exited;
  case ChoiceKind::Deadlock:
    return EndReason::Deadlock;
  case ChoiceKind::SleepBlocked:
    return EndReason::SleepBlocked;
  case ChoiceKind::RetryBounded:
    return EndReason::RetryBounded;
  case ChoiceKind::Diverged:
  case ChoiceKind::Run:
    break;
  }
  return EndReason::Diverged;
}

bool schedulable(const Machine &machine, ThreadId t, uint32_t retryBound) {
  return machine.enabled(t) && !(machine.thread(t).failedTries >= retryBound &&
                                 machine.wouldFailTry(t));
}

/// Whether t's pending operation is one more turn of a spin on atomics or
/// of a polling loop: it looks at what nobody else can change unless they
/// run.
static bool spinsOrPolls(const Machine &machine, ThreadId t) {
  OpKind kind = machine.pending(t).kind;
  return ((isAtomicOp(kind) || kind == OpKind::Yield ||
           kind == OpKind::CancelTest) &&
          machine.wouldFailTry(t)) ||
         machine.pollsAgain(t);
}

/// Turns in a row that t spun or polled without anything changing. (A
/// poll without a sleep -- Machine::pollsAgain -- is never hopeless for
/// good: its turns look like a loop over a table under a lock that does
/// nothing with what it reads, which ends by itself; so 0 for it, the lock
/// steps having reset spinRepeats.)
static uint32_t idleTurns(const Machine &machine, ThreadId t) {
  const ThreadState &thread = machine.thread(t);
  const OpKind kind = machine.pending(t).kind;
  return kind == OpKind::Yield || kind == OpKind::CancelTest
             ? thread.turn.repeats
             : thread.spinRepeats;
}

/// Whether a thread other than t is enabled (asleep or not) and could
/// change something: not itself spinning or polling.
static bool otherCanChange(const Machine &machine, ThreadId t) {
  for (ThreadId q = 0; q < machine.threadCount(); ++q)
    if (q != t && machine.enabled(q) && !spinsOrPolls(machine, q))
      return true;
  return false;
}

/// Whether t's next operation fails and nobody can make it succeed: its
/// lock is held by a thread that cannot run, or it spins or polls while no
/// other thread can run but to spin too. (A thread that retries
/// SpinLimit times in a row is in a loop, not one step from the unlock of
/// a lock it holds itself.)
static bool hopeless(const Machine &machine, ThreadId t) {
  if (!machine.enabled(t) || !machine.wouldFailTry(t))
    return false;
  if (spinsOrPolls(machine, t))
    return !otherCanChange(machine, t);
  const MutexState *m = machine.mutex(machine.pending(t).object);
  // Its own lock it cannot release while it goes on retrying.
  return !(m && m->held() && m->owner != t && machine.enabled(m->owner));
}

/// A thread past the retry bound whose lock is held by a thread that cannot
/// run, or that spins on atomics while no other thread can run but to spin
/// too: nobody will ever release the lock or change the value, so let it
/// spin (the step
/// limit, or SpinLimit, then reports the hang) rather than cut the
/// execution as if it were covered.
static ThreadId hopelessRetrier(const Machine &machine, ThreadId current,
                                const std::function<bool(ThreadId)> &awake) {
  ThreadId found = NoThread;
  for (ThreadId t = 0; t < machine.threadCount(); ++t) {
    if (!awake(t) || !hopeless(machine, t))
      continue;
    if (t == current)
      return t;
    if (found == NoThread)
      found = t;
  }
  return found;
}

/// A thread other than t that spins, polls or retries for good too, but has
/// not had its SpinLimit turns yet: its loop may poll a bounded number of
/// times and end by itself (rcu_queue: fifteen workers poll an empty queue,
/// each up to 1,023 times, and one of them has items left to push once its
/// tries run out). The execution is a stall only once every such thread
/// had its turns; until then the next of them runs.
static ThreadId unspentSpinner(const Machine &machine, ThreadId t,
                               const std::function<bool(ThreadId)> &awake) {
  for (ThreadId q = 0; q < machine.threadCount(); ++q)
    if (q != t && awake(q) && idleTurns(machine, q) < SpinLimit &&
        hopeless(machine, q))
      return q;
  return NoThread;
}

/// A stall, or the next spinner to give its turns (see unspentSpinner).
static Choice stallOr(const Machine &machine, ThreadId t,
                      const std::function<bool(ThreadId)> &awake) {
  ThreadId q = unspentSpinner(machine, t, awake);
  if (q != NoThread)
    return {ChoiceKind::Run, q};
  return {ChoiceKind::Deadlock, NoThread};
}

/// A thread about to end its process (exit, return from main) that the
/// scheduler does not have to switch to: it goes last, after every thread
/// that can still run, so that what they do is seen; the explorer tries
/// the exit earlier wherever that changes what can be seen (explorer.cpp).
static bool endsProcess(const Machine &machine, ThreadId t) {
  return machine.pending(t).kind == OpKind::ProcessExit;
}

ThreadId defaultChoice(const Machine &machine, ThreadId current,
                       uint32_t retryBound) {
  if (current != NoThread && current < machine.threadCount() &&
      schedulable(machine, current, retryBound))
    return current;
  ThreadId exiting = NoThread;
  for (ThreadId t = 0; t < machine.threadCount(); ++t) {
    if (!schedulable(machine, t, retryBound))
      continue;
    if (!endsProcess(machine, t))
      return t;
    if (exiting == NoThread)
      exiting = t;
  }
  if (exiting != NoThread)
    return exiting;
  return hopelessRetrier(machine, current, [](ThreadId) { return true; });
}

/// splitmix64: a well-mixed 64-bit value from x, for the random policies
/// (the same on every machine, so a seed names the same schedule).
static uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

/// A random priority above every change point's (1 .. d - 1) and every
/// spinning thread's (0 and below).
static int64_t drawnPriority(uint64_t seed, uint64_t what) {
  return int64_t((mix(seed ^ mix(what)) >> 4) | (uint64_t(1) << 59));
}

int64_t Scheduler::priority(ThreadId t) const {
  if (t < priorities_.size() && priorities_[t] != 0)
    return priorities_[t];
  uint64_t incarnation = t < incarnations_.size() ? incarnations_[t] : 0;
  return drawnPriority(policy_.seed, (incarnation << 32) | t);
}

ThreadId Scheduler::highestPriority(const Machine &machine) const {
  ThreadId best = NoThread;
  int64_t bestPriority = 0;
  for (ThreadId t = 0; t < machine.threadCount(); ++t) {
    if (!schedulable(machine, t, retryBound_))
      continue;
    int64_t p = priority(t);
    if (best == NoThread || p > bestPriority) {
      best = t;
      bestPriority = p;
    }
  }
  return best;
}

void Scheduler::reprioritise(const Machine &machine, ThreadId t) {
  if (priorities_.size() < machine.threadCount()) {
    priorities_.resize(machine.threadCount(), 0);
    incarnations_.resize(machine.threadCount(), 0);
  }
  if (policy_.kind == SchedulePolicy::Pos) {
    // POS: the executed event's thread has a new event, and the events
    // that race with the executed one get new priorities too.
    for (ThreadId q = 0; q < machine.threadCount(); ++q)
      if (q != t && machine.running(q) && machine.hasPending(q) &&
          machine.conflicts(t, q))
        priorities_[q] = drawnPriority(policy_.seed, ~draws_++);
    priorities_[t] = drawnPriority(policy_.seed, ~draws_++);
  } else {
    // PCT: at change point i the running thread drops below every other.
    for (uint32_t i = 0;
         i + 1 < policy_.depth && i < SchedulePolicy::MaxChangePoints; ++i)
      if (policy_.changePoints[i] == steps_)
        priorities_[t] = int64_t(i) + 1;
  }
  // A thread that yields, or goes round a spin, poll or retry loop without
  // anything changing, waits for another: it drops below every thread, so
  // that the highest priority does not spin for good (as PCT tools treat a
  // yield).
  const OpKind kind = machine.pending(t).kind;
  if (kind == OpKind::Yield || machine.wouldFailTry(t))
    priorities_[t] = --lowest_;
  // Its number may be given to a new thread, which draws its own priority.
  if (kind == OpKind::ThreadExit) {
    priorities_[t] = 0;
    ++incarnations_[t];
  }
}

/// Under a random policy: the highest priority runs; a thread past the
/// retry bound, or spinning for good, as in the default choice.
Choice Scheduler::chooseByPriority(const Machine &machine,
                                   ThreadId current) const {
  bool anyEnabled = false, anyLive = false;
  for (ThreadId t = 0; t < machine.threadCount(); ++t) {
    anyLive |= machine.running(t);
    anyEnabled |= machine.enabled(t);
  }
  ThreadId best = highestPriority(machine);
  if (best != NoThread) {
    if (idleTurns(machine, best) >= SpinLimit && hopeless(machine, best))
      return stallOr(machine, best, [](ThreadId) { return true; });
    return {ChoiceKind::Run, best};
  }
  if (anyEnabled) {
    ThreadId t =
        hopelessRetrier(machine, current, [](ThreadId) { return true; });
    if (t != NoThread && idleTurns(machine, t) >= SpinLimit)
      return stallOr(machine, t, [](ThreadId) { return true; });
    if (t != NoThread)
      return {ChoiceKind::Run, t};
    return {ChoiceKind::RetryBounded, NoThread};
  }
  return {anyLive ? ChoiceKind::Deadlock : ChoiceKind::AllDone, NoThread};
}

Choice Scheduler::choose(const Machine &machine, ThreadId current) const {
  if (machine.processEnded())
    return {ChoiceKind::AllDone, NoThread};
  if (!kinds_.empty() && inPrefix())
    return chooseRecorded(machine, current);
  if (inPrefix()) {
    ThreadId t = prefix_[steps_];
    if (t < machine.threadCount() && machine.enabled(t))
      return {ChoiceKind::Run, t};
    return {ChoiceKind::Diverged, t};
  }
  if (policy_.kind != SchedulePolicy::Default)
    return chooseByPriority(machine, current);
  if (hintAt_ < hint_.size()) {
    ThreadId t = hint_[hintAt_];
    if (t < machine.threadCount() && !asleep(t) &&
        schedulable(machine, t, retryBound_) &&
        !(idleTurns(machine, t) >= SpinLimit && hopeless(machine, t)))
      return {ChoiceKind::Run, t};
  }
  bool anyEnabled = false, anyAwake = false, anyLive = false;
  ThreadId lowest = NoThread, exiting = NoThread;
  for (ThreadId t = 0; t < machine.threadCount(); ++t) {
    anyLive |= machine.running(t);
    if (!machine.enabled(t))
      continue;
    anyEnabled = true;
    if (asleep(t))
      continue;
    anyAwake = true;
    if (!schedulable(machine, t, retryBound_))
      continue;
    if (t == current) {
      // It spins, polls or retries for good even below the retry bound.
      if (idleTurns(machine, t) >= SpinLimit && hopeless(machine, t))
        return stallOr(machine, t, [&](ThreadId q) { return !asleep(q); });
      return {ChoiceKind::Run, t};
    }
    if (endsProcess(machine, t)) {
      if (exiting == NoThread)
        exiting = t;
    } else if (lowest == NoThread) {
      lowest = t;
    }
  }
  if (lowest == NoThread)
    lowest = exiting;
  if (lowest != NoThread)
    return {ChoiceKind::Run, lowest};
  if (anyAwake) {
    ThreadId t = hopelessRetrier(machine, current,
                                 [&](ThreadId q) { return !asleep(q); });
    // It spins, polls or retries for good: nobody can change what it waits
    // for.
    if (t != NoThread && idleTurns(machine, t) >= SpinLimit)
      return stallOr(machine, t, [&](ThreadId q) { return !asleep(q); });
    if (t != NoThread)
      return {ChoiceKind::Run, t};
    return {ChoiceKind::RetryBounded, NoThread};
  }
  if (anyEnabled)
    return {ChoiceKind::SleepBlocked, NoThread};
  return {anyLive ? ChoiceKind::Deadlock : ChoiceKind::AllDone, NoThread};
}

void Scheduler::willStep(const Machine &machine, ThreadId t) {
  if (!kinds_.empty() && inPrefix() && recordedNext(machine, t)) {
    // Its recorded operation: the entry is used (chooseRecorded runs a
    // thread whose next operation is recorded only at its own entry).
    threadEntry_[t] = nextOfThread_[threadEntry_[t]];
    ++prefixAt_;
  }
  ++steps_;
  if (policy_.kind != SchedulePolicy::Default && steps_ > prefix_.size())
    reprioritise(machine, t);
  // The hint is followed step by step; once a step departs from it, the
  // default scheduler has taken over for good.
  if (steps_ > prefix_.size() && hintAt_ < hint_.size())
    hintAt_ = hint_[hintAt_] == t ? hintAt_ + 1 : hint_.size();
  if (steps_ <= prefix_.size() || sleeping_.empty())
    return;
  // t's operation wakes every sleeping thread whose next operation it
  // conflicts with: their order now matters again.
  sleeping_.erase(std::remove_if(sleeping_.begin(), sleeping_.end(),
                                 [&](ThreadId q) {
                                   return q == t || machine.conflicts(t, q);
                                 }),
                  sleeping_.end());
}

} // namespace tangle
