// Building the explanation of a finding from the model's structured data.
#include "cli/explain.h"

#include "cli/finding_text.h"
#include "cli/messages.h"
#include "model/detect/lock_order.h"
#include "model/explore/explorer.h"
#include "model/objects/lifetime.h"
#include "model/objects/pipe.h"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <map>
#include <set>

namespace tangle {

const char *operationVerb(OpKind kind) {
  switch (kind) {
  case OpKind::ThreadStart:
    return msg("start");
  case OpKind::ThreadExit:
    return msg("exit");
  case OpKind::ThreadCreate:
    return msg("create");
  case OpKind::ThreadJoin:
    return msg("join");
  case OpKind::ThreadDetach:
    return msg("detach");
  case OpKind::ProcessExit:
    return msg("exit-process");
  case OpKind::ProcessFork:
    return msg("fork");
  case OpKind::ProcessWait:
    return msg("waitpid");
  case OpKind::PipeCreate:
    return msg("pipe");
  case OpKind::PipeRead:
    return msg("read");
  case OpKind::PipeWrite:
    return msg("write");
  case OpKind::PipeClose:
    return msg("close");
  case OpKind::PipeDup:
    return msg("dup");
  case OpKind::ProcessKill:
    return msg("kill");
  case OpKind::ProcessSpawn:
    return msg("spawn");
  case OpKind::MqOpen:
    return msg("mq_open");
  case OpKind::MqSend:
    return msg("mq_send");
  case OpKind::MqReceive:
    return msg("mq_receive");
  case OpKind::MqClose:
    return msg("mq_close");
  case OpKind::MqUnlink:
    return msg("mq_unlink");
  case OpKind::MqGetAttr:
    return msg("mq_getattr");
  case OpKind::MutexInit:
    return msg("init");
  case OpKind::MutexDestroy:
    return msg("destroy");
  case OpKind::MutexLock:
    return msg("lock");
  case OpKind::MutexTryLock:
    return msg("trylock");
  case OpKind::MutexTimedLock:
    return msg("timedlock");
  case OpKind::MutexUnlock:
    return msg("unlock");
  case OpKind::CondInit:
    return msg("cond_init");
  case OpKind::CondDestroy:
    return msg("cond_destroy");
  case OpKind::CondWait:
    return msg("wait");
  case OpKind::CondWake:
    return msg("wake");
  case OpKind::CondSignal:
    return msg("signal");
  case OpKind::CondBroadcast:
    return msg("broadcast");
  case OpKind::SemInit:
    return msg("sem_init");
  case OpKind::SemDestroy:
    return msg("sem_destroy");
  case OpKind::SemWait:
    return msg("sem_wait");
  case OpKind::SemTryWait:
    return msg("sem_trywait");
  case OpKind::SemTimedWait:
    return msg("sem_timedwait");
  case OpKind::SemPost:
    return msg("sem_post");
  case OpKind::SemGetValue:
    return msg("sem_getvalue");
  case OpKind::BarrierInit:
    return msg("barrier_init");
  case OpKind::BarrierDestroy:
    return msg("barrier_destroy");
  case OpKind::BarrierWait:
    return msg("arrive");
  case OpKind::BarrierLeave:
    return msg("pass");
  case OpKind::RwInit:
    return msg("rwlock_init");
  case OpKind::RwDestroy:
    return msg("rwlock_destroy");
  case OpKind::RwRdLock:
    return msg("rdlock");
  case OpKind::RwTryRdLock:
    return msg("tryrdlock");
  case OpKind::RwTimedRdLock:
    return msg("timedrdlock");
  case OpKind::RwWrLock:
    return msg("wrlock");
  case OpKind::RwTryWrLock:
    return msg("trywrlock");
  case OpKind::RwTimedWrLock:
    return msg("timedwrlock");
  case OpKind::RwUnlock:
    return msg("unlock");
  case OpKind::OnceEnter:
    return msg("once");
  case OpKind::OnceDone:
    return msg("once-done");
  case OpKind::Yield:
    return msg("yield");
  case OpKind::FileLock:
    return msg("lock");
  case OpKind::FileTryLock:
    return msg("trylock");
  case OpKind::FileUnlock:
    return msg("unlock");
  case OpKind::FileTestLock:
    return msg("test lock");
  case OpKind::ProcessExec:
    return msg("exec");
  case OpKind::AtomicLoad:
    return msg("atomic load");
  case OpKind::AtomicStore:
    return msg("atomic store");
  case OpKind::AtomicRmw:
    return msg("atomic update");
  case OpKind::FutexWait:
    return msg("futex wait");
  case OpKind::FutexResume:
    return msg("futex wake-up");
  case OpKind::FutexWake:
    return msg("futex wake");
  case OpKind::ThreadCancel:
    return msg("cancel");
  case OpKind::CancelSet:
    return msg("set-cancel");
  case OpKind::CancelTest:
    return msg("testcancel");
  case OpKind::Count_:
    break;
  }
  return "?";
}

std::string operationText(const Operation &op) {
  // vfork's parent waiting for its child's exec or exit (not a waitpid).
  if (op.kind == OpKind::ProcessWait && (op.flags & WaitVfork))
    return msg("vfork-wait");
  // A turn of a spin on plain memory (runtime/tsan_interface.cpp); the end
  // of an object whose memory the program freed (object_lifetime.h).
  if (op.kind == OpKind::Yield && (op.flags & YieldSpin))
    return msg("spin on");
  if (isDestroyOp(op.kind) && (op.flags & ObjectFreed))
    return msg("frees");
  if (op.kind < OpKind::FileLock || op.kind > OpKind::FileTestLock)
    return operationVerb(op.kind);
  bool shared = op.flags & FileLockShared;
  if (op.kind == OpKind::FileUnlock && (op.flags & FileLockOnClose))
    return msg("close (unlocks)");
  if (!isPosixLockKey(op.object)) { // flock
    switch (op.kind) {
    case OpKind::FileLock:
      return shared ? "flock(LOCK_SH)" : "flock(LOCK_EX)";
    case OpKind::FileTryLock:
      return shared ? "flock(LOCK_SH|LOCK_NB)" : "flock(LOCK_EX|LOCK_NB)";
    default:
      return "flock(LOCK_UN)";
    }
  }
  if (op.flags & FileLockLockf) {
    switch (op.kind) {
    case OpKind::FileLock:
      return "lockf(F_LOCK)";
    case OpKind::FileTryLock:
      return "lockf(F_TLOCK)";
    case OpKind::FileTestLock:
      return "lockf(F_TEST)";
    default:
      return "lockf(F_ULOCK)";
    }
  }
  std::string type = shared ? "F_RDLCK" : "F_WRLCK";
  switch (op.kind) {
  case OpKind::FileLock:
    return "fcntl(F_SETLKW, " + type + ")";
  case OpKind::FileTryLock:
    return "fcntl(F_SETLK, " + type + ")";
  case OpKind::FileTestLock:
    return "fcntl(F_GETLK)";
  default:
    return "fcntl(F_SETLK, F_UNLCK)";
  }
}

const char *accessVerb(const MemoryAccess &m) {
  if (m.file()) {
    if (m.write() && m.atomic() && FileOp(m.size) != FileOp::Open)
      return msg("appends to");
    return fileOpVerb(FileOp(m.size));
  }
  if (m.flags & AccessFree)
    return msg("frees");
  if (m.atomic())
    return m.write() ? msg("atomically writes") : msg("atomically reads");
  return m.write() ? msg("writes") : msg("reads");
}

std::string roundText(const StepView &step) {
  if (step.groupLength == 1)
    return tr("the same step {0} more times, up to step {1}", step.groupRepeats,
              step.groupLast);
  return tr("the {0} steps above {1} more times, up to step {2}",
            step.groupLength, step.groupRepeats, step.groupLast);
}

std::string shellQuote(const std::string &word) {
  if (!word.empty() &&
      word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW"
                             "XYZ0123456789_-+=/.,:@%") == std::string::npos)
    return word;
  std::string quoted = "'";
  for (char c : word)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

namespace {

/// Operations on a synchronisation object (mutex, condition, semaphore,
/// barrier, rwlock, once): the object is shown by name.
bool isMutexOp(OpKind kind) { return hasObjectAddress(kind); }
bool isThreadOp(OpKind kind) {
  return kind == OpKind::ThreadJoin || kind == OpKind::ThreadDetach ||
         kind == OpKind::ThreadCancel;
}

/// "SIGTERM".
std::string signalName(int signal) {
  if (const char *abbrev = sigabbrev_np(signal))
    return std::string("SIG") + abbrev;
  return "signal " + std::to_string(signal);
}

/// A pipe is named after the array its descriptors went into: `fd`, not
/// its first element `fd[0]`.
std::string pipeName(std::string name) {
  const std::string first = "[0]";
  if (name.size() > first.size() &&
      name.compare(name.size() - first.size(), first.size(), first) == 0)
    name.resize(name.size() - first.size());
  return name;
}

/// Names threads, objects and sites of one execution.
class Narrator {
public:
  Narrator(const Execution &execution, Symbolizer &symbolizer,
           ObjectNamer &namer)
      : execution_(execution), symbolizer_(symbolizer), namer_(namer) {}

  /// Thread numbers are reused (model/objects/ids.h), so which thread a
  /// number means depends on when: the event that created the thread
  /// numbered `id` as of step `at` (the last creation before it), or NoEvent
  /// for the main thread.
  uint32_t creationOf(ThreadId id, uint32_t at) {
    if (!creationsBuilt_) {
      creationsBuilt_ = true;
      for (uint32_t i = 0; i < execution_.events.size(); ++i) {
        const Event &event = execution_.events[i];
        if ((event.op.kind == OpKind::ThreadCreate ||
             event.op.kind == OpKind::ProcessFork) &&
            event.result >= 0)
          creations_[static_cast<ThreadId>(event.result)].push_back(i);
      }
    }
    auto it = creations_.find(id);
    if (it == creations_.end())
      return NoEvent;
    const std::vector<uint32_t> &list = it->second;
    auto after = std::lower_bound(list.begin(), list.end(), at);
    if (after != list.begin())
      return *(after - 1);
    return id == 0 ? NoEvent : list.front(); // (not created yet: its first)
  }

  /// The process of the thread numbered `id` as of step `at`: a forked
  /// child's first thread starts the process the fork names; a created
  /// thread belongs to its creator's.
  ProcessId processAt(ThreadId id, uint32_t at) {
    uint32_t created = creationOf(id, at);
    if (created == NoEvent)
      return 0;
    const Event &event = execution_.events[created];
    if (event.op.kind == OpKind::ThreadCreate)
      return processAt(event.thread, created);
    if (event.op.reserved != 0)
      return event.op.reserved;
    // A trace from before forks recorded their child: count them.
    ProcessId forks = 0;
    for (uint32_t i = 0; i <= created; ++i) {
      const Event &e = execution_.events[i];
      forks += e.op.kind == OpKind::ProcessFork ||
               (e.op.kind == OpKind::ProcessSpawn && e.result >= 0);
    }
    return forks;
  }

  /// The thread numbered `id` as of step `at` (by default, at the end).
  ThreadView thread(ThreadId id, uint32_t at = UINT32_MAX) {
    ThreadView view;
    view.id = id;
    if (id == NoThread) {
      // A thread past the record region's numbers ran unrecorded: a join
      // of it names no thread of the run, and no creation to name it by.
      view.name = view.shortName = tr("a thread tangle did not record");
      return view;
    }
    view.process = processAt(id, at);
    const uint32_t created = creationOf(id, at);
    if (created == NoEvent && id != 0) {
      // A recorded run's report holds the last steps only: a thread a step
      // names (the one main joined before) may have its creation left out,
      // and thread 0 is the main thread, not every thread without one.
      view.name = view.shortName = tr("thread {0}", id);
      return view;
    }
    if (created == NoEvent) {
      view.name = view.shortName = tr("main thread");
      return view;
    }
    const Event &creation = execution_.events[created];
    if (creation.op.kind == OpKind::ProcessFork) {
      // A forked process's first thread is the process to the reader.
      view.shortName = tr("process {0}", view.process);
      view.createdAt = site(creation.stack);
      view.name = tr("{0} (forked by {1})", view.shortName,
                     thread(creation.thread, created).shortName);
      return view;
    }
    view.shortName = view.process
                         ? tr("thread {0} of process {1}", id, view.process)
                         : tr("thread {0}", id);
    view.createdAt = site(creation.stack);
    SourceLocation routine = symbolizer_.codeAt(creation.op.arg);
    if (routine.known() && !isSystemPath(routine.file))
      view.startRoutine = routine.function;
    // std::thread starts in libstdc++: name the thread by its own code.
    // A lambda reads as "main" or "operator()": prefer the function it
    // calls. Only this thread's steps count, not those of an earlier or
    // later thread with the same number.
    if (view.startRoutine.empty())
      for (uint32_t i = created + 1; i < execution_.events.size(); ++i) {
        const Event &event = execution_.events[i];
        if (event.op.kind == OpKind::ThreadCreate &&
            event.result == static_cast<int32_t>(id))
          break; // the number's next thread
        if (event.thread != id)
          continue;
        for (const Frame &frame : symbolizer_.frames(event.stack)) {
          const std::string &function = frame.location.function;
          if (frame.user && function != "main" && function != "operator()")
            view.startRoutine = function; // the outermost such frame wins
        }
        if (!view.startRoutine.empty())
          break;
      }
    view.name = view.shortName;
    if (!view.startRoutine.empty())
      view.name += " (" + view.startRoutine + ")";
    return view;
  }

  ObjectName object(ObjectAddr address, uint32_t atAccess = UINT32_MAX) {
    return namer_.name(address, execution_, atAccess);
  }

  /// A lock: a file key names the file's flock.
  ObjectName lock(ObjectAddr address) {
    ObjectName name = object(address);
    if (isFileKey(address) && !isPosixLockKey(address))
      name.name = "flock on " + name.name; // (a code name: not translated)
    return name;
  }

  std::vector<SourceLocation> userStack(const Stack &stack) {
    std::vector<SourceLocation> sites;
    for (const Frame &frame : symbolizer_.frames(stack))
      if (frame.user && frame.location.known())
        sites.push_back(frame.location);
    return sites;
  }

  SourceLocation site(const Stack &stack) {
    if (auto frame = symbolizer_.userFrame(stack))
      return frame->location;
    return SourceLocation();
  }

  /// Whether `stack` waits inside a predicate loop of tangle/sync.h: any of
  /// its waits but a Condition's plain wait, which the caller loops over.
  bool inSyncPredicateLoop(const Stack &stack) {
    std::vector<Frame> frames = symbolizer_.frames(stack);
    if (frames.empty() || !isTangleHeader(frames.front().location.file))
      return false;
    const std::string &function = frames.front().location.function;
    return function != "tangle_condition_wait" &&
           function != "tangle_condition_wait_timeout";
  }

  /// The C++ library primitive a futex wait on `stack` belongs to, known
  /// by the libstdc++ header of the outermost library frame (std::latch
  /// waits through <bits/atomic_wait.h>, but the latch is what the student
  /// wrote): what the thread waits for in words, and why nobody will end
  /// the wait. Empty for a futex the program uses itself.
  struct LibraryWait {
    std::string op, object, detail;
  };
  LibraryWait futexLibrary(const Stack &stack) {
    struct Known {
      const char *header;
      LibraryWait wait;
    };
    static const LibraryWait atomicWait = {
        msg("see a change of"), "",
        msg("nobody is left to change its value and notify")};
    static const Known known[] = {
        {"future",
         {msg("get the value of"), msg("a std::future"),
          msg("no thread will set it: its std::promise (or task) is never "
              "given a value, and no thread is left to give it one")}},
        {"latch",
         {msg("pass"), msg("a std::latch"),
          msg("its counter will not reach zero: the count_down calls it "
              "needs will not come")}},
        {"barrier",
         {msg("pass"), msg("a std::barrier"),
          msg("the other parties of this phase will not arrive")}},
        {"semaphore",
         {msg("acquire"), msg("a std::counting_semaphore"),
          msg("its count is 0 and nobody is left to release it")}},
        {"semaphore_base.h",
         {msg("acquire"), msg("a std::counting_semaphore"),
          msg("its count is 0 and nobody is left to release it")}},
        {"atomic_wait.h", atomicWait},
        {"atomic_timed_wait.h", atomicWait},
        {"atomic_base.h", atomicWait},
        {"atomic", atomicWait},
    };
    LibraryWait found;
    for (const Frame &frame : symbolizer_.frames(stack)) {
      llvm::StringRef file = frame.location.file;
      llvm::StringRef header = file.substr(file.rfind('/') + 1);
      if (!isSystemPath(file))
        continue;
      for (const Known &k : known)
        if (header == k.header)
          found = k.wait;
    }
    return found;
  }

  /// The object an operation acts on, as shown in a step; `at` is the step
  /// (for which thread a number means then).
  std::string operand(const Operation &op, int32_t result, uint32_t at) {
    if (op.kind >= OpKind::PipeCreate && op.kind <= OpKind::PipeDup)
      return tr("pipe {0}", pipeName(object(op.object).name)) +
             (op.kind == OpKind::PipeClose || op.kind == OpKind::PipeDup
                  ? (op.arg == PipeReadEnd ? tr(" (read end)")
                                           : tr(" (write end)"))
                  : "");
    if (op.kind >= OpKind::MqOpen && op.kind <= OpKind::MqGetAttr)
      return tr("message queue {0}", object(op.object).name);
    if (op.kind >= OpKind::FutexWait && op.kind <= OpKind::FutexWake)
      return "futex " + object(op.object).name;
    if (isMutexOp(op.kind))
      return lock(op.object).name;
    if (op.kind == OpKind::ProcessFork)
      return thread(static_cast<ThreadId>(result), at + 1).shortName;
    if (op.kind == OpKind::ProcessSpawn)
      return result >= 0 ? tr("process {0}", result)
                         : std::string(tr("a command"));
    if (op.kind == OpKind::ProcessKill)
      return tr("process {0} with {1}", op.object, signalName(int(op.arg)));
    if (op.kind == OpKind::ProcessWait)
      return op.object == AnyProcess ? std::string(tr("any child"))
                                     : tr("process {0}", op.object);
    if (op.kind == OpKind::ThreadCreate)
      return thread(static_cast<ThreadId>(result), at + 1).name;
    if (isThreadOp(op.kind))
      return thread(static_cast<ThreadId>(op.object), at).name;
    return "";
  }

  StepView step(uint32_t index) {
    const Event &event = execution_.events[index];
    StepView view;
    view.number = index + 1;
    view.thread = thread(event.thread, index);
    view.op = operationText(event.op);
    view.object = operand(event.op, event.result, index);
    view.at = site(event.stack);
    view.process = view.thread.process + 1;
    return view;
  }

  StepView pendingStep(const PendingOp &pending) {
    StepView view;
    const uint32_t end = static_cast<uint32_t>(execution_.events.size());
    view.thread = thread(pending.thread, end);
    view.op = operationText(pending.op);
    view.object = operand(pending.op, 0, end);
    view.at = site(pending.stack);
    return view;
  }

private:
  const Execution &execution_;
  Symbolizer &symbolizer_;
  ObjectNamer &namer_;
  // Each thread number's creations (event indexes, in order), filled on
  // first use.
  std::map<ThreadId, std::vector<uint32_t>> creations_;
  bool creationsBuilt_ = false;
};

/// "the first process and process 2 (its own)": the processes that hold a
/// pipe or message queue open ("a, b and c").
std::string pipeHolders(const Involvement &involvement) {
  std::string holders;
  const size_t n = involvement.pipeHolders.size();
  for (size_t i = 0; i < n; ++i) {
    ProcessId p = involvement.pipeHolders[i];
    if (i > 0)
      holders += i + 1 == n ? tr(" and ") : tr(", ");
    holders +=
        p == 0 ? std::string(tr("the first process")) : tr("process {0}", p);
    if (p == involvement.process)
      holders += tr(" (its own)");
  }
  return holders;
}

/// Who still holds a message queue open for `what` ("sending"): the
/// processes of the blocked thread's pipeHolders.
std::string queueHolders(const Involvement &involvement, const char *what) {
  if (involvement.pipeHolders.empty())
    return tr("no process has it open for {0}", tr(what));
  return tr("it is open for {0} only in {1}, whose threads are all blocked "
            "or gone",
            tr(what), pipeHolders(involvement));
}

/// Names what a thread blocked on a condition, semaphore or barrier waits
/// for, and why nobody will end the wait. `stuck`: the thread cannot go on
/// (false for a detached thread the process's end cut off, which was not
/// waiting: its next step is only named).
void describeWait(const Involvement &involvement, const Execution &execution,
                  Narrator &narrator, bool stuck, WaitView &wait) {
  switch (involvement.waitsFor->op.kind) {
  case OpKind::CondWake:
    wait.op = msg("wait on condition");
    wait.detail = tr("nobody is left to signal it");
    // In a predicate loop a signal nobody waited for is harmless, not the
    // cause.
    if (involvement.lostSignal &&
        *involvement.lostSignal < execution.events.size() &&
        !narrator.inSyncPredicateLoop(involvement.waitsFor->stack)) {
      const Event &lost = execution.events[*involvement.lostSignal];
      SourceLocation at = narrator.site(lost.stack);
      wait.detail +=
          tr("; the {0} by {1}{2} (step {3}) came before the wait and was lost",
             tr(operationVerb(lost.op.kind)),
             narrator.thread(lost.thread, *involvement.lostSignal).shortName,
             at.known() ? tr(" at line {0}", at.line) : std::string(),
             *involvement.lostSignal + 1);
    }
    break;
  case OpKind::SemWait:
    wait.op = msg("wait on semaphore");
    wait.detail = tr("its value is 0 and nobody is left to post it");
    break;
  case OpKind::BarrierLeave:
    wait.op = msg("wait at barrier");
    wait.detail = tr("barrier of {0} with {1} arrived",
                     involvement.barrierCount, involvement.barrierArrived);
    break;
  case OpKind::OnceEnter:
    wait.op = msg("wait for the once routine of");
    break;
  case OpKind::ProcessWait:
    if (involvement.waitsFor->op.flags & WaitVfork) {
      wait.op = msg("wait in vfork for child");
      wait.detail = tr("the child has neither called exec nor exited, and "
                       "will not");
      break;
    }
    wait.op = msg("wait for child");
    wait.detail = tr("the child has not exited and will not");
    break;
  case OpKind::PipeRead:
  case OpKind::PipeWrite: {
    bool read = involvement.waitsFor->op.kind == OpKind::PipeRead;
    wait.op = read ? msg("read from") : msg("write to");
    std::string holders = pipeHolders(involvement);
    wait.detail = read ? tr("the pipe is empty, and its write end is still "
                            "open in {0}, so the read does not see the end "
                            "of the data",
                            holders)
                       : tr("the pipe is full and nobody reads it; its read "
                            "end is open in {0}",
                            holders);
    break;
  }
  case OpKind::AtomicLoad:
  case OpKind::AtomicStore:
  case OpKind::AtomicRmw:
    // Atomics never block: a stuck thread "waits" at one only when it
    // spins.
    if (!stuck)
      break;
    wait.op = msg("spin on");
    wait.detail = tr("it reads the same value again and again, and no other "
                     "thread can run to change it");
    break;
  case OpKind::FutexResume: {
    Narrator::LibraryWait library =
        narrator.futexLibrary(involvement.waitsFor->stack);
    wait.op = library.op.empty() ? msg("wait on") : library.op;
    if (!library.object.empty())
      wait.object = tr(library.object);
    else if (!library.op.empty()) // the atomic itself, by its name
      wait.object = narrator.object(involvement.waitsFor->op.object).name;
    wait.detail = library.detail.empty()
                      ? std::string(tr("no thread is left to wake it"))
                      : std::string(tr(library.detail));
    break;
  }
  case OpKind::Yield:
    // A poll never blocks either: it sleeps, looks again, and sees nothing
    // new, turn after turn.
    wait.op = msg("poll");
    wait.detail = tr("it sleeps and looks again and again, and no other "
                     "thread can run to change what it looks at");
    break;
  case OpKind::MqReceive:
    wait.op = msg("receive from");
    wait.detail = tr("it is empty and nobody will send to it: {0}",
                     queueHolders(involvement, msg("sending")));
    break;
  case OpKind::MqSend:
    wait.op = msg("send to");
    wait.detail = tr("it is full ({0} messages, mq_maxmsg {1}) and nobody "
                     "will receive from it: {2}",
                     involvement.queued, involvement.queueCapacity,
                     queueHolders(involvement, msg("receiving")));
    break;
  default:
    break;
  }
}

/// The step at which an involved thread is meant: its own, or the
/// finding's (thread numbers are reused, model/objects/ids.h).
uint32_t involvedAt(const Involvement &involvement, const Finding &finding) {
  return involvement.at != NoEvent ? involvement.at : finding.step;
}

InvolvedThread involvedThread(const Involvement &involvement, uint32_t at,
                              const Execution &execution, Narrator &narrator,
                              bool stuck) {
  InvolvedThread result;
  result.thread = narrator.thread(involvement.thread, at);
  for (const HeldLock &held : involvement.holds) {
    HeldLockView view;
    view.object = narrator.lock(held.mutex);
    view.step = held.acquiredAt + 1;
    if (held.acquiredAt < execution.events.size())
      view.lockedAt = narrator.site(execution.events[held.acquiredAt].stack);
    result.holds.push_back(std::move(view));
  }
  if (involvement.waitsFor) {
    WaitView wait;
    wait.op = operationVerb(involvement.waitsFor->op.kind);
    wait.object = narrator.operand(involvement.waitsFor->op, 0, at);
    wait.at = narrator.site(involvement.waitsFor->stack);
    if (involvement.waitsOn != NoThread)
      wait.waitsOn = narrator.thread(involvement.waitsOn, at);
    describeWait(involvement, execution, narrator, stuck, wait);
    result.waits = std::move(wait);
  }
  return result;
}

/// The threads and objects a finding is about: the steps worth showing.
/// A thread is its number and the event that created it (numbers are
/// reused: the steps of another thread with the same number do not matter).
struct Focus {
  std::set<std::pair<ThreadId, uint32_t>> threads;
  std::set<ObjectAddr> objects;
};

Focus focusOf(const Finding &finding, const Execution &execution,
              Narrator &narrator) {
  Focus focus;
  if (finding.object)
    focus.objects.insert(finding.object);
  for (const Involvement &involvement : finding.threads) {
    uint32_t at = involvedAt(involvement, finding);
    focus.threads.insert(
        {involvement.thread, narrator.creationOf(involvement.thread, at)});
    for (const HeldLock &held : involvement.holds)
      focus.objects.insert(held.mutex);
    if (involvement.waitsFor && isMutexOp(involvement.waitsFor->op.kind))
      focus.objects.insert(involvement.waitsFor->op.object);
  }
  if (finding.step < execution.events.size()) {
    ThreadId t = execution.events[finding.step].thread;
    focus.threads.insert({t, narrator.creationOf(t, finding.step)});
  }
  return focus;
}

bool matters(const Event &event, uint32_t index, const Focus &focus,
             Narrator &narrator) {
  if (event.op.kind == OpKind::ThreadCreate)
    return focus.threads.count({static_cast<ThreadId>(event.result), index});
  if (!focus.threads.count(
          {event.thread, narrator.creationOf(event.thread, index)}))
    return false;
  return !isMutexOp(event.op.kind) || focus.objects.count(event.op.object);
}

StepView accessStep(const MemoryAccess &m, Narrator &narrator,
                    ObjectAddr file) {
  Stack stack;
  for (int i = 0; i < AccessFrames; ++i)
    stack.frames[i] = m.frames[i];
  StepView view;
  view.thread = narrator.thread(m.thread, m.afterEvents);
  view.op = accessVerb(m);
  view.object = narrator.object(file).name;
  view.at = narrator.site(stack);
  return view;
}

/// For race.file: the operations of the involved threads on the file, as
/// unnumbered rows between the steps they came between (they are not
/// scheduling points), so the story shows who read and wrote when.
void addFileAccessSteps(const Finding &finding, const Execution &execution,
                        Narrator &narrator, Explanation &result) {
  constexpr size_t MaxAccessRows = 16;
  std::set<ThreadId> threads;
  for (const Involvement &involvement : finding.threads)
    threads.insert(involvement.thread);
  std::vector<uint32_t> rows;
  for (uint32_t i = 0; i < execution.accesses.size(); ++i) {
    const MemoryAccess &m = execution.accesses[i];
    if (m.file() && m.address == finding.object && threads.count(m.thread))
      rows.push_back(i);
  }
  if (rows.size() > MaxAccessRows)
    rows = finding.accesses; // just the two that race
  std::vector<StepView> merged;
  size_t next = 0;
  for (StepView &step : result.steps) {
    for (; next < rows.size() &&
           execution.accesses[rows[next]].afterEvents < step.number;
         ++next)
      merged.push_back(
          accessStep(execution.accesses[rows[next]], narrator, finding.object));
    merged.push_back(std::move(step));
  }
  for (; next < rows.size(); ++next)
    merged.push_back(
        accessStep(execution.accesses[rows[next]], narrator, finding.object));
  result.steps = std::move(merged);
}

/// Whether events a and b are the same step of the same thread (the same
/// operation, object, result and instruction): one more round of a loop.
bool sameStep(const Execution &execution, uint32_t a, uint32_t b) {
  const Event &x = execution.events[a], &y = execution.events[b];
  return x.thread == y.thread && x.op.kind == y.op.kind &&
         x.op.object == y.op.object && x.op.arg == y.op.arg &&
         x.result == y.result && x.stack.frames[0] == y.stack.frames[0];
}

/// Whether event i does what event i-1 did (one more turn of a spin loop).
bool repeatsPrevious(const Execution &execution, uint32_t i) {
  return i > 0 && sameStep(execution, i - 1, i);
}

/// A round of a loop among the listed rows: `length` kept rows, `times`
/// times in all (0 rows: none).
struct Round {
  size_t length = 0, times = 1;
};

/// The longest repetition of a group of up to 6 kept rows starting at
/// kept[x], without the event `own` (the finding's step): a group twice
/// more at least, a single row three times more.
Round roundAt(const Execution &execution, const std::vector<uint32_t> &rows,
              const std::vector<size_t> &kept, size_t x, uint32_t own) {
  constexpr size_t MaxRoundRows = 6;
  Round best;
  for (size_t length = 1; length <= MaxRoundRows; ++length) {
    size_t times = 1;
    while (x + (times + 1) * length <= kept.size()) {
      bool same = true;
      for (size_t j = 0; j < length && same; ++j)
        same = rows[kept[x + j]] != own &&
               rows[kept[x + times * length + j]] != own &&
               sameStep(execution, rows[kept[x + j]],
                        rows[kept[x + times * length + j]]);
      if (!same)
        break;
      ++times;
    }
    if (times >= (length == 1 ? 4u : 3u) &&
        times * length > best.times * best.length) {
      best.length = length;
      best.times = times;
    }
  }
  return best;
}

void addSteps(const Finding &finding, const Execution &execution,
              Narrator &narrator, Explanation &result) {
  size_t count = execution.events.size();
  result.totalSteps = static_cast<uint32_t>(count);
  // A run of identical steps is one row (its first step) with a count.
  std::vector<uint32_t> rows, runLength;
  for (uint32_t i = 0; i < count; ++i) {
    if (repeatsPrevious(execution, i) && i != finding.step) {
      ++runLength.back();
      continue;
    }
    rows.push_back(i);
    runLength.push_back(1);
  }
  std::vector<size_t> kept; // indices into rows
  Focus focus = focusOf(finding, execution, narrator);
  for (size_t r = 0; r < rows.size(); ++r) {
    uint32_t i = rows[r];
    bool recent = r + 10 >= rows.size();
    if (rows.size() <= MaxShownSteps || recent || i == finding.step ||
        matters(execution.events[i], i, focus, narrator))
      kept.push_back(r);
  }
  // A poll's rounds (C-Thread-Pool's worker: lock, look, unlock, again)
  // are listed once, with how often they came again: before the cut to
  // MaxShownSteps, so that the rows left are different ones. The finding's
  // own step stays as it is; a round that is not whole (the last lock of a
  // thread that then deadlocks) is no round.
  struct Listed {
    size_t row;              // index into rows
    Round round;             // on a round's last listed row: the round
    uint32_t lastIndex = 0;  // then: the event its last time ends at
    uint32_t summarised = 0; // and the steps of its later times
  };
  std::vector<Listed> listed;
  for (size_t x = 0; x < kept.size();) {
    Round round = roundAt(execution, rows, kept, x, finding.step);
    if (round.length == 0) {
      listed.push_back({kept[x++], {}});
      continue;
    }
    for (size_t j = 0; j < round.length; ++j)
      listed.push_back({kept[x + j], {}});
    Listed &last = listed.back();
    last.round = round;
    size_t end = x + round.times * round.length;
    last.lastIndex = rows[kept[end - 1]] + runLength[kept[end - 1]] - 1;
    for (size_t y = x + round.length; y < end; ++y)
      last.summarised += runLength[kept[y]];
    x = end;
  }
  if (listed.size() > MaxShownSteps)
    listed.erase(listed.begin(), listed.end() - MaxShownSteps);
  uint32_t next = 0;
  for (const Listed &l : listed) {
    uint32_t index = rows[l.row];
    StepView view = narrator.step(index);
    view.omittedBefore = index - next;
    view.repeats = runLength[l.row];
    result.omittedSteps += view.omittedBefore;
    next = index + runLength[l.row];
    if (l.round.length) {
      view.groupRepeats = uint32_t(l.round.times - 1);
      view.groupLength = uint32_t(l.round.length);
      view.groupLast = l.lastIndex + 1; // steps are numbered from 1
      // Between the later rounds: other threads' steps, left out.
      result.omittedSteps += l.lastIndex + 1 - next - l.summarised;
      next = l.lastIndex + 1;
    }
    result.steps.push_back(std::move(view));
  }
  if (finding.kind == FindingKind::RaceFile)
    addFileAccessSteps(finding, execution, narrator, result);
  const auto end = static_cast<uint32_t>(count);
  for (const PendingOp &pending : execution.pending)
    if (focus.threads.empty() ||
        focus.threads.count(
            {pending.thread, narrator.creationOf(pending.thread, end)}))
      result.blocked.push_back(narrator.pendingStep(pending));
}

/// lockdep's two columns for two threads that each hold the lock the other
/// wants, in the order the steps happened.
std::optional<Scenario> cycleScenario(const Finding &finding,
                                      const Explanation &explanation) {
  if (finding.threads.size() != 2)
    return std::nullopt;
  Scenario scenario;
  struct Line {
    uint32_t step;
    size_t column;
    std::string text;
  };
  std::vector<Line> lines;
  for (size_t column = 0; column < 2; ++column) {
    const Involvement &self = finding.threads[column];
    const Involvement &other = finding.threads[1 - column];
    if (!self.waitsFor || !other.waitsFor)
      return std::nullopt;
    const InvolvedThread &view = explanation.threads[column];
    scenario.columns.push_back(view.thread.name);
    for (size_t h = 0; h < self.holds.size(); ++h)
      if (self.holds[h].mutex == other.waitsFor->op.object)
        lines.push_back({self.holds[h].acquiredAt, column,
                         "lock(" + view.holds[h].object.name + ");"});
  }
  if (lines.size() != 2)
    return std::nullopt;
  llvm::sort(lines,
             [](const Line &a, const Line &b) { return a.step < b.step; });
  for (Line &line : lines)
    scenario.rows.push_back({line.column, line.text});
  for (size_t column = 0; column < 2; ++column)
    scenario.rows.push_back(
        {column, explanation.threads[column].waits->op + "(" +
                     explanation.threads[column].waits->object + ");"});
  return scenario;
}

/// One column: the thread locks what it already holds.
std::optional<Scenario> selfScenario(const Explanation &explanation) {
  if (explanation.threads.empty() || explanation.object.empty())
    return std::nullopt;
  const InvolvedThread &thread = explanation.threads.front();
  Scenario scenario;
  scenario.columns.push_back(thread.thread.name);
  std::string text = "lock(" + explanation.object + ");";
  scenario.rows.push_back({0, text});
  scenario.rows.push_back({0, text});
  return scenario;
}

/// For a lost update on a file: each thread's first read of it and its
/// first write after that, in the order that loses one update: both reads,
/// then both writes (race.file's lostUpdate says nothing orders them so).
std::vector<StepView> lostUpdateRows(const Finding &finding,
                                     const Execution &execution,
                                     Narrator &narrator) {
  std::vector<ThreadId> threads;
  std::map<ThreadId, std::pair<int64_t, int64_t>> readWrite;
  for (uint32_t i = 0; i < execution.accesses.size(); ++i) {
    const MemoryAccess &m = execution.accesses[i];
    if (!m.file() || m.address != finding.object)
      continue;
    bool involved = llvm::any_of(finding.threads, [&](const Involvement &t) {
      return t.thread == m.thread;
    });
    if (!involved)
      continue;
    auto [it, fresh] = readWrite.try_emplace(m.thread, -1, -1);
    if (!m.write() && it->second.first < 0) {
      it->second.first = i;
      threads.push_back(m.thread);
    } else if (m.write() && !m.atomic() && it->second.first >= 0 &&
               it->second.second < 0) {
      it->second.second = i;
    }
  }
  if (threads.size() < 2)
    return {};
  std::vector<StepView> rows;
  for (int phase = 0; phase < 2; ++phase)
    for (size_t t = 0; t < 2; ++t) {
      auto [read, write] = readWrite[threads[t]];
      if (read < 0 || write < 0)
        return {};
      rows.push_back(accessStep(execution.accesses[phase ? write : read],
                                narrator, finding.object));
    }
  return rows;
}

void addAccesses(const Finding &finding, const Execution &execution,
                 Narrator &narrator, Explanation &result) {
  for (uint32_t index : finding.accesses) {
    if (index >= execution.accesses.size())
      continue;
    const MemoryAccess &m = execution.accesses[index];
    Stack stack;
    for (int i = 0; i < AccessFrames; ++i)
      stack.frames[i] = m.frames[i];
    AccessView view;
    view.thread = narrator.thread(m.thread, m.afterEvents);
    view.verb = accessVerb(m);
    view.stack = narrator.userStack(stack);
    if (!view.stack.empty())
      view.at = view.stack.front();
    if (result.accesses.size() >= 2)
      view.object = narrator.object(m.address, index).name;
    result.accesses.push_back(std::move(view));
  }
  result.lostUpdate = finding.lostUpdate;
  if (finding.lostUpdate && finding.kind == FindingKind::RaceFile)
    result.lostUpdateOrder = lostUpdateRows(finding, execution, narrator);
}

/// For lock.order-inversion: each edge of the cycle with both stacks, and
/// a lockdep scenario of what would happen if each edge ran in a thread of
/// its own at once.
void addLockEdges(const Finding &finding, Narrator &narrator,
                  Explanation &result) {
  if (!finding.lockOrder)
    return;
  const LockOrderCycle &cycle = *finding.lockOrder;
  result.inversionReason = inversionReasonName(cycle.reason);
  Scenario scenario;
  for (const LockOrderEdge &edge : cycle.edges) {
    LockEdgeView view;
    uint32_t at = edge.acquiredAt != NoEvent ? edge.acquiredAt : finding.step;
    view.thread = narrator.thread(edge.thread, at);
    view.held = narrator.lock(edge.held).name;
    view.acquired = narrator.lock(edge.acquired).name;
    view.heldStack = narrator.userStack(edge.heldStack);
    view.acquiredStack = narrator.userStack(edge.acquiredStack);
    view.heldStep = edge.heldAt != NoEvent ? edge.heldAt + 1 : 0;
    view.acquiredStep = edge.acquiredAt != NoEvent ? edge.acquiredAt + 1 : 0;
    for (ObjectAddr gate : edge.gates)
      view.gates.push_back(narrator.lock(gate).name);
    std::string column = view.thread.name;
    if (!view.acquiredStack.empty() &&
        !view.acquiredStack.front().function.empty() &&
        view.thread.startRoutine != view.acquiredStack.front().function)
      column += tr(" in {0}", view.acquiredStack.front().function);
    scenario.columns.push_back(column);
    result.lockEdges.push_back(std::move(view));
  }
  for (size_t i = 0; i < result.lockEdges.size(); ++i)
    scenario.rows.push_back({i, "lock(" + result.lockEdges[i].held + ");"});
  for (size_t i = 0; i < result.lockEdges.size(); ++i)
    scenario.rows.push_back({i, "lock(" + result.lockEdges[i].acquired + ");"});
  result.scenario = std::move(scenario);
}

SourceLocation primaryLocation(const Finding &finding,
                               const Execution &execution, Narrator &narrator) {
  for (const Stack &stack : finding.locations) {
    SourceLocation site = narrator.site(stack);
    if (site.known())
      return site;
  }
  if (finding.step < execution.events.size()) {
    SourceLocation site = narrator.site(execution.events[finding.step].stack);
    if (site.known())
      return site;
  }
  if (finding.kind == FindingKind::ProgramCrash ||
      finding.kind == FindingKind::ProgramAssert) {
    SourceLocation site = narrator.site(execution.crash.stack);
    if (site.known())
      return site;
  }
  for (const Involvement &involvement : finding.threads)
    if (involvement.waitsFor) {
      SourceLocation site = narrator.site(involvement.waitsFor->stack);
      if (site.known())
        return site;
    }
  return SourceLocation();
}

} // namespace

Explanation explain(const Finding &finding, Symbolizer &symbolizer,
                    ObjectNamer &namer, const std::string &replayTarget) {
  static const Execution noExecution;
  const Execution &execution =
      finding.execution ? *finding.execution : noExecution;
  Narrator narrator(execution, symbolizer, namer);

  Explanation result;
  result.kind = finding.kind;
  result.id = findingId(finding.kind);
  result.location = primaryLocation(finding, execution, narrator);
  result.locations.push_back(result.location);
  for (size_t i = 1; i < finding.locations.size(); ++i) {
    SourceLocation site = narrator.site(finding.locations[i]);
    bool seen = llvm::any_of(result.locations, [&](const SourceLocation &l) {
      return l.str(true) == site.str(true);
    });
    if (!seen)
      result.locations.push_back(site);
  }
  // Named as it was at the earlier access of a race (both access one
  // block; a use after free's is the free): the address may hold another
  // block by the end of the execution.
  if (finding.object)
    result.object =
        narrator
            .object(finding.object,
                    finding.accesses.empty() ? UINT32_MAX
                    : finding.accesses.size() == 1
                        ? finding.accesses[0]
                        : std::min(finding.accesses[0], finding.accesses[1]))
            .name;
  for (const Involvement &involvement : finding.threads)
    result.threads.push_back(involvedThread(
        involvement, involvedAt(involvement, finding), execution, narrator,
        finding.kind != FindingKind::LifecycleDetachedCutOff));
  addSteps(finding, execution, narrator, result);

  addAccesses(finding, execution, narrator, result);

  addLockEdges(finding, narrator, result);
  result.counted = finding.counted;
  if (finding.kind == FindingKind::DeadlockCycle)
    result.scenario = cycleScenario(finding, result);
  else if (finding.kind == FindingKind::LockSelfDeadlock)
    result.scenario = selfScenario(result);

  result.schedule = formatSchedule(finding.schedule);
  result.preemptions = finding.preemptions;
  result.shrunkFrom = finding.shrunkFrom;
  result.foundBy = finding.foundBy;
  result.replayCommand =
      "tangle replay --schedule '" + result.schedule + "' " + replayTarget;
  result.summary = findingSummary(finding, result);
  result.hint = findingHint(finding, result);
  return result;
}

} // namespace tangle
