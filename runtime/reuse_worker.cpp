// See reuse_worker.h. The worker's own state lives in one private mapping
// that no rewind touches: the pool, the park stacks, the request being
// served. Everything else of the process (the program's memory, glibc's,
// the runtime's globals, the threads' stacks and thread-local blocks) comes
// back as it was at the snapshot, taken once the pool was parked.
#include "runtime/reuse_worker.h"

#include "model/machine.h"

#include "runtime/aside.h"
#include "runtime/controller.h"
#include "runtime/crash.h"
#include "runtime/fibers.h"
#include "runtime/fork_server.h"
#include "runtime/futex.h"
#include "runtime/real_functions.h"
#include "runtime/runtime_state.h"
#include "runtime/snapshot.h"
#include "runtime/stack.h"
#include "runtime/stack_pool.h"
#include "runtime/threads.h"

#include <algorithm>
#include <cerrno>
#include <csetjmp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

namespace tangle::rt {

namespace {

// Sent by the thread that ends an execution to every other thread still
// away from its park stack (and to main): they go back (handlers below).
constexpr int StopSignalOffset = 7; // SIGRTMIN + 7
constexpr size_t ParkStackSize = 64 << 10;
// The pool of a worker that runs the run's first request (runWorker): room
// for main and five threads. A pooled thread costs 0.15-0.3 ms to create
// here (and 0.1 ms more to the snapshot), a pool too small a worker's
// set-up again (3-5 ms): most programs tangle checks start two to five.
constexpr uint32_t FirstPoolGuess = 5;
constexpr uint32_t FirstPoolGrown = 16;
// Below the entry frame of a pooled thread, what its runs may use of the
// stack glibc gave it.
constexpr size_t EntryFrameMargin = 1024;

struct PooledThread {
  pthread_t handle;
  int32_t tid;
  // 1 + the ThreadId it is to run next; 0: nothing yet. Futex word.
  std::atomic<uint32_t> assigned;
  // It runs a thread of the execution, or is on its way back to its park
  // stack. Futex word (a creator waits for it to be back).
  std::atomic<uint32_t> away;
  ThreadId running;
  // On its park stack, in the park loop: a stop signal has nothing to stop
  // (and must not cut backToPark short).
  std::atomic<uint32_t> home;
  char *runLow, *runHigh; // the part of glibc's stack its runs use
  // The whole of its stack, its guard page(s) below it from guardLow.
  uintptr_t guardLow, stackLow, stackHigh;
  ucontext_t park, run;
  sigjmp_buf stop; // on the park stack: where the stop signal sends it
  char *parkStack;
};

struct Worker {
  uint32_t poolSize;
  // The run's first request, which this worker runs with a pool of a
  // guessed size and ends in when a worker would not do (fork_server.cpp,
  // g_probed); cleared once it answered it. Here, kept out of the
  // snapshot: a rewind does not set it again.
  bool probing;
  std::atomic<uint32_t> parked;   // pooled threads created and parked once
  std::atomic<uint32_t> away;     // pooled threads away from their park
  std::atomic<uint32_t> stopping; // the execution is ending
  uint32_t seq;                   // the request being served
  int32_t mainTid;
  // The execution changed what a rewind cannot undo (a descriptor, a child
  // process, a shared mapping): it runs to its end, and the worker ends
  // with it, as an execution's process would (the next request gets a new
  // worker, set up the same way).
  bool dirty;
  int waitStatus; // of the execution that ended
  int exitStatus; // the program's exit status, once it called exit
  int argc;
  char **argv, **envp;
  // The program's signal mask, which a pooled thread takes while it runs a
  // thread of the execution; parked, it blocks every signal but the stop
  // signal, so that a signal for the process is the execution's threads'
  // to take (as in a process of their own: processes.cpp, kill of itself).
  sigset_t programMask, parkMask;
  size_t mappingBytes;
  // Fibers (fibers.h): the threads of an execution run on the main OS
  // thread, each on its pooled thread's stack, with its thread-local block's
  // contents swapped in. `homes[t]`: where thread t's contents wait while
  // another runs (a pooled thread's own block; main's, a buffer here).
  bool fibers;
  bool stdinOpened; // by the first execution: later ones rewind its offset
  // How much of the access log (in the shared region, which rewinds leave
  // alone) earlier executions populated: its pages stay mapped here.
  uint64_t logPopulated;
  bool oneCpu;         // the process may run on one CPU only
  int64_t cpuArmedNs;  // when RLIMIT_CPU was last set (CLOCK_MONOTONIC)
  int32_t pid;
  SpinBudget spin;  // waiting for a request (shm::Header::spinNanoseconds)
  ThreadId current; // the fiber on the CPU
  fiber::TlsBlock tls;
  fiber::Context *contexts; // poolSize + 1, by ThreadId
  uintptr_t *homes;
  PooledThread threads[];
};

Worker *g_worker = nullptr;
// The calling thread's place in the pool; -1: the worker's main thread (or
// not a worker). Set before the snapshot, so every rewind keeps it.
__thread int t_pooled __attribute__((tls_model("initial-exec"))) = -1;

shm::Header &header() { return *g_runtime.shm; }

// The execution being served is its worker's last; `why` names the first
// such one of the run, for the report.
void noteSingleUse(const char *why) {
  shm::Header &h = header();
  ++h.workersTainted;
  if (!h.reuseTaint[0])
    snprintf(h.reuseTaint, sizeof(h.reuseTaint), "%s", why);
}

// Refuses the request being served: the fork server runs it again in a
// process of its own. `lasting`: every later request as well (the program
// does what no worker can rewind); otherwise the next worker may serve
// them (this one's pool was too small).
[[noreturn]] void refuse(const char *why, bool lasting) {
  shm::Header &h = header();
  if (lasting) {
    // In the run's first request, the program declines workers (as a
    // probe in a process of its own would have found).
    const bool probing = g_worker && g_worker->probing;
    char *into = probing ? h.reuseDeclined : h.reuseRefusal;
    const size_t room =
        probing ? sizeof(h.reuseDeclined) : sizeof(h.reuseRefusal);
    if (!probing || !into[0])
      snprintf(into, room, "%s", why);
    h.reuseOff = 1;
  }
  h.requestRefused = 1;
  rawSyscall(SYS_exit_group, 0);
  __builtin_unreachable();
}

// The execution's result is complete, but memory cannot be put back: the
// worker exits as the execution's process would have, and the next request
// gets a new worker (as after a tainted execution).
[[noreturn]] void abandon(const char *why) {
  noteSingleUse(why);
  const int status = g_worker->waitStatus;
  rawSyscall(SYS_exit_group, WIFEXITED(status) ? WEXITSTATUS(status) : 0);
  __builtin_unreachable();
}

// The run's first request stands in this worker: what it printed goes out,
// and the pool keeps the threads the execution used. The others stay
// parked and out of every rewind (their stacks are excluded: no rewind
// compares their pages), so the worker costs per execution what one with a
// pool of that size would; an execution that needs more is refused, as by
// such a worker, and runs in a new one with room (startPooledThread).
void endProbe(Worker &w) {
  w.probing = false;
  finishProbeOutput();
  // This execution's threads, main included: not threadsUsedSoFar(), which
  // after a worker refused for its pool holds the room it asked for the next
  // one (16, 24...), so that a second probing worker kept every pooled thread
  // and its rewinds compared and scanned the stacks no thread took (readers
  // N=10: 16 stacks for 11 threads).
  const uint32_t used = header().threadCount;
  const uint32_t keep = used > 1 ? used - 1 : 0;
  for (uint32_t k = keep; k < w.poolSize; ++k) {
    const PooledThread &p = w.threads[k];
    snapshot::exclude({p.guardLow, p.stackHigh});
    // Its guard made like the stacks around it, out of the snapshot now:
    // the unused stacks are one mapping, not two each, in the
    // /proc/self/maps every rewind reads (the first one's guard stays,
    // between them and the used stack below).
    if (k > keep && p.stackLow > p.guardLow)
      mprotect(reinterpret_cast<void *>(p.guardLow), p.stackLow - p.guardLow,
               PROT_READ | PROT_WRITE);
  }
  if (keep < w.poolSize)
    w.poolSize = keep;
}

// Tells tangle the execution ended, before the rewind: tangle analyses it
// while the worker puts its memory back (on another CPU, where tangle runs
// on one of its own: cli/live_program.cpp). Nothing of the shared region
// that tangle reads changes after this; the rewind touches only the
// process's private memory.
void answer(Worker &w) {
  shm::Header &h = header();
  if (w.probing)
    endProbe(w);
  h.waitStatus = w.waitStatus;
  // Nothing left behind for tangle to kill: the worker stays.
  h.executionPid = 0;
  ++h.reusedExecutions;
  if (w.fibers)
    ++h.fiberExecutions;
  h.rewinding.store(1, std::memory_order_relaxed);
  reportDone(w.seq);
}

// The main thread, once the execution ends: waits for the pooled threads to
// be back on their park stacks, then rewinds (take() returns again, in
// runWorker). A thread that does not come back (blocked with the signal
// masked) costs the worker.
[[noreturn]] void rewindWhenParked() {
  Worker &w = *g_worker;
  for (int waited = 0;; ++waited) {
    uint32_t away = w.away.load(std::memory_order_acquire);
    if (away == 0)
      break;
    if (waited == 200)
      abandon("a thread of the program did not stop at the end of an "
              "execution");
    timespec slice = {0, 10 * 1000 * 1000};
    futexWait(&w.away, away, &slice);
  }
  answer(w);
  snapshot::rewind(); // returns only if it could not
  abandon(snapshot::lastError());
}

// The stop signal: the execution ended in another thread.
void onStop(int) {
  Worker *w = g_worker;
  if (!w || !w->stopping.load(std::memory_order_acquire))
    return;
  if (t_pooled < 0)
    rewindWhenParked();
  if (w->threads[t_pooled].home.load(std::memory_order_relaxed))
    return;
  siglongjmp(w->threads[t_pooled].stop, 1);
}

void backToPark(PooledThread &p) {
  if (p.away.exchange(0, std::memory_order_acq_rel)) {
    futexWake(&p.away, 1 << 30);
    if (g_worker->away.fetch_sub(1, std::memory_order_acq_rel) == 1)
      futexWake(&g_worker->away);
  }
}

void fiberEnded();

// A pooled thread's run, on the stack glibc gave it: the thread of the
// execution it was assigned, start to end. A fiber's too, on the same
// stack.
void runAssigned(int k) {
  PooledThread &p = g_worker->threads[k];
  runPooledThread(p.running);
  if (g_worker->fibers)
    fiberEnded(); // never returns
}

// Whether thread t of the execution is a fiber of this process (not a
// thread of a process the execution forked).
bool fiberHere(ThreadId t) {
  const Worker &w = *g_worker;
  return t <= w.poolSize && t < g_runtime.machine->threadCount() &&
         g_runtime.machine->processOf(t) == g_runtime.process;
}

// From the fiber on the CPU to fiber `to`: its thread-local contents out,
// to's in, then the registers. Returns when a switch comes back.
void switchFiber(ThreadId to) {
  Worker &w = *g_worker;
  const ThreadId from = w.current;
  fiber::saveTls(w.tls, w.homes[from]);
  fiber::loadTls(w.tls, w.homes[to]);
  fiber::g_tlsAlias.delta = to == 0 ? 0 : w.homes[to] - w.tls.high;
  w.current = to;
  fiber::swap(w.contexts[from], w.contexts[to]);
}

// To the fiber that has the turn (`running`), once it is one of this
// process's; until then (a thread of a forked process has it) the main OS
// thread sleeps on `running`, which every grant wakes while fibers run.
void switchToRunning() {
  std::atomic<uint32_t> &running = g_runtime.shm->running;
  for (;;) {
    const uint32_t r = running.load(std::memory_order_acquire);
    if (fiberHere(r)) {
      if (r != g_worker->current)
        switchFiber(r);
      return;
    }
    futexWait(&running, r);
  }
}

// A fiber's thread has ended (its exit posted, the turn given): its stack
// is left for good; its thread-local contents stay in its home, as a pooled
// thread's block keeps them for the next thread of its number.
void fiberEnded() {
  switchToRunning();
  __builtin_trap(); // nothing switches back to an ended fiber
}

// A pooled thread's home between runs, on a stack of the worker's own.
void parkLoop(int k) {
  PooledThread &p = g_worker->threads[k];
  if (sigsetjmp(p.stop, 1)) {
    // Stopped: an assignment not yet taken belongs to the execution that
    // ended (its creator ran, the thread had not started).
    p.home.store(1, std::memory_order_relaxed);
    p.assigned.store(0, std::memory_order_relaxed);
  }
  for (;;) {
    p.home.store(1, std::memory_order_relaxed);
    backToPark(p);
    uint32_t assigned;
    while ((assigned = p.assigned.load(std::memory_order_acquire)) == 0)
      futexWait(&p.assigned, 0);
    p.home.store(0, std::memory_order_relaxed);
    p.assigned.store(0, std::memory_order_relaxed);
    p.running = ThreadId(assigned - 1);
    getcontext(&p.run);
    p.run.uc_stack.ss_sp = p.runLow;
    p.run.uc_stack.ss_size = size_t(p.runHigh - p.runLow);
    p.run.uc_link = &p.park;
    p.run.uc_sigmask = g_worker->programMask;
    makecontext(&p.run, reinterpret_cast<void (*)()>(runAssigned), 1, k);
    swapcontext(&p.park, &p.run);
  }
}

// A pooled OS thread, created before the snapshot: notes where its stack
// is, then lives on its park stack.
void *pooledEntry(void *arg) {
  const int k = int(reinterpret_cast<intptr_t>(arg));
  Worker &w = *g_worker;
  PooledThread &p = w.threads[k];
  t_pooled = k;
  t_thread.self = NoThread;
  p.tid = int32_t(gettid());
  // Nothing here may allocate: a thread's first malloc gives it an arena,
  // mapped where the program's mappings go (aside.h). Its stack's low end
  // came with it (stackOfPooledThread).
  p.runHigh = reinterpret_cast<char *>(
      (reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) -
       EntryFrameMargin) &
      ~uintptr_t(15));
  getcontext(&p.run);
  p.run.uc_stack.ss_sp = p.parkStack;
  p.run.uc_stack.ss_size = ParkStackSize;
  p.run.uc_link = nullptr; // the park loop never returns
  p.run.uc_sigmask = w.parkMask;
  makecontext(&p.run, reinterpret_cast<void (*)()>(parkLoop), 1, k);
  p.away.store(1, std::memory_order_relaxed);
  w.away.fetch_add(1, std::memory_order_relaxed);
  w.parked.fetch_add(1, std::memory_order_release);
  futexWake(&w.parked);
  ucontext_t entry;
  swapcontext(&entry, &p.run);
  return nullptr; // not reached
}

// The stack of pooled thread `k`, in `attr`: one of the stacks the fork
// server reserved (stack_pool.h), else one mapped aside (aside.h); never
// one glibc maps, which would move the program's mappings by the pool's
// size. Its low end goes to `p.runLow`.
bool stackOfPooledThread(PooledThread &p, pthread_attr_t &attr) {
  void *low = nullptr;
  size_t size = 0;
  if (takePooledStack(nullptr, attr) >= 0) {
    pthread_attr_getstack(&attr, &low, &size);
    p.runLow = static_cast<char *>(low);
    p.stackLow = reinterpret_cast<uintptr_t>(low);
    p.stackHigh = p.stackLow + size;
    size_t stack = 0, guard = 0;
    p.guardLow = p.stackLow;
    if (defaultStack(stack, guard))
      p.guardLow -= (guard + 4095) & ~size_t(4095);
    return true;
  }
  size_t guard = 0;
  if (!defaultStack(size, guard))
    return false;
  guard = (guard + 4095) & ~size_t(4095);
  size = (size + 4095) & ~size_t(4095);
  char *mem = static_cast<char *>(mapAside(guard + size));
  if (!mem || (guard && mprotect(mem, guard, PROT_NONE) != 0))
    return false;
  if (pthread_attr_init(&attr) != 0)
    return false;
  if (pthread_attr_setstack(&attr, mem + guard, size) != 0) {
    pthread_attr_destroy(&attr);
    return false;
  }
  p.runLow = mem + guard;
  p.guardLow = reinterpret_cast<uintptr_t>(mem);
  p.stackLow = p.guardLow + guard;
  p.stackHigh = p.stackLow + size;
  return true;
}

bool createPool(Worker &w) {
  for (uint32_t k = 0; k < w.poolSize; ++k) {
    pthread_t handle;
    pthread_attr_t attr;
    if (!stackOfPooledThread(w.threads[k], attr))
      return false;
    // glibc allocates the thread's dtv: aside too.
    t_allocateAside = true;
    const int rc = REAL(pthread_create)(&handle, &attr, pooledEntry,
                                        reinterpret_cast<void *>(intptr_t(k)));
    t_allocateAside = false;
    pthread_attr_destroy(&attr);
    if (rc != 0)
      return false;
    w.threads[k].handle = handle;
  }
  // Every thread on its park stack, asleep: no stack or thread-local block
  // of theirs changes under the snapshot.
  uint32_t n;
  while ((n = w.parked.load(std::memory_order_acquire)) < w.poolSize)
    futexWait(&w.parked, n);
  uint32_t away;
  while ((away = w.away.load(std::memory_order_acquire)) != 0)
    futexWait(&w.away, away);
  return true;
}

// `tlsBytes`: the size of the static thread-local block (0: no fibers),
// for main's home while another fiber runs.
Worker *mapWorker(uint32_t poolSize, size_t tlsBytes) {
  size_t bytes = sizeof(Worker) + poolSize * sizeof(PooledThread);
  const size_t contexts = bytes = (bytes + 63) & ~size_t(63);
  bytes += (poolSize + 1) * sizeof(fiber::Context);
  const size_t homes = bytes = (bytes + 63) & ~size_t(63);
  bytes += (poolSize + 1) * sizeof(uintptr_t);
  const size_t mainHome = bytes = (bytes + 63) & ~size_t(63);
  bytes += tlsBytes;
  bytes = (bytes + 4095) & ~size_t(4095);
  const size_t total = bytes + poolSize * ParkStackSize;
  void *mem = mapAside(total);
  if (!mem)
    return nullptr;
  auto *w = new (mem) Worker();
  char *base = static_cast<char *>(mem);
  w->poolSize = poolSize;
  w->mappingBytes = total;
  w->contexts = reinterpret_cast<fiber::Context *>(base + contexts);
  w->homes = reinterpret_cast<uintptr_t *>(base + homes);
  w->homes[0] = reinterpret_cast<uintptr_t>(base + mainHome + tlsBytes);
  for (uint32_t k = 0; k < poolSize; ++k) {
    new (&w->threads[k]) PooledThread();
    w->threads[k].parkStack = base + bytes + k * ParkStackSize;
  }
  return w;
}

// Fibers' thread-local swap: the block, but the access filter (entries
// marked with their step, never met by another thread's) and the unused
// part of the thread_local destructors' table.
bool prepareTlsSwap(fiber::TlsBlock &tls) {
  uintptr_t begin = 0, count = 0;
  size_t size = 0, entry = 0, capacity = 0;
  repeatFilterBlock(begin, size);
  if (!fiber::excludeFromCopy(tls, begin, size))
    return false;
  threadAtExitTable(begin, entry, capacity, count);
  return fiber::copyTableByCount(tls, begin, entry, capacity, count);
}

// RLIMIT_CPU counts the process's time: each execution gets the limit on
// top of what the worker used so far, less at most a second. The worker
// runs on one CPU (tangle's, or its own when split), so it cannot have used
// more CPU time since the limit was set than the wall-clock time since:
// within a second of that the limit stands, and two system calls per
// execution are saved.
void armCpuLimit(Worker &w) {
  const uint64_t limit = header().cpuLimitSeconds;
  if (limit == 0)
    return;
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  const int64_t nowNs = int64_t(now.tv_sec) * 1000000000 + now.tv_nsec;
  if (w.oneCpu && w.cpuArmedNs && nowNs - w.cpuArmedNs < 1000000000)
    return;
  w.cpuArmedNs = nowNs;
  rusage used;
  getrusage(RUSAGE_SELF, &used);
  const uint64_t soFar = uint64_t(used.ru_utime.tv_sec + used.ru_stime.tv_sec);
  rlimit cpu = {soFar + limit, soFar + limit + 1};
  REAL(setrlimit)(RLIMIT_CPU, &cpu);
}

// One execution: as in a fresh process (fork_server.cpp), main under
// control. Its end comes through endExecutionInWorker.
[[noreturn]] void runExecution(Worker &w) {
  header().executionPid = w.pid;
  w.current = 0;
  // Each execution reads the input from its start. The first opens it
  // anew, as an execution's process does; later ones find the same open
  // file at fd 0 (closing or replacing it would have ended the worker).
  if (!w.stdinOpened) {
    reopenStdin();
    w.stdinOpened = true;
  } else {
    lseek(STDIN_FILENO, 0, SEEK_SET);
  }
  armCpuLimit(w);
  w.exitStatus = 0;
  startExecution();
  t_thread.stackTop = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  int status = g_runtime.programMain(w.argc, w.argv, w.envp);
  if (controlled()) {
    Stack returnSite; // returning from main has no call site
    exitProcess(status, returnSite);
  }
  exit(status); // the atexit handlers, then the worker's (below)
}

void onLastExitHandler() {
  if (!g_worker)
    return;
  // What exit does after its handlers, before the process ends: the
  // streams' buffers go out (the rewind would drop them).
  fflush(nullptr);
  endExecutionInWorker(W_EXITCODE(g_worker->exitStatus & 0xff, 0));
}

} // namespace

bool inWorker() { return g_worker != nullptr; }

uint64_t *workerLogPopulated() {
  return g_worker ? &g_worker->logPopulated : nullptr;
}

bool workerWanted() {
  const shm::Header &h = header();
  return h.reuseAsked && !h.reuseOff;
}

bool workerServedRequest() {
  shm::Header &h = header();
  if (!h.requestRefused)
    return true;
  h.requestRefused = 0;
  return false;
}

namespace {
// In a probing worker: a worker would have to end or refuse for `why`
// (fork_server.cpp, g_probed).
void decline(const char *why) {
  shm::Header &h = header();
  if (!h.reuseDeclined[0])
    snprintf(h.reuseDeclined, sizeof(h.reuseDeclined), "%s", why);
}
} // namespace

void refuseInWorker(const char *why) {
  if (g_worker)
    refuse(why, true);
}

void refuseControlledInWorker(const char *why) {
  if (g_worker && controlled())
    refuse(why, true);
}

void taintWorker(const char *why, bool inProcessToo) {
  Worker *w = g_worker;
  if (!w || !controlled() || w->dirty)
    return;
  if (w->probing && inProcessToo) {
    // The run's first request: every execution would likely do it too,
    // and a worker each would cost more than a process each. The program
    // declines workers, and the request runs again in a process of its
    // own (fork_server.cpp), before this one did what it cannot undo.
    decline(why);
    header().requestRefused = 1;
    rawSyscall(SYS_exit_group, 0);
  }
  w->dirty = true;
  noteSingleUse(why);
  // No rewind follows: the two descriptors it keeps are the program's to
  // use now (the call that taints may be the one that opens a file).
  snapshot::releaseDescriptors();
}

void forgetWorker() { g_worker = nullptr; }

bool inPooledThread() { return g_worker && t_pooled >= 0; }

bool workerCanRun(OpKind kind) {
  switch (kind) {
  case OpKind::ProcessFork:
  case OpKind::ProcessWait:
  case OpKind::PipeCreate:
  case OpKind::PipeRead:
  case OpKind::PipeWrite:
  case OpKind::PipeClose:
  case OpKind::PipeDup:
  case OpKind::ProcessExec:
  case OpKind::FileLock:
  case OpKind::FileTryLock:
  case OpKind::FileUnlock:
  case OpKind::FileTestLock:
  case OpKind::MqOpen:
  case OpKind::MqSend:
  case OpKind::MqReceive:
  case OpKind::MqClose:
  case OpKind::MqUnlink:
  case OpKind::MqGetAttr:
  case OpKind::ProcessKill:
  case OpKind::ProcessSpawn:
    return false;
  default:
    return true;
  }
}

pthread_t startPooledThread(ThreadId id) {
  Worker &w = *g_worker;
  // Thread numbers start at 1 past main and are reused once joined: a
  // number is one pooled thread.
  const uint32_t k = id - 1;
  if (id == 0 || k >= w.poolSize) {
    // The next worker's pool has room for it (`room` counts main). A
    // probing worker's guess was too small: the next one's pool is 16
    // (the rows of bench/nidhugg_table.py start 10 to 15 threads), then
    // twice as large each time; it keeps what its first execution uses.
    uint32_t room = id + 1;
    const uint32_t larger =
        w.poolSize < FirstPoolGrown ? FirstPoolGrown : 2 * (w.poolSize + 1);
    if (w.probing && room < larger + 1)
      room = larger + 1;
    noteThreadsUsed(room < header().maxThreads ? room : header().maxThreads);
    refuse("more threads at once than the worker's pool", false);
  }
  PooledThread &p = w.threads[k];
  if (w.fibers) {
    // Its first turn switches to it: runAssigned on its pooled thread's
    // stack, from where makecontext would start it.
    p.running = id;
    fiber::prepare(w.contexts[id], p.runHigh, runAssigned, int(k));
    return p.handle;
  }
  // The thread that had this number before may still be on its way back.
  uint32_t away;
  while ((away = p.away.load(std::memory_order_acquire)) != 0)
    futexWait(&p.away, away);
  p.away.store(1, std::memory_order_relaxed);
  w.away.fetch_add(1, std::memory_order_relaxed);
  p.assigned.store(id + 1, std::memory_order_release);
  futexWake(&p.assigned);
  return p.handle;
}

void endExecutionInWorker(int waitStatus) {
  Worker &w = *g_worker;
  if (w.dirty)
    return; // the process ends as an execution's would
  if (w.fibers) { // one OS thread: nothing to stop
    w.waitStatus = waitStatus;
    rewindWhenParked();
  }
  if (w.stopping.exchange(1, std::memory_order_acq_rel)) {
    // Another thread ends it already (it is on its way).
    if (t_pooled < 0)
      rewindWhenParked();
    siglongjmp(w.threads[t_pooled].stop, 1);
  }
  w.waitStatus = waitStatus;
  const int stop = SIGRTMIN + StopSignalOffset;
  const pid_t pid = getpid();
  for (uint32_t k = 0; k < w.poolSize; ++k)
    if (int(k) != t_pooled && w.threads[k].away.load(std::memory_order_acquire))
      rawSyscall(SYS_tgkill, pid, w.threads[k].tid, stop);
  if (t_pooled < 0)
    rewindWhenParked();
  rawSyscall(SYS_tgkill, pid, w.mainTid, stop);
  siglongjmp(w.threads[t_pooled].stop, 1);
}

void registerWorkerExitHandler() { atexit(onLastExitHandler); }

void noteExitStatus(int status) {
  if (g_worker)
    g_worker->exitStatus = status;
}

namespace {
// In a worker with fibers: a thread of the execution does what a fiber
// cannot (`why`): the worker refuses the request, and the fork server runs
// it again in a worker without them, and every request after it.
void declineFibers(const char *why) {
  shm::Header &h = header();
  if (!h.fibersOff) {
    snprintf(h.fibersDeclined, sizeof(h.fibersDeclined), "%s", why);
    h.fibersOff = 1;
  }
}

// Whether this worker runs its executions' threads as fibers: asked, not
// declined, and the program's own code has no thread-local variables.
bool setUpFibers(Worker &w, const fiber::TlsBlock &tls, bool readable,
                 const char *foreign) {
  shm::Header &h = header();
  if (!h.fibersAsked || h.fibersOff)
    return false;
  char why[160];
  if (foreign) {
    snprintf(why, sizeof(why),
             "thread-local variables of the program's own (%s), whose "
             "addresses every fiber would share",
             foreign);
    declineFibers(why);
    return false;
  }
  w.tls = tls;
  if (!readable || !prepareTlsSwap(w.tls)) {
    declineFibers("a thread-local block the runtime could not read");
    return false;
  }
  for (uint32_t k = 0; k < w.poolSize; ++k)
    w.homes[k + 1] = reinterpret_cast<uintptr_t>(w.threads[k].handle);
  // Before the snapshot: every rewind gives main's (delta 0) back.
  fiber::g_tlsAlias = {w.tls.low, w.tls.high - w.tls.low, 0};
  return true;
}
} // namespace

bool inFibers() { return g_worker && g_worker->fibers; }

void fiberWaitTurn() { switchToRunning(); }

bool fiberHandle(pthread_t &handle) {
  const Worker *w = g_worker;
  if (!w || !w->fibers || w->current == 0)
    return false;
  handle = w->threads[w->current - 1].handle;
  return true;
}

bool workerThreadIds(int32_t &pid, int32_t &tid) {
  const Worker *w = g_worker;
  if (!w)
    return false;
  pid = w->pid;
  tid = w->fibers || t_pooled < 0 ? w->mainTid : w->threads[t_pooled].tid;
  return true;
}

bool wakeOnGrant(ThreadId t) {
  if (inFibers() && fiberHere(t))
    return false; // the granting fiber switches to it
  return true;
}

void refuseFibersBesideMain(const char *why) {
  if (controlled() && t_thread.self != 0)
    refuseFibers(why);
}

void refuseFibers(const char *why) {
  if (inFibers() && controlled()) {
    declineFibers(why);
    header().requestRefused = 1;
    rawSyscall(SYS_exit_group, 0);
  }
}

void runWorker(int argc, char **argv, char **envp) {
  shm::Header &h = header();
  // While the worker has one thread, so that the counter covers the pool
  // and whatever the program starts: a rewind after an execution that
  // changed no mapping then skips reading them.
  snapshot::watchMappingCalls();
  snapshot::keepDescriptors(); // before the pool's threads: see snapshot.h
  prepareExecutionProcess();
  const uint32_t used = threadsUsedSoFar();
  uint32_t pool = used > 1 ? used - 1 : 0;
  // Probing, it does not know how many threads the program starts: a guess
  // that covers most programs (each pooled thread costs its creation and a
  // few pages in the snapshot, and what the first execution does not use
  // is left out of the rewinds: endProbe).
  const bool probing = inProbe();
  leaveProbe();
  if (probing && pool < FirstPoolGuess)
    pool = std::min<uint32_t>(FirstPoolGuess, h.maxThreads - 1);
  fiber::TlsBlock tls;
  const char *foreign = nullptr;
  const bool readable = fiber::readTlsBlock(tls, foreign);
  Worker *w = mapWorker(pool, readable ? tls.high - tls.low : 0);
  if (!w)
    refuse("the worker could not map its state", true);
  w->probing = probing;
  w->argc = argc;
  w->argv = argv;
  w->envp = envp;
  w->mainTid = int32_t(gettid());
  w->pid = int32_t(getpid());
  cpu_set_t cpus;
  w->oneCpu = sched_getaffinity(0, sizeof(cpus), &cpus) == 0 &&
              CPU_COUNT(&cpus) == 1;
  sigprocmask(SIG_SETMASK, nullptr, &w->programMask);
  sigfillset(&w->parkMask);
  sigdelset(&w->parkMask, SIGRTMIN + StopSignalOffset);
  w->seq = h.requestSeq.load(std::memory_order_acquire);
  h.takenSeq = w->seq;
  w->spin.start(h.spinNanoseconds);
  ++h.workersStarted;
  struct sigaction sa = {};
  sa.sa_handler = onStop;
  sa.sa_flags = SA_ONSTACK;
  sigfillset(&sa.sa_mask);
  sigaction(SIGRTMIN + StopSignalOffset, &sa, nullptr);
  g_worker = w;
  if (!createPool(*w))
    refuse("the worker could not create its thread pool", true);
  w->fibers = setUpFibers(*w, tls, readable, foreign);
  h.fiberProcess = w->fibers ? w->pid : 0;
  snapshot::exclude({reinterpret_cast<uintptr_t>(w),
                     reinterpret_cast<uintptr_t>(w) + w->mappingBytes});
  uintptr_t altBegin = 0, altEnd = 0;
  altStackRange(altBegin, altEnd);
  if (altEnd > altBegin)
    snapshot::exclude({altBegin, altEnd});
  // The pool's stacks no pooled thread took: no thread of this worker will
  // (its pool is made), and a rewind's scan of their 400-500 MiB of
  // address space cost 5-7 us (docs/bench.md).
  uintptr_t unusedBegin = 0, unusedEnd = 0;
  unusedPooledStacks(unusedBegin, unusedEnd);
  if (unusedEnd > unusedBegin)
    snapshot::exclude({unusedBegin, unusedEnd});
  const int taken = snapshot::take();
  if (taken < 0)
    refuse(snapshot::lastError(), true);
  if (taken > 0) {
    // An execution ended, tangle has its answer (answer()), and memory is
    // as it was at the snapshot.
    Worker &again = *g_worker;
    again.stopping.store(0, std::memory_order_release);
    again.dirty = false;
    h.rewinding.store(0, std::memory_order_release); // tangle polls it
    uint32_t seq;
    again.spin.spin(&h.requestSeq, again.seq);
    while ((seq = h.requestSeq.load(std::memory_order_acquire)) == again.seq)
      futexWaitCounted(&h.requestSeq, again.seq, &h.requestSleepers);
    again.seq = seq;
    h.takenSeq = seq;
    if (h.command == uint32_t(shm::Command::Quit))
      rawSyscall(SYS_exit_group, 0);
  }
  runExecution(*g_worker);
}

} // namespace tangle::rt
