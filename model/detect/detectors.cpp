// See detectors.h. Misuse comes from the effects the Machine reported for
// each step; deadlocks from the wait-for graph of the final state.
#include "model/detect/detectors.h"

#include "model/detect/held_locks.h"
#include "model/objects/lifetime.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace tangle {
namespace {

void setKey(Finding &f, bool unordered) {
  std::vector<uint64_t> sites;
  for (const Stack &s : f.locations)
    sites.push_back(s.frames[0]);
  f.key = findingKey(f.kind, std::move(sites), unordered);
}

class Detector {
public:
  Detector(const Execution &e, const ExecutionAnalysis &a)
      : execution_(e), analysis_(a) {}

  std::vector<Finding> run() {
    const auto &events = execution_.events;
    for (uint32_t i = 0; i < analysis_.outcomes.size(); ++i) {
      size_t before = findings_.size();
      onStep(events[i], analysis_.outcomes[i], i);
      dropRepeated(before);
      held_.apply(events[i], analysis_.outcomes[i], i, analysis_.final);
    }
    onEnd();
    return std::move(findings_);
  }

private:
  /// The findings from `from` on whose key an earlier step of this
  /// execution already reported are dropped: a misuse repeated in a loop is
  /// one finding (its first step), and an execution of a million steps
  /// that each misuse an object no longer keeps a million findings (a
  /// random run of a 20-thread C11 queue that frees its waiters'
  /// conditions filled 24 GB so; model/tests/explorer_test.cpp,
  /// AMisuseRepeatedAtOneSite...).
  void dropRepeated(size_t from) {
    auto repeated = [&](const Finding &f) {
      return !stepKeys_.insert(f.key).second;
    };
    findings_.erase(std::remove_if(findings_.begin() + from, findings_.end(),
                                   repeated),
                    findings_.end());
  }

  Involvement involve(ThreadId t) const {
    Involvement inv;
    inv.thread = t;
    inv.holds = held_.of(t);
    if (t < analysis_.final.threadCount())
      inv.process = analysis_.final.processOf(t);
    return inv;
  }

  Finding &add(FindingKind kind, uint32_t step, ObjectAddr object,
               std::vector<Stack> locations) {
    Finding f;
    f.kind = kind;
    f.step = step;
    f.object = object;
    f.locations = std::move(locations);
    findings_.push_back(std::move(f));
    return findings_.back();
  }

  void onStep(const Event &event, const Outcome &outcome, uint32_t i) {
    ObjectAddr m = event.op.object;
    if (outcome.misuse != Effect::None)
      return onLifetimeMisuse(event, outcome, i);
    auto misuse = [&](FindingKind kind, bool withOwner) {
      Finding &f = add(kind, i, m, {event.stack});
      f.threads.push_back(involve(event.thread));
      ThreadId owner = held_.ownerOf(m);
      if (withOwner && owner != NoThread && owner != event.thread)
        f.threads.push_back(involve(owner));
      setKey(f, false);
    };
    switch (outcome.effect) {
    case Effect::UnlockNotOwner:
      return misuse(FindingKind::LockUnlockNotOwner, true);
    case Effect::UnlockUnlocked:
      return misuse(FindingKind::LockUnlockUnlocked, false);
    case Effect::RecursiveUnbalanced:
      return misuse(FindingKind::LockRecursiveUnbalanced, false);
    case Effect::DestroyLocked:
      return misuse(FindingKind::LockDestroyLocked, true);
    case Effect::RelockErrorCheck:
      return misuse(FindingKind::LockSelfDeadlock, false);
    case Effect::CondWaitRecursive:
      return misuse(FindingKind::LockCondWaitRecursive, false);
    case Effect::CondWaitUnlocked:
      return misuse(FindingKind::LockCondWaitUnlocked, false);
    case Effect::CondTwoMutexes:
      return misuse(FindingKind::LockCondTwoMutexes, false);
    case Effect::DestroyWaited:
      return misuse(FindingKind::LockDestroyWaited, false);
    case Effect::Reinitialized:
      return onReinit(event, i);
    case Effect::SignalLost:
      lostSignals_[m] = i;
      return;
    case Effect::Exited:
    case Effect::ProcessEnded:
      return onThreadEnd(event.thread, i);
    default:
      return;
    }
  }

  /// lock.uninitialized / sem.uninitialized: an object used before it was
  /// initialised, or after it was destroyed (then the destroy is the second
  /// site).
  void onLifetimeMisuse(const Event &event, const Outcome &outcome,
                        uint32_t i) {
    ObjectAddr object = event.op.object;
    std::vector<Stack> sites{event.stack};
    if (outcome.misuse == Effect::UsedDestroyed)
      for (uint32_t j = i; j-- > 0;) {
        const Event &e = execution_.events[j];
        if (e.op.object == object && isDestroyOp(e.op.kind) &&
            analysis_.outcomes[j].result == 0) {
          sites.push_back(e.stack);
          break;
        }
      }
    FindingKind kind = isSemaphoreOp(event.op.kind)
                           ? FindingKind::SemUninitialized
                           : FindingKind::LockUninitialized;
    bool destroyed = sites.size() > 1;
    Finding &f = add(kind, i, object, std::move(sites));
    f.threads.push_back(involve(event.thread));
    setKey(f, false);
    // Every use after one destroy (or free) is one bug with one fix: a
    // worker's lock and unlock of a freed pool's mutex are one finding.
    if (destroyed)
      f.key = findingKey(kind, {f.locations[1].frames[0]}, false) + ":used";
  }

  /// lock.reinit: pthread_mutex_init on a mutex another thread holds or
  /// waits for; the holder's lock is the second site.
  void onReinit(const Event &event, uint32_t i) {
    ObjectAddr m = event.op.object;
    std::vector<Stack> sites{event.stack};
    ThreadId owner = held_.ownerOf(m);
    Finding &f = add(FindingKind::LockReinit, i, m, {});
    f.threads.push_back(involve(event.thread));
    if (owner != NoThread) {
      for (const HeldLock &h : held_.of(owner))
        if (h.mutex == m)
          sites.push_back(execution_.events[h.acquiredAt].stack);
      if (owner != event.thread)
        f.threads.push_back(involve(owner));
    }
    f.locations = std::move(sites);
    setKey(f, false);
  }

  /// A thread that ends holding locks: each is a finding at the site that
  /// acquired it (the thread's end has no useful source line of its own).
  void onThreadEnd(ThreadId t, uint32_t i) {
    for (const HeldLock &h : held_.of(t)) {
      // A file lock outlives its thread by design: closing the file or
      // ending the process releases it.
      if (isFileKey(h.mutex))
        continue;
      const MutexState *state = analysis_.final.mutex(h.mutex);
      FindingKind kind = state && state->recursive()
                             ? FindingKind::LockRecursiveUnbalanced
                             : FindingKind::LockHeldAtExit;
      Finding &f =
          add(kind, i, h.mutex, {execution_.events[h.acquiredAt].stack});
      f.threads.push_back(involve(t));
      setKey(f, false);
    }
  }

  void onEnd() {
    const uint32_t end = static_cast<uint32_t>(execution_.events.size());
    // Past the step limit the end is not the recorded steps' end: only a
    // crash, which is the program's whatever came before, is reported.
    if (execution_.truncated && execution_.end != EndReason::Crashed)
      return;
    switch (execution_.end) {
    case EndReason::Deadlock:
      return onDeadlock(end);
    case EndReason::Exited:
      return onExit(end);
    case EndReason::Crashed: {
      const CrashInfo &c = execution_.crash;
      FindingKind kind =
          c.assertion ? FindingKind::ProgramAssert : FindingKind::ProgramCrash;
      if (std::optional<FindingKind> misuse = misuseKind(c.misuse))
        kind = *misuse;
      Finding &f = add(kind, end, 0,
                       {c.stack.empty() ? lastStackOf(c.thread) : c.stack});
      if (c.thread != NoThread)
        f.threads.push_back(involve(c.thread));
      setKey(f, false);
      return;
    }
    case EndReason::Timeout: {
      // Evidence of a hang: the thread with the CPU ran on without any
      // visible operation (the sample says where). One still making steps,
      // or asleep in a call tangle does not model, hit a limit: no finding.
      if (execution_.stuck != Execution::Stuck::Looping ||
          starvedSpinner(execution_, analysis_) != NoThread)
        return;
      const CrashInfo &c = execution_.crash;
      ThreadId running = c.thread;
      if (running == NoThread && !execution_.events.empty())
        running = execution_.events.back().thread;
      Stack where = c.stack.empty() ? lastStackOf(running) : c.stack;
      Finding &f = add(FindingKind::ProgramHang, end, 0, {where});
      if (running != NoThread)
        f.threads.push_back(involve(running));
      setKey(f, false);
      return;
    }
    default:
      return;
    }
  }

  Stack lastStackOf(ThreadId t) const {
    const auto &events = execution_.events;
    for (size_t i = events.size(); i-- > 0;)
      if (events[i].thread == t || t == NoThread)
        return events[i].stack;
    return {};
  }

  const PendingOp *pendingOf(ThreadId t) const {
    for (const PendingOp &p : execution_.pending)
      if (p.thread == t)
        return &p;
    return nullptr;
  }

  /// The thread t waits on: the owner of the mutex it wants, or the thread
  /// it joins. NoThread when t is not blocked on another thread.
  ThreadId waitsOn(ThreadId t) const {
    const Machine &m = analysis_.final;
    if (!m.running(t) || !m.hasPending(t) || m.enabled(t))
      return NoThread;
    const Operation &op = m.pending(t);
    if (op.kind == OpKind::ThreadJoin)
      return static_cast<ThreadId>(op.object);
    if (op.kind == OpKind::ProcessWait && op.object != AnyProcess &&
        op.object < m.processCount())
      return m.process(ProcessId(op.object)).firstThread;
    if (isMutexOp(op.kind))
      if (const MutexState *state = m.mutex(op.object))
        return state->owner;
    if (isRwLockOp(op.kind))
      if (const RwLockState *state = m.rwlock(op.object))
        return rwlockBlocker(*state, t);
    if (isFileLockOp(op.kind))
      if (const FileLockState *state = m.fileLock(op.object))
        return fileLockBlocker(*state, op);
    return NoThread;
  }

  Involvement waiting(ThreadId t) const {
    Involvement inv = involve(t);
    if (const PendingOp *p = pendingOf(t))
      inv.waitsFor = *p;
    inv.waitsOn = waitsOn(t);
    const Machine &m = analysis_.final;
    if (m.live(t) && m.hasPending(t)) {
      const Operation &op = m.pending(t);
      if (op.kind == OpKind::CondWake) {
        auto lost = lostSignals_.find(op.object);
        if (lost != lostSignals_.end())
          inv.lostSignal = lost->second;
      }
      if (op.kind == OpKind::BarrierLeave)
        if (const BarrierState *b = m.barrier(op.object)) {
          inv.barrierCount = b->count;
          inv.barrierArrived = uint32_t(b->arrived.size());
        }
      if (op.kind == OpKind::PipeRead || op.kind == OpKind::PipeWrite)
        if (const PipeState *p = m.pipe(op.object))
          for (ProcessId q = 0; q < MaxPipeProcesses; ++q)
            if (op.kind == OpKind::PipeRead ? p->writers[q] : p->readers[q])
              inv.pipeHolders.push_back(q);
      if (op.kind == OpKind::MqReceive || op.kind == OpKind::MqSend)
        if (const MessageQueueState *q = m.messageQueue(op.object)) {
          bool receive = op.kind == OpKind::MqReceive;
          for (ProcessId p = 0; p < MaxQueueProcesses; ++p)
            if (receive ? q->senders[p] : q->receivers[p])
              inv.pipeHolders.push_back(p);
          inv.queued = q->count;
          inv.queueCapacity = q->capacity;
        }
    }
    return inv;
  }

  void onDeadlock(uint32_t end) {
    const Machine &m = analysis_.final;
    std::vector<std::vector<ThreadId>> cycles;
    std::vector<bool> inCycle(m.threadCount(), false);
    for (ThreadId start = 0; start < m.threadCount(); ++start) {
      // Walk the wait-for edges; a cycle is found when the walk returns to
      // a thread it already visited in this walk.
      std::vector<ThreadId> walk;
      ThreadId t = start;
      while (t != NoThread && t < m.threadCount() && !inCycle[t] &&
             std::find(walk.begin(), walk.end(), t) == walk.end()) {
        walk.push_back(t);
        t = waitsOn(t);
      }
      if (t == NoThread || t >= m.threadCount() || inCycle[t])
        continue;
      auto first = std::find(walk.begin(), walk.end(), t);
      std::vector<ThreadId> cycle(first, walk.end());
      for (ThreadId c : cycle)
        inCycle[c] = true;
      cycles.push_back(cycle);
    }
    for (const auto &cycle : cycles)
      reportCycle(cycle, end);
    if (!cycles.empty())
      return;
    // Nobody waits in a cycle: threads wait for what will never come
    // (a lock whose owner exited, a join of a blocked thread...).
    Finding f;
    f.kind = FindingKind::DeadlockStall;
    f.step = end;
    for (ThreadId t = 0; t < m.threadCount(); ++t) {
      if (!m.running(t) || !m.hasPending(t))
        continue;
      Involvement inv = waiting(t);
      if (inv.waitsFor)
        f.locations.push_back(inv.waitsFor->stack);
      if (!f.object && hasObjectAddress(m.pending(t).kind))
        f.object = m.pending(t).object;
      f.threads.push_back(std::move(inv));
    }
    // One cause, one finding: the threads left waiting at the same places
    // are the same stall however many of them an execution left there (a
    // lock whose owner exited stalls 49 threads in one order, 48 in
    // another), so the key has each place once.
    std::vector<uint64_t> sites;
    for (const Stack &where : f.locations)
      sites.push_back(where.frames[0]);
    std::sort(sites.begin(), sites.end());
    sites.erase(std::unique(sites.begin(), sites.end()), sites.end());
    f.key = findingKey(f.kind, std::move(sites), true);
    findings_.push_back(std::move(f));
  }

  void reportCycle(const std::vector<ThreadId> &cycle, uint32_t end) {
    const Machine &m = analysis_.final;
    bool anyLock = false;
    for (ThreadId t : cycle)
      anyLock |= isMutexOp(m.pending(t).kind) ||
                 isRwLockOp(m.pending(t).kind) ||
                 isFileLockOp(m.pending(t).kind);
    FindingKind kind = cycle.size() == 1 && anyLock
                           ? FindingKind::LockSelfDeadlock
                       : anyLock ? FindingKind::DeadlockCycle
                                 : FindingKind::DeadlockStall;
    Finding f;
    f.kind = kind;
    f.step = end;
    for (ThreadId t : cycle) {
      Involvement inv = waiting(t);
      if (inv.waitsFor) {
        f.locations.push_back(inv.waitsFor->stack);
        if (!f.object && hasObjectAddress(inv.waitsFor->op.kind))
          f.object = inv.waitsFor->op.object;
      }
      f.threads.push_back(std::move(inv));
    }
    // A self-deadlock is also located where the mutex was first taken.
    if (kind == FindingKind::LockSelfDeadlock)
      for (const HeldLock &h : f.threads[0].holds)
        if (h.mutex == f.object)
          f.locations.push_back(execution_.events[h.acquiredAt].stack);
    setKey(f, true);
    findings_.push_back(std::move(f));
  }

  void onExit(uint32_t end) {
    const Machine &m = analysis_.final;
    for (ThreadId t = 1; t < m.threadCount(); ++t) {
      const ThreadState &thread = m.thread(t);
      if (thread.joined || thread.detached ||
          m.process(m.processOf(t)).firstThread == t)
        continue;
      const Event *created = nullptr;
      for (const Event &e : execution_.events)
        if (e.op.kind == OpKind::ThreadCreate &&
            static_cast<ThreadId>(e.result) == t)
          created = &e;
      Finding &f = add(FindingKind::LifecycleUnjoinedThread, end, 0,
                       {created ? created->stack : Stack{}});
      f.threads.push_back(involve(t));
      setKey(f, false);
    }
    onDetachedCutOff(end);
    onProcessesEnded(end);
  }

  /// lifecycle.detached-cut-off: a detached thread's process ended while
  /// the thread held a lock or was mid-work (it had started and still had
  /// an operation to do besides ending). One that had not started, or was
  /// only ending, loses nothing.
  void onDetachedCutOff(uint32_t end) {
    const Machine &m = analysis_.final;
    for (ThreadId t = 1; t < m.threadCount(); ++t) {
      const ThreadState &thread = m.thread(t);
      if (!thread.detached || !thread.live())
        continue;
      const PendingOp *pending = pendingOf(t);
      bool holds = !held_.of(t).empty();
      bool midWork = thread.status == ThreadStatus::Running && pending &&
                     pending->op.kind != OpKind::ThreadExit;
      if (!holds && !midWork)
        continue;
      Finding &f = add(FindingKind::LifecycleDetachedCutOff, end, 0,
                       {pending ? pending->stack : lastStackOf(t)});
      Involvement inv = involve(t);
      if (pending)
        inv.waitsFor = *pending;
      f.threads.push_back(std::move(inv));
      setKey(f, false);
      // Where the exit cuts a thread off differs from one interleaving to
      // the next (its lock, its unlock...); the bug, the thread started
      // detached and not waited for, is one: keyed by where it was created.
      const Event *created = nullptr;
      for (const Event &e : execution_.events)
        if (e.op.kind == OpKind::ThreadCreate &&
            static_cast<ThreadId>(e.result) == t)
          created = &e;
      if (created)
        f.key =
            findingKey(f.kind, {created->stack.frames[0]}, false) + ":created";
    }
  }

  /// The event that ended process p (its exit, or its last thread's), if any.
  /// Numbers are reused (objects/ids.h): each event's own process counts.
  const Event *exitOf(ProcessId p) const {
    const Event *last = nullptr;
    std::vector<ProcessId> processes = eventProcesses(execution_);
    for (size_t i = 0; i < execution_.events.size(); ++i) {
      const Event &e = execution_.events[i];
      if (processes[i] == p &&
          (e.op.kind == OpKind::ProcessExit || e.op.kind == OpKind::ThreadExit))
        last = &e;
    }
    return last;
  }

  /// lifecycle.zombie: a child exited and its parent never waited for it.
  /// lifecycle.orphan: the parent ended while the child still ran.
  void onProcessesEnded(uint32_t end) {
    const Machine &m = analysis_.final;
    for (ProcessId p = 1; p < m.processCount(); ++p) {
      const ProcessState &child = m.process(p);
      if (child.execed) // when its program ended is not known
        continue;
      bool zombie = child.zombieAtParentExit && !child.waited;
      if (!zombie && !child.orphaned)
        continue;
      const Event *fork = nullptr; // the last one: numbers are reused
      for (const Event &e : execution_.events)
        if (e.op.kind == OpKind::ProcessFork && e.result >= 0 &&
            e.op.reserved == p)
          fork = &e;
      std::vector<Stack> sites{fork ? fork->stack : Stack{}};
      // The zombie's exit; the orphan's parent's exit.
      if (const Event *exit = exitOf(zombie ? p : child.parent))
        if (!exit->stack.empty())
          sites.push_back(exit->stack);
      Finding &f = add(zombie ? FindingKind::LifecycleZombie
                              : FindingKind::LifecycleOrphan,
                       end, 0, sites);
      f.threads.push_back(involve(child.firstThread));
      if (child.creator != NoThread)
        f.threads.push_back(involve(child.creator));
      setKey(f, false);
    }
  }

  const Execution &execution_;
  const ExecutionAnalysis &analysis_;
  HeldLocks held_;
  std::map<ObjectAddr, uint32_t> lostSignals_; // condition -> last lost one
  std::vector<Finding> findings_;
  std::set<std::string> stepKeys_; // the keys of the steps' findings so far
};

} // namespace

ThreadId starvedSpinner(const Execution &execution,
                        const ExecutionAnalysis &analysis) {
  if (execution.end != EndReason::Timeout ||
      execution.stuck != Execution::Stuck::Looping)
    return NoThread;
  ThreadId running = execution.crash.thread;
  if (running == NoThread && !execution.events.empty())
    running = execution.events.back().thread;
  const Machine &m = analysis.final;
  for (ThreadId q = 0; q < m.threadCount(); ++q) {
    if (q == running || !m.enabled(q))
      continue;
    const Operation &op = m.pending(q);
    bool spins = op.kind == OpKind::Yield && (op.flags & YieldSpin);
    if (!spins && !m.wouldFailTry(q))
      return running;
  }
  return NoThread;
}

std::vector<Finding> detectFindings(const Execution &execution,
                                    const ExecutionAnalysis &analysis) {
  return Detector(execution, analysis).run();
}

} // namespace tangle
