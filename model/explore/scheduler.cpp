// The per-execution scheduler shared by every Program (see scheduler.h).
#include "model/explore/scheduler.h"

#include <algorithm>

namespace tangle {

Scheduler::Scheduler(const ThreadId *prefix, size_t prefixLength,
                     const ThreadId *sleeping, size_t sleepingCount,
                     std::pmr::memory_resource *memory)
    : prefix_(prefix, prefix + prefixLength, memory),
      sleeping_(sleeping, sleeping + sleepingCount, memory) {}

bool Scheduler::asleep(ThreadId t) const {
  return !inPrefix() &&
         std::find(sleeping_.begin(), sleeping_.end(), t) != sleeping_.end();
}

ThreadId defaultChoice(const Machine &machine, ThreadId current) {
  if (current != NoThread && current < machine.threadCount() &&
      machine.enabled(current))
    return current;
  for (ThreadId t = 0; t < machine.threadCount(); ++t)
    if (machine.enabled(t))
      return t;
  return NoThread;
}

Choice Scheduler::choose(const Machine &machine, ThreadId current) const {
  if (machine.processEnded())
    return {ChoiceKind::AllDone, NoThread};
  if (inPrefix()) {
    ThreadId t = prefix_[steps_];
    if (t < machine.threadCount() && machine.enabled(t))
      return {ChoiceKind::Run, t};
    return {ChoiceKind::Diverged, t};
  }
  bool anyEnabled = false, anyLive = false;
  ThreadId lowest = NoThread;
  for (ThreadId t = 0; t < machine.threadCount(); ++t) {
    anyLive |= machine.live(t);
    if (!machine.enabled(t))
      continue;
    anyEnabled = true;
    if (asleep(t))
      continue;
    if (t == current)
      return {ChoiceKind::Run, t};
    if (lowest == NoThread)
      lowest = t;
  }
  if (lowest != NoThread)
    return {ChoiceKind::Run, lowest};
  if (anyEnabled)
    return {ChoiceKind::SleepBlocked, NoThread};
  return {anyLive ? ChoiceKind::Deadlock : ChoiceKind::AllDone, NoThread};
}

void Scheduler::willStep(const Machine &machine, ThreadId t) {
  ++steps_;
  if (steps_ <= prefix_.size() || sleeping_.empty())
    return;
  // t's operation wakes every sleeping thread whose next operation it
  // conflicts with: their order now matters again.
  Access stepping = machine.accessOf(t);
  sleeping_.erase(std::remove_if(sleeping_.begin(), sleeping_.end(),
                                 [&](ThreadId q) {
                                   return q == t ||
                                          dependent(stepping,
                                                    machine.accessOf(q));
                                 }),
                  sleeping_.end());
}

} // namespace tangle
