// What each finding id says to a student: summary and fix hint.
#include "cli/finding_text.h"

#include "cli/messages.h"

#include "model/detect/lock_order.h"
#include "model/machine.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <csignal>
#include <cstring>

namespace tangle {
namespace {

std::string joinNames(const std::vector<std::string> &names) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i)
      text += i + 1 == names.size() ? tr(" and ") : tr(", ");
    text += names[i];
  }
  return text;
}

const InvolvedThread *firstThread(const Explanation &e) {
  return e.threads.empty() ? nullptr : &e.threads.front();
}

std::string actor(const Explanation &e) {
  if (const InvolvedThread *t = firstThread(e))
    return t->thread.name;
  return tr("a thread");
}

std::string objectOr(const Explanation &e, const char *fallback) {
  return e.object.empty() ? tr(fallback) : e.object;
}

/// "thread 1 waits for fork_[1] held by thread 2, which waits for ..."
std::string cycleStory(const Explanation &e) {
  std::string text;
  for (size_t i = 0; i < e.threads.size(); ++i) {
    const InvolvedThread &t = e.threads[i];
    if (!t.waits)
      continue;
    text += i == 0 ? t.thread.shortName : std::string(tr(", which"));
    text += tr(" waits for {0}", t.waits->object);
    if (t.waits->waitsOn)
      text += tr(" held by {0}", t.waits->waitsOn->shortName);
  }
  return text;
}

std::string signalText(int signal) {
  const char *abbrev = sigabbrev_np(signal);
  const char *description = sigdescr_np(signal);
  std::string text =
      abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(signal);
  if (description)
    text += " (" + std::string(description) + ")";
  return text;
}

/// "always lock fork_[0] before fork_[1]" for the locks of a cycle.
std::string lockOrder(const Explanation &e) {
  std::vector<std::string> locks;
  for (const InvolvedThread &t : e.threads)
    if (t.waits && !llvm::is_contained(locks, t.waits->object))
      locks.push_back(t.waits->object);
  if (locks.size() < 2)
    return "";
  llvm::sort(locks);
  std::string order;
  for (size_t i = 0; i < locks.size(); ++i)
    order += (i ? tr(" before ") : "") + locks[i];
  return tr("for example always lock {0}", order);
}

/// "writes" or "reads", for access i of a race finding.
const char *accessVerb(const Finding &f, size_t i) {
  if (!f.execution || i >= f.accesses.size() ||
      f.accesses[i] >= f.execution->accesses.size())
    return tr("accesses");
  return tr(accessVerb(f.execution->accesses[f.accesses[i]]));
}

/// The operation at a finding's step, if the step is an executed event.
const Operation *stepOperation(const Finding &f) {
  if (!f.execution || f.step >= f.execution->events.size())
    return nullptr;
  return &f.execution->events[f.step].op;
}

/// What initialises an object of op's kind.
const char *initialiserOf(const Operation *op) {
  if (!op)
    return tr("its init call");
  if (isMutexOp(op->kind))
    return tr("pthread_mutex_init (or PTHREAD_MUTEX_INITIALIZER)");
  if (isRwLockOp(op->kind))
    return tr("pthread_rwlock_init (or PTHREAD_RWLOCK_INITIALIZER)");
  if (isConditionOp(op->kind))
    return tr("pthread_cond_init (or PTHREAD_COND_INITIALIZER)");
  if (isSemaphoreOp(op->kind))
    return tr("sem_init or sem_open");
  if (isBarrierOp(op->kind))
    return tr("a successful pthread_barrier_init (a count of 0 fails)");
  return tr("its init call");
}

/// Whether the end of f's object before f's step was a free of its memory
/// (a destroy marked ObjectFreed) rather than a destroy call: the last
/// successful one, the one the detector names (onLifetimeMisuse).
bool freedBefore(const Finding &f) {
  if (!f.execution)
    return false;
  const std::vector<Event> &events = f.execution->events;
  for (uint32_t j = std::min<size_t>(f.step, events.size()); j-- > 0;)
    if (events[j].op.object == f.object && isDestroyOp(events[j].op.kind) &&
        events[j].result == 0)
      return events[j].op.flags & ObjectFreed;
  return false;
}

/// "uses m (lock) after it was destroyed at prog.c:12: ..." or "... which
/// was never initialised: ...".
std::string lifetimeStory(const Finding &f, const Explanation &e) {
  const Operation *op = stepOperation(f);
  std::string text =
      tr("{0} uses {1}", actor(e), objectOr(e, msg("an object"))) +
      (op ? tr(" ({0})", tr(operationVerb(op->kind))) : std::string());
  bool destroyed = e.locations.size() > 1 && e.locations[1].known();
  // A mutex (and a barrier that never was) answers EINVAL; glibc lets the
  // other kinds go on (their destroy changes nothing).
  bool fails =
      op && (isMutexOp(op->kind) || (isBarrierOp(op->kind) && !destroyed));
  std::string consequence =
      fails ? tr(": the call fails with EINVAL and does nothing")
            : tr(": the behaviour is undefined (glibc lets the call go on as "
                 "if the object were alive)");
  if (destroyed && freedBefore(f))
    // Not a destroy call: the memory holding the object was freed (a pool
    // freed while its workers still unlock its mutex).
    return text +
           tr(" after the memory holding it was freed at {0}: the memory may "
              "already hold something else, and the behaviour is undefined",
              e.locations[1].str());
  if (destroyed)
    return text + tr(" after it was destroyed at {0}", e.locations[1].str()) +
           consequence;
  return text +
         tr(", which was never initialised with {0}", initialiserOf(op)) +
         consequence;
}

/// Whether access i of a race finding is a free (or delete).
bool frees(const Finding &f, size_t i) {
  return f.execution && i < f.accesses.size() &&
         f.accesses[i] < f.execution->accesses.size() &&
         (f.execution->accesses[f.accesses[i]].flags & AccessFree);
}

/// The name of involved thread i.
std::string threadOf(const Explanation &e, size_t i) {
  return i < e.threads.size() ? e.threads[i].thread.name
                              : std::string(tr("a thread"));
}

/// "thread 2 (fee) writes it at heap_field.c:31"
std::string raceSide(const Finding &f, const Explanation &e, size_t i) {
  std::string who = i < e.threads.size() ? e.threads[i].thread.name
                                         : std::string(tr("a thread"));
  // A free names its whole block; the race's object is the place the
  // other thread touched in it.
  std::string text = frees(f, i) ? tr("{0} frees the memory holding it", who)
                                 : tr("{0} {1} it", who, accessVerb(f, i));
  // Both accesses may be the same line (one site, two threads): then the
  // explanation lists the site once.
  const SourceLocation *at = i < e.locations.size() ? &e.locations[i]
                             : e.locations.empty()  ? nullptr
                                                    : &e.locations.back();
  if (at && at->known())
    text += tr(" at {0}", at->str());
  if (i < e.threads.size() && !e.threads[i].holds.empty()) {
    std::vector<std::string> held;
    for (const HeldLockView &h : e.threads[i].holds)
      held.push_back(h.object.name);
    text += tr(" holding {0}", joinNames(held));
  } else {
    text += tr(" holding no lock");
  }
  return text;
}

/// For a free's race or use after free: the other parts of the freed
/// block that the threads touched ("; thread 1 (w) also reads p->len at
/// pool.c:48 and writes p->busy at pool.c:39"), the accesses past the
/// first two.
std::string alsoTouched(const Explanation &e) {
  std::string text;
  for (size_t i = 2; i < e.accesses.size(); ++i) {
    const AccessView &a = e.accesses[i];
    std::string what =
        a.object.empty() ? std::string(tr("another part of it")) : a.object;
    std::string where = a.at.known() ? tr(" at {0}", a.at.str()) : "";
    if (i > 2 && a.thread.name == e.accesses[i - 1].thread.name)
      text += tr(" and {0} {1}{2}", tr(a.verb.c_str()), what, where);
    else
      text += tr("; {0} also {1} {2}{3}", a.thread.name, tr(a.verb.c_str()),
                 what, where);
  }
  return text;
}

/// Whether both sides of a race hold the same process-owned lock (fcntl,
/// lockf), which does not exclude threads of one process.
std::string sharedProcessLock(const Explanation &e) {
  if (e.threads.size() < 2)
    return "";
  for (const HeldLockView &h : e.threads[0].holds)
    if (h.object.name.rfind("fcntl lock on ", 0) == 0)
      for (const HeldLockView &o : e.threads[1].holds)
        if (o.object.name == h.object.name)
          return h.object.name;
  return "";
}

/// Whether the two sides of a race are in different processes: then the
/// fix is a lock or an order between processes, not threads.
bool betweenProcesses(const Explanation &e) {
  return e.threads.size() >= 2 &&
         e.threads[0].thread.process != e.threads[1].thread.process;
}

/// The hint for a race between processes: a mutex or a join of one process
/// means nothing in another.
std::string processRaceHint(const Explanation &e, const std::string &what) {
  std::string text =
      e.lostUpdate ? tr("Make the whole read-modify-write of {0} one critical "
                        "section across the processes: ",
                        what)
                   : tr("Order every access to {0} between the processes: ",
                        what);
  return text + tr("flock(fd, LOCK_EX) ... flock(fd, LOCK_UN) on a descriptor "
                   "each process opened itself, or a process-shared semaphore "
                   "(sem_init(s, 1, 1) in a MAP_SHARED mapping, or sem_open) "
                   "or a PTHREAD_PROCESS_SHARED mutex around the read and the "
                   "write-back; or have the parent waitpid() for one child "
                   "before the next one starts.");
}

std::string fileRaceHint(const Explanation &e) {
  const std::string file = objectOr(e, msg("the file"));
  if (betweenProcesses(e))
    return processRaceHint(e, file);
  std::string text;
  if (!sharedProcessLock(e).empty())
    text = tr("fcntl and lockf locks belong to the process, not the thread "
              "(POSIX): threads of one process never exclude each other with "
              "them. ");
  text += e.lostUpdate
              ? tr("Make the whole read-modify-write of {0} one critical "
                   "section: ",
                   file)
              : tr("Order every access to {0}: ", file);
  return text +
         tr("hold one pthread mutex across the read and the write-back in "
            "every thread, or flock(fd, LOCK_EX) ... flock(fd, LOCK_UN) on a "
            "descriptor each thread opened itself (flock locks belong to the "
            "open file description); or join the writing thread before "
            "reading.");
}

std::string raceHint(const Explanation &e) {
  const std::string object = objectOr(e, msg("the variable"));
  if (betweenProcesses(e)) // shared memory between processes
    return processRaceHint(e, object);
  // A lock one side holds and the other does not is the lock meant to
  // protect this variable.
  for (size_t i = 0; i < e.threads.size(); ++i)
    for (const HeldLockView &h : e.threads[i].holds) {
      bool other = false;
      for (size_t j = 0; j < e.threads.size(); ++j)
        if (j != i)
          for (const HeldLockView &o : e.threads[j].holds)
            other = other || o.object.name == h.object.name;
      if (!other)
        return tr("{0} accesses {1} holding {2}: take {2} around the other "
                  "access too (every access to {1} under the same lock).",
                  e.threads[i].thread.shortName, object, h.object.name);
    }
  if (e.lostUpdate)
    return tr("Both threads read {0} before either wrote it back, so one "
              "update is lost: make the whole read-modify-write one critical "
              "section (one mutex around it in every thread), or one atomic "
              "operation (atomic_fetch_add, std::atomic's ++); or join the "
              "first thread before the second starts.",
              object);
  return tr("Nothing orders these two accesses: protect every access to {0} "
            "with one mutex (pthread_mutex_t, std::mutex), or make it atomic "
            "(std::atomic in C++, _Atomic in C) if it is a lone counter or "
            "flag; or join the writing thread before reading.",
            object);
}

/// "a then b in deposit" for one edge of a lock-order cycle.
std::string edgeText(const LockEdgeView &edge) {
  std::string text = tr("{0} then {1}", edge.held, edge.acquired);
  if (!edge.acquiredStack.empty() &&
      !edge.acquiredStack.front().function.empty())
    text += tr(" in {0}", edge.acquiredStack.front().function);
  return text;
}

/// The thread of a lock-order edge, by its short name unless another
/// thread of the cycle has the same number (numbers are reused).
std::string edgeThread(const Explanation &e, const LockEdgeView &edge) {
  for (const LockEdgeView &other : e.lockEdges)
    if (other.thread.shortName == edge.thread.shortName &&
        other.thread.name != edge.thread.name)
      return edge.thread.name;
  return edge.thread.shortName;
}

/// "main thread takes a then b in deposit and b then a in audit", or per
/// thread when the threads differ.
std::string inversionEdges(const Explanation &e) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < e.lockEdges.size(); ++i) {
    const LockEdgeView &edge = e.lockEdges[i];
    bool sameAsBefore =
        i > 0 && e.lockEdges[i - 1].thread.name == edge.thread.name;
    parts.push_back(sameAsBefore ? edgeText(edge)
                                 : tr("{0} takes {1}", edgeThread(e, edge),
                                      edgeText(edge)));
  }
  return joinNames(parts);
}

/// "deposit and audit": where the edges are taken, for "if ... ever ran
/// in two threads at once".
std::string inversionPlaces(const Explanation &e) {
  std::vector<std::string> functions;
  for (const LockEdgeView &edge : e.lockEdges)
    if (!edge.acquiredStack.empty() &&
        !edge.acquiredStack.front().function.empty() &&
        !llvm::is_contained(functions, edge.acquiredStack.front().function))
      functions.push_back(edge.acquiredStack.front().function);
  if (functions.size() < 2)
    return tr("these lock sections");
  return joinNames(functions);
}

std::string inversionSummary(const Finding &finding, const Explanation &e) {
  const LockOrderCycle &cycle = *finding.lockOrder;
  std::string text = tr("lock-order inversion: {0}; ", inversionEdges(e));
  const LockEdgeView &a =
      e.lockEdges[std::min(cycle.first, e.lockEdges.size() - 1)];
  const LockEdgeView &b =
      e.lockEdges[std::min(cycle.second, e.lockEdges.size() - 1)];
  std::string count = e.lockEdges.size() == 2
                          ? std::string(tr("two"))
                          : std::to_string(e.lockEdges.size());
  std::string would =
      tr(", but it would if {0} ever ran in {1} threads at once",
         inversionPlaces(e), count);
  switch (cycle.reason) {
  case InversionReason::SameThread:
    return text +
           tr("it cannot deadlock here, since one thread ({0}) takes both "
              "orders",
              edgeThread(e, a)) +
           would;
  case InversionReason::OrderedByJoin:
    return text +
           tr("it cannot deadlock here, since create and join keep {0} and "
              "{1} from running at once",
              edgeThread(e, a), edgeThread(e, b)) +
           would;
  case InversionReason::OrderedBySync:
    return text +
           tr("it cannot deadlock here, since other synchronisation (a "
              "semaphore, condition, barrier, pipe or queue) keeps {0} and "
              "{1} from taking these locks at once",
              edgeThread(e, a), edgeThread(e, b)) +
           would;
  case InversionReason::Concurrent:
    if (cycle.complete)
      return text + tr("nothing orders these threads, yet no interleaving of "
                       "this input deadlocks: the program's own logic keeps "
                       "them apart; other input or a change of that logic "
                       "would deadlock");
    if (cycle.stoppedBy == "replay")
      return text + tr("nothing orders these threads, and this interleaving "
                       "does not deadlock; `tangle check` explores the others");
    return text +
           tr("nothing orders these threads, but the exploration stopped "
              "({0}) before it reached an interleaving where they deadlock: "
              "likely a deadlock, not shown yet",
              cycle.stoppedBy.empty() ? std::string(tr("a limit"))
                                      : cycle.stoppedBy);
  }
  return text;
}

/// "always lock a before b" for the locks of a lock-order cycle.
std::string inversionOrder(const Explanation &e) {
  std::vector<std::string> locks;
  for (const LockEdgeView &edge : e.lockEdges)
    if (!llvm::is_contained(locks, edge.held))
      locks.push_back(edge.held);
  llvm::sort(locks);
  std::string text;
  for (size_t i = 0; i < locks.size(); ++i)
    text += (i ? tr(" before ") : "") + locks[i];
  return text;
}

} // namespace

/// What a stalled thread does, as a verb phrase: "waits on condition",
/// "spins on", "waits to lock".
static std::string waitsVerb(const std::string &op) {
  static const char *const phrases[][2] = {
      {"poll", msg("polls")},
      {"spin on", msg("spins on")},
      {"wait on condition", msg("waits on condition")},
      {"wait on semaphore", msg("waits on semaphore")},
      {"wait at barrier", msg("waits at barrier")},
      {"wait for the once routine of", msg("waits for the once routine of")},
      {"wait in vfork for child", msg("waits in vfork for child")},
      {"wait for child", msg("waits for child")},
      {"wait on", msg("waits on")},
  };
  for (const auto &phrase : phrases)
    if (op == phrase[0])
      return tr(phrase[1]);
  return tr("waits to {0}", tr(op));
}

std::string findingSummary(const Finding &finding, const Explanation &e) {
  const Execution *execution = finding.execution.get();
  switch (finding.kind) {
  case FindingKind::LockOrderInversion:
    if (!finding.lockOrder || e.lockEdges.empty())
      return tr("lock-order inversion");
    return inversionSummary(finding, e);
  case FindingKind::DeadlockCycle:
    return tr("deadlock: {0}", cycleStory(e));
  case FindingKind::DeadlockStall: {
    std::vector<std::string> waits;
    for (const InvolvedThread &t : e.threads) {
      if (!t.waits)
        continue;
      if (t.waits->detail.empty()) {
        waits.push_back(tr("{0} waits to {1} {2}", t.thread.shortName,
                           tr(t.waits->op), t.waits->object));
        continue;
      }
      // "thread 1 waits on condition ready in consumer at line 18; nobody
      // is left to signal it"
      std::string text =
          tr("{0} {1}", t.thread.shortName, waitsVerb(t.waits->op)) +
          (t.waits->object.empty() ? "" : " " + t.waits->object);
      if (!t.waits->at.function.empty())
        text += tr(" in {0}", t.waits->at.function);
      if (t.waits->at.known())
        text += tr(" at line {0}", t.waits->at.line);
      waits.push_back(text + tr("; ") + t.waits->detail);
    }
    return waits.empty()
               ? std::string(tr("deadlock: every live thread is blocked"))
               : tr("deadlock: every live thread is blocked: {0}",
                    joinNames(waits));
  }
  case FindingKind::LockSelfDeadlock:
    return tr("{0} locks {1}, which it already holds: it waits for itself "
              "forever",
              actor(e), objectOr(e, msg("a mutex")));
  case FindingKind::LockUnlockNotOwner: {
    std::string text = tr("{0} unlocks {1}, which it does not hold", actor(e),
                          objectOr(e, msg("a mutex")));
    for (size_t i = 1; i < e.threads.size(); ++i)
      if (!e.threads[i].holds.empty())
        return text + tr(" ({0} holds it)", e.threads[i].thread.name);
    return text;
  }
  case FindingKind::LockUnlockUnlocked:
    return tr("{0} unlocks {1}, which is not locked", actor(e),
              objectOr(e, msg("a mutex")));
  case FindingKind::LockRecursiveUnbalanced: {
    bool unlock =
        execution && finding.step < execution->events.size() &&
        execution->events[finding.step].op.kind == OpKind::MutexUnlock;
    if (unlock)
      return tr("{0} unlocks the recursive mutex {1} more often than it "
                "locked it",
                actor(e), objectOr(e, ""));
    return tr("{0} ends still holding the recursive mutex {1} (locked more "
              "often than unlocked)",
              actor(e), objectOr(e, ""));
  }
  case FindingKind::LockDestroyLocked: {
    for (const InvolvedThread &t : e.threads)
      if (!t.holds.empty())
        return tr("the mutex {0} is destroyed while it is locked by {1}",
                  objectOr(e, ""), t.thread.name);
    return tr("the mutex {0} is destroyed while it is locked", objectOr(e, ""));
  }
  case FindingKind::LockHeldAtExit:
    return tr("{0} ends while still holding {1}", actor(e),
              objectOr(e, msg("a mutex")));
  case FindingKind::LockCondWaitRecursive:
    return tr("{0} waits on the condition {1} holding its recursive mutex "
              "more than once: the wait releases only one level, so the "
              "mutex stays held while it waits",
              actor(e), objectOr(e, ""));
  case FindingKind::LockCondWaitUnlocked:
    return tr("{0} waits on the condition {1} without holding its mutex",
              actor(e), objectOr(e, ""));
  case FindingKind::LockCondTwoMutexes:
    return tr("the condition {0} is used with two different mutexes",
              objectOr(e, ""));
  case FindingKind::LockDestroyWaited:
    return tr("{0} destroys {1} while threads still wait on it", actor(e),
              objectOr(e, msg("an object")));
  case FindingKind::LockUninitialized:
  case FindingKind::SemUninitialized:
    return lifetimeStory(finding, e);
  case FindingKind::LockReinit: {
    std::string text = tr("{0} initialises the mutex {1} again while it is "
                          "in use",
                          actor(e), objectOr(e, ""));
    for (const InvolvedThread &t : e.threads)
      for (const HeldLockView &h : t.holds)
        if (h.object.name == e.object)
          return text + tr(": {0} holds it (locked at {1}), and the init "
                           "unlocks it under that thread",
                           t.thread.name, h.lockedAt.str());
    return text + tr(": threads wait to lock it");
  }
  case FindingKind::SyncBoundedSemaphoreOverrelease:
    return tr("{0} releases a BoundedSemaphore more often than it was "
              "acquired: its value would exceed its initial value",
              actor(e));
  case FindingKind::SyncQueueTaskDoneTooOften:
    return tr("{0} calls task_done() on a queue more times than items were "
              "put into it",
              actor(e));
  case FindingKind::SyncPoolSubmitAfterShutdown:
    return tr("{0} submits a task to a thread pool that is shut down",
              actor(e));
  case FindingKind::LifecycleUnjoinedThread:
    return tr("{0} is neither joined nor detached", actor(e));
  case FindingKind::LifecycleDetachedCutOff: {
    std::string text = tr("the process ends while the detached {0} is still "
                          "at work",
                          actor(e));
    if (!e.threads.empty() && !e.threads[0].holds.empty())
      text += tr(", holding {0}", e.threads[0].holds[0].object.name);
    if (!e.threads.empty() && e.threads[0].waits)
      text += tr(": its {0} {1} never happens", tr(e.threads[0].waits->op),
                 e.threads[0].waits->object);
    return text;
  }
  case FindingKind::LifecycleZombie: {
    std::string parent = e.threads.size() > 1 ? e.threads[1].thread.shortName
                                              : std::string(tr("its parent"));
    return tr("{0} exits, but its parent ({1}) never waits for it: it stays "
              "a zombie (its exit status and process-table entry kept) until "
              "its parent ends",
              actor(e), parent);
  }
  case FindingKind::LifecycleOrphan: {
    std::string parent = e.threads.size() > 1 ? e.threads[1].thread.shortName
                                              : std::string(tr("its parent"));
    return tr("{0} is still running when the process of {1} (its parent) "
              "ends: it is orphaned and adopted by init, and nobody learns "
              "how it ends",
              actor(e), parent);
  }
  case FindingKind::ProgramCrash: {
    if (execution && execution->crash.signal)
      return tr("the program crashes with {0} in {1} under this interleaving",
                signalText(execution->crash.signal), actor(e));
    return tr("the program crashes in {0} under this interleaving", actor(e));
  }
  case FindingKind::ProgramAssert:
    if (execution && !execution->crash.message.empty())
      return tr("assertion failed in {0}: {1}", actor(e),
                execution->crash.message);
    // No assertion text: the program called abort() itself.
    return tr("abort() called in {0} under this interleaving", actor(e));
  case FindingKind::RaceData: {
    std::string text = tr("data race on {0}: {1}, while {2}, and nothing "
                          "orders the two",
                          objectOr(e, msg("a memory location")),
                          raceSide(finding, e, 0), raceSide(finding, e, 1));
    if (e.lostUpdate)
      text += tr("; both read it, then both wrote it: one update is lost");
    // accesses[0] is the later one, [1] the earlier.
    if (frees(finding, 1))
      text += tr("; here the free came first: {0} uses freed memory",
                 threadOf(e, 0));
    else if (frees(finding, 0))
      text += tr("; under another interleaving the free comes first and {0} "
                 "uses freed memory",
                 threadOf(e, 1));
    return text + alsoTouched(e);
  }
  case FindingKind::MemoryUseAfterFree:
    return tr("use after free of {0}: {1}, after {2} (the free happens before "
              "the use: the memory may belong to something else by now)",
              objectOr(e, msg("a heap block")), raceSide(finding, e, 0),
              raceSide(finding, e, 1)) +
           alsoTouched(e);
  case FindingKind::RaceFile: {
    std::string text = tr("file race on {0}: {1}, while {2}, and nothing "
                          "orders the two",
                          objectOr(e, msg("a file")), raceSide(finding, e, 0),
                          raceSide(finding, e, 1));
    std::string lock = sharedProcessLock(e);
    if (!lock.empty())
      text += tr(" (both hold {0}, but fcntl/lockf locks belong to the "
                 "process: its threads do not exclude each other)",
                 lock);
    if (e.lostUpdate)
      text += betweenProcesses(e)
                  ? tr("; both processes read the file, then both wrote it: "
                       "one update is lost")
                  : tr("; both threads read the file, then both wrote it: one "
                       "update is lost");
    return text;
  }
  case FindingKind::ProgramNondeterministic:
    return tr("the program does not repeat its behaviour: {0}", finding.detail);
  case FindingKind::ProgramHang:
    if (execution && execution->end == EndReason::Timeout)
      return tr("an execution does not end within the per-execution time "
                "limit: a thread may loop forever");
    return tr("an execution does not end within the per-execution step "
              "limit: a thread may loop forever");
  }
  return findingId(finding.kind);
}

/// The hint for a stall on one of tangle/sync.h's conditions, known by its
/// field name (docs/sync-h.md); null for any other wait.
static const char *syncStallHint(const std::string &condition) {
  llvm::StringRef name(condition);
  if (name.endswith(".not_empty"))
    return tr(
        "A get() waits for an item that nobody will put: every producer "
        "has ended. Make the producers put as many items as the consumers "
        "get (one sentinel item per consumer tells it to stop), or use "
        "get_nowait() / a timeout where the queue may stay empty.");
  if (name.endswith(".not_full"))
    return tr(
        "A put() waits for room in a full queue that nobody will empty: "
        "make sure a consumer keeps getting until the producers are done, "
        "or give the queue a larger maxsize.");
  if (name.endswith(".all_tasks_done"))
    return tr("join() waits until task_done() was called once for every item "
              "put: call it after processing each item, on every path.");
  if (name.endswith(".flag_set"))
    return tr("Event wait() returns only after some thread calls set(): set it "
              "on every path, including the error paths.");
  if (name.endswith(".available"))
    return tr(
        "A semaphore acquire waits for a release that never comes: release "
        "once after each acquire, on every path.");
  if (name.endswith(".finished"))
    return tr(
        "A future's result() waits for a task that no worker will run: "
        "every worker is busy, here waiting itself. Do not wait for a task "
        "from inside a task of the same pool, or give the pool more "
        "workers than tasks that wait.");
  return nullptr;
}

std::string findingHint(const Finding &finding, const Explanation &e) {
  switch (finding.kind) {
  case FindingKind::LockOrderInversion:
    return tr("Take these locks in one global order everywhere (always lock "
              "{0}), or take them together with std::scoped_lock / std::lock; "
              "in C, take a lock that guards both orders first. The program "
              "is safe today only while these sections never run at once.",
              inversionOrder(e));
  case FindingKind::DeadlockCycle: {
    std::string order = lockOrder(e);
    // Locks in an array (the forks of dining philosophers) have a natural
    // order: their index.
    bool array = order.find('[') != std::string::npos;
    bool files = order.find("flock on ") != std::string::npos ||
                 order.find("fcntl lock on ") != std::string::npos;
    std::string inOrder = order.empty() ? std::string() : tr(" ({0})", order);
    if (files)
      return tr("Make every thread take these file locks in one global "
                "order{0}, or guard the nested locking with one lock taken "
                "first.",
                inOrder);
    return tr("Make every thread take these locks in one global order{0}, or "
              "take them together with std::scoped_lock / std::lock, which "
              "cannot deadlock",
              inOrder) +
           (array ? tr("; for locks in an array: the lower index first.")
                  : tr("."));
  }
  case FindingKind::DeadlockStall: {
    // The hint for the first kind of wait, in this order, that a thread is
    // stuck in.
    auto anyWaits = [&](llvm::StringRef op) {
      return llvm::any_of(e.threads, [&](const InvolvedThread &t) {
        return t.waits && t.waits->op == op;
      });
    };
    for (const InvolvedThread &t : e.threads)
      if (t.waits && t.waits->op == "wait on condition")
        if (const char *hint = syncStallHint(t.waits->object))
          return hint;
    if (anyWaits("wait on condition"))
      return tr("Wait for a condition in a loop over its predicate (`while "
                "(!ready) pthread_cond_wait(&c, &m);`) and set the predicate "
                "under the mutex before signalling: a signal sent before the "
                "wait is lost. Make sure some thread is still alive to change "
                "the predicate and signal (a termination sentinel for "
                "consumers, for example).");
    if (anyWaits("read from"))
      return tr("A pipe read returns end-of-file only when every write end is "
                "closed, in every process: after fork, let each process close "
                "the ends it does not use (the reader closes its write end "
                "before reading), and let the writer close its end when done.");
    if (anyWaits("receive from"))
      return tr("A receive from an empty message queue waits until someone "
                "sends, even when nobody is left who could: receive exactly as "
                "many messages as are sent (count them, or send a final "
                "\"done\" message per consumer), or use mq_timedreceive or "
                "O_NONBLOCK where giving up is right.");
    if (anyWaits("send to"))
      return tr("A send to a full message queue waits until someone receives: "
                "make sure a receiver stays until every message is taken (wait "
                "for the producer before the consumer exits), or send with "
                "O_NONBLOCK / mq_timedsend and handle EAGAIN / ETIMEDOUT.");
    bool processes = false;
    for (const StepView &step : e.steps)
      processes |= step.process > 1;
    if (processes && anyWaits("wait on semaphore"))
      return tr("After fork each process has its own copy of globals, heap "
                "and stack: a semaphore or mutex that processes share must "
                "live in shared memory (mmap with MAP_SHARED, or shm_open) and "
                "be initialised as process-shared (sem_init(&s, 1, n)); or use "
                "a named semaphore (sem_open).");
    if (anyWaits("poll"))
      return tr(
          "A polling loop (look, sleep, look again) waits for another "
          "thread to change what it looks at, and here none can: the "
          "thread that would is blocked, finished, or polls itself, "
          "waiting for this one. Check that the thread meant to make the "
          "change is not waiting for the poller; better, wait on a "
          "condition variable, a semaphore or a join instead of polling.");
    if (anyWaits("spin on"))
      return tr("A spin loop waits for another thread to change the variable, "
                "and here none can: the thread that would is blocked (or spins "
                "itself, waiting for this one). Check that the thread meant to "
                "set the flag is not waiting for something the spinning thread "
                "holds; better, wait on a condition variable, a semaphore or "
                "a join instead of spinning.");
    if (anyWaits("wait for child"))
      return tr("A parent that waits for a child must first give the child "
                "what it waits for: close pipe ends, post semaphores or write "
                "the data before calling waitpid.");
    return tr(
        "Every live thread waits for something only another blocked thread "
        "can do. Check that each joined thread can finish, that every "
        "semaphore wait has a matching post and every barrier enough "
        "parties, and that a thread releases what others wait for before "
        "it blocks itself.");
  }
  case FindingKind::LockCondWaitRecursive:
    return tr(
        "A condition wait releases a recursive mutex only once: unlock the "
        "extra levels before waiting (restructure so the wait happens at "
        "depth one), or use a normal mutex with the condition.");
  case FindingKind::LockCondWaitUnlocked:
    return tr(
        "Lock the condition's mutex before pthread_cond_wait and check the "
        "predicate under it; the wait releases and re-takes it for you.");
  case FindingKind::LockCondTwoMutexes:
    return tr(
        "Pair each condition variable with exactly one mutex, the one that "
        "protects its predicate.");
  case FindingKind::LockDestroyWaited:
    return tr(
        "Wake and join every thread that may wait on it (broadcast, post, "
        "or let all parties arrive) before destroying it.");
  case FindingKind::LockUninitialized:
    return tr(
        "Initialise every mutex, rwlock, condition and barrier once, before "
        "any thread uses it (pthread_*_init, or the static initializers "
        "for mutexes, rwlocks and conditions), and destroy it only after "
        "every thread is done with it: join them first.");
  case FindingKind::SemUninitialized:
    return tr(
        "Call sem_init (or sem_open) before any thread uses the semaphore, "
        "and sem_destroy only after every thread is done with it: join "
        "them first.");
  case FindingKind::LockReinit:
    return tr(
        "Initialise a mutex exactly once, before the threads that use it "
        "start. Re-initialising it while a thread holds it or waits for it "
        "breaks the mutual exclusion: to reuse it, join those threads "
        "first.");
  case FindingKind::LockSelfDeadlock:
    return tr(
        "A normal mutex cannot be locked twice by the same thread. Unlock "
        "it before calling code that locks it again, or split the function "
        "into a locking wrapper and a `_locked` version that expects the "
        "lock held; if re-entry is really intended, use a recursive mutex "
        "(PTHREAD_MUTEX_RECURSIVE, std::recursive_mutex).");
  case FindingKind::LockUnlockNotOwner:
    return tr(
        "Only the thread that locked a mutex may unlock it. Unlock in the "
        "thread that locked; to let another thread continue, signal it "
        "with a semaphore or a condition variable instead.");
  case FindingKind::LockUnlockUnlocked:
    return tr("Each unlock must match an earlier lock by the same thread: look "
              "for a double unlock or an unlock on a path that never locked. "
              "std::lock_guard / std::unique_lock pair them automatically.");
  case FindingKind::LockRecursiveUnbalanced:
    return tr(
        "Every lock of a recursive mutex needs exactly one unlock by the "
        "same thread before it ends; count locks and unlocks on every path "
        "(early returns too), or use std::lock_guard.");
  case FindingKind::LockDestroyLocked:
    return tr("Unlock the mutex, and join every thread that may still use it, "
              "before pthread_mutex_destroy (or before the std::mutex goes out "
              "of scope).");
  case FindingKind::LockHeldAtExit:
    return tr("Release every lock before the thread returns: check early "
              "returns, `break`s and error paths between lock and unlock; "
              "std::lock_guard releases automatically.");
  case FindingKind::LifecycleDetachedCutOff:
    return tr(
        "When main returns (or any thread calls exit) the process ends and "
        "its detached threads stop wherever they are, locks held and work "
        "unfinished. Join threads whose work must complete, or have main "
        "wait for them (a semaphore or condition they signal when done) "
        "before it returns; pthread_exit in main lets the others finish.");
  case FindingKind::LifecycleZombie:
    return tr(
        "Wait for every child you fork: call waitpid(pid, &status, 0) (or "
        "wait) in the parent once the child's work is needed or at the "
        "latest before the parent goes on to other work; a parent that "
        "must not block can reap with waitpid(-1, &status, WNOHANG) in its "
        "loop or from a SIGCHLD handler.");
  case FindingKind::LifecycleOrphan:
    return tr("Make the parent waitpid() for each child before it exits (or "
              "returns from main), so that no child outlives it unobserved and "
              "its exit status is checked.");
  case FindingKind::SyncBoundedSemaphoreOverrelease:
    return tr(
        "Release a BoundedSemaphore once per acquire, after the acquire: "
        "look for a release on a path that never acquired (an error path, "
        "a second release in a loop). If the count may really grow past "
        "its start, use a plain Semaphore.");
  case FindingKind::SyncQueueTaskDoneTooOften:
    return tr(
        "Call task_done() exactly once for each item a consumer took with "
        "get() or get_nowait(), after processing it: not for a get_nowait() "
        "that found the queue empty, and not twice on one path.");
  case FindingKind::SyncPoolSubmitAfterShutdown:
    return tr("Submit every task before shutdown() (or before the pool is "
              "destroyed); a task that submits more tasks must be waited for "
              "(its future's result()) before the pool shuts down.");
  case FindingKind::LifecycleUnjoinedThread:
    return tr(
        "Call pthread_join (std::thread::join) on every thread you create, "
        "or pthread_detach it if nobody needs its result; otherwise main "
        "may end while it still runs, and its resources leak.");
  case FindingKind::ProgramCrash:
    return tr(
        "The crash depends on the interleaving: replay it (the command "
        "below) under gdb and look for shared data that one thread changes "
        "while another uses it without holding the same lock.");
  case FindingKind::ProgramAssert:
    if (finding.execution && finding.execution->crash.message.empty())
      return tr("The check that leads to abort() holds in some interleavings "
                "only: another thread changes what it checks in between. "
                "Protect the update and the check with the same lock, or wait "
                "(condition variable, join) until the state is ready.");
    return tr("The assertion holds in some interleavings only: another thread "
              "changes what it checks in between. Protect the update and the "
              "check with the same lock, or wait (condition variable, join) "
              "until the state is ready.");
  case FindingKind::RaceData:
    if (frees(finding, 0) || frees(finding, 1))
      return tr(
          "A block is freed while another thread may still use it. Free "
          "it only after every thread that uses it is done: join (or wait "
          "for) them before the free, or let the last user free it.");
    return raceHint(e);
  case FindingKind::MemoryUseAfterFree:
    return tr("The block is used after it was freed. Move the free after the "
              "last use by every thread (join them first), and set the pointer "
              "to NULL once the block is freed so that a later use fails "
              "loudly.");
  case FindingKind::RaceFile:
    return fileRaceHint(e);
  case FindingKind::ProgramNondeterministic:
    return tr(
        "Under one schedule the program must do the same thing every "
        "run, or tangle cannot explore it: take the time, random seeds "
        "and the environment from a fixed source when testing (seed "
        "rand() with a constant, read the clock once and pass it in), and "
        "remove files such as pid files that a run leaves behind (or "
        "create them without O_EXCL in a fresh directory).");
  case FindingKind::ProgramHang:
    return tr("A thread never stops under this interleaving, typically a loop "
              "that spins on a flag another thread never sets. Wait on a "
              "condition variable or semaphore instead of spinning, and make "
              "sure every loop terminates; raise --max-steps or "
              "--execution-timeout if the program is just long.");
  }
  return tr("");
}

} // namespace tangle
