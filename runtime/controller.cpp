// The scheduling step and the hand-off between threads of an execution.
// Events go straight into the shared region; a step costs no system call
// unless the CPU moves to another thread.
#include "runtime/controller.h"

#include "model/explore/scheduler.h"
#include "model/machine.h"
#include "runtime/fork_server.h"
#include "runtime/futex.h"
#include "runtime/futexes.h"
#include "runtime/heap.h"
#include "runtime/pthread_objects.h"
#include "runtime/real_functions.h"
#include "runtime/reuse_worker.h"
#include "runtime/runtime_state.h"
#include "runtime/shared_memory.h"
#include "runtime/threads.h"
#include "runtime/working_set.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory_resource>
#include <mqueue.h>
#include <new>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace tangle::rt {

namespace {

constexpr const char *UnmodelledCallKey = "unmodelled-call";
constexpr size_t MessageLength = 512;

// What every process of an execution shares: the Machine, the Scheduler,
// their memory and who ran last. It lives in one MAP_SHARED mapping that
// the fork server makes once, so a process the execution forks sees the
// same objects at the same addresses, and any thread of any process can
// take the scheduling step.
constexpr size_t SharedArenaSize = size_t(256) << 20; // reserved, not used

// The arena's upstream: the model outgrew its arena. A limit of the
// exploration, not a fault of the program.
class Exhausted final : public std::pmr::memory_resource {
  void *do_allocate(size_t, size_t) override {
    finishAtLimit("model-memory",
                  "the model of this execution outgrew its memory (%zu MiB)",
                  SharedArenaSize >> 20);
  }
  void do_deallocate(void *, size_t, size_t) override {}
  bool do_is_equal(const memory_resource &other) const noexcept override {
    return this == &other;
  }
};

struct SharedExecution {
  alignas(Machine) unsigned char machine[sizeof(Machine)];
  alignas(Scheduler) unsigned char scheduler[sizeof(Scheduler)];
  alignas(std::pmr::monotonic_buffer_resource) unsigned char
      arena[sizeof(std::pmr::monotonic_buffer_resource)];
  alignas(Exhausted) unsigned char exhausted[sizeof(Exhausted)];
  ThreadId current;            // the thread that executed the last step
  uint32_t pipeSequence;       // numbers pipes (see objects/pipe.h)
  int32_t pids[MaxPipeProcesses]; // each process's OS pid
  struct FileMapping {
    uint64_t device, inode, offset, length;
    uintptr_t begin;
  } fileMappings[64]; // the first mapping of each shared file's bytes
  uint32_t fileMappingCount;
  char createdQueues[32][64]; // message queues the execution created
  uint32_t createdQueueCount;
  int32_t killedPids[MaxPipeProcesses]; // processes the model killed
  uint32_t killedCount;
  // What the executions so far used of this mapping and of the region's
  // events, at most (noteUsedMemory): populated at each start.
  uint64_t usedBytes, usedEvents;
  uint32_t usedThreads; // the slots and pending entries used, at most
  alignas(std::max_align_t) unsigned char memory[];
};

SharedExecution *g_shared = nullptr;

constexpr int PopulateWrite = 23; // MADV_POPULATE_WRITE (Linux 5.14)

// Maps [begin, begin + bytes) in one call: shared memory is mapped anew in
// every execution's process (fork does not copy the page tables of a shared
// mapping), and a page fault per page costs tens of microseconds in a VM.
// Where the call is missing, the pages fault in as before.
void populate(void *begin, uint64_t bytes) {
  const uintptr_t page = 4096;
  uintptr_t from = reinterpret_cast<uintptr_t>(begin) & ~(page - 1);
  uintptr_t to =
      (reinterpret_cast<uintptr_t>(begin) + bytes + page - 1) & ~(page - 1);
  if (to > from)
    madvise(reinterpret_cast<void *>(from), to - from, PopulateWrite);
}

// As the execution ends: how much of the model's memory and of the events
// it used, for the next executions to populate at their start.
void noteUsedMemory() {
  static bool noting = false; // the arena's end may be the arena's limit
  if (!g_shared || !g_runtime.machine || noting)
    return;
  noting = true;
  auto *arena =
      reinterpret_cast<std::pmr::monotonic_buffer_resource *>(g_shared->arena);
  auto *next = static_cast<unsigned char *>(arena->allocate(1, 1));
  uint64_t used = uint64_t(next - reinterpret_cast<unsigned char *>(g_shared));
  if (used > g_shared->usedBytes &&
      used <= sizeof(SharedExecution) + SharedArenaSize)
    g_shared->usedBytes = used;
  uint64_t events = g_runtime.shm->eventCount.load(std::memory_order_relaxed);
  if (events > g_shared->usedEvents)
    g_shared->usedEvents = events;
  if (g_runtime.shm->threadCount > g_shared->usedThreads)
    g_shared->usedThreads = g_runtime.shm->threadCount;
  if (!inWorker()) // a worker's pages stay: nothing to populate next time
    learnWorkingSet();
  noting = false;
}

void grant(ThreadId t) {
  Runtime &rt = g_runtime;
  rt.shm->running.store(t, std::memory_order_release);
  rt.slots[t].go.store(1, std::memory_order_release);
  if (!wakeOnGrant(t))
    return; // a fiber of this process: the granter switches to it
  futexWake(&rt.slots[t].go);
  // A worker running fibers waits on `running` while another process has
  // the turn (reuse_worker.cpp).
  if (rt.shm->fiberProcess && rt.shm->fiberProcess != int32_t(getpid()))
    futexWake(&rt.shm->running, 1 << 30);
}

} // namespace

void recordPending(ThreadId except) {
  Runtime &rt = g_runtime;
  uint32_t n = 0;
  // A thread numbered past the slots (the create that reached the thread
  // limit) has no slot and nothing posted.
  size_t threads = rt.machine->threadCount();
  if (threads > rt.shm->maxThreads)
    threads = rt.shm->maxThreads;
  for (ThreadId t = 0; t < threads; ++t)
    if (t != except && rt.machine->live(t) && rt.machine->hasPending(t))
      rt.pending[n++] = rt.slots[t].posted;
  rt.shm->pendingCount = n;
}

namespace {

// Executes t's pending operation and appends its event.
void stepThread(ThreadId t) {
  Runtime &rt = g_runtime;
  const PendingOp &posted = rt.slots[t].posted;
  bool processExit = posted.op.kind == OpKind::ProcessExit;
  if (processExit)
    recordPending(t); // the threads this exit cuts off, as they were
  prepareFutexStep(t); // a futex wait compares its word now, as the kernel
  prepareOnceStep(t);  // a once is new or not as its word is now
  rt.slots[t].pending = 0;
  rt.scheduler->willStep(*rt.machine, t);
  Outcome outcome = rt.machine->step(t);
  if (rt.shm->truncated) {
    ++rt.shm->unrecordedSteps;
  } else {
    uint64_t n = rt.shm->eventCount.load(std::memory_order_relaxed);
    Event &event = rt.events[n];
    event.thread = t;
    event.result = outcome.result;
    event.op = posted.op;
    // The child's process number as it was then: a later fork may reuse it.
    if (event.op.kind == OpKind::ProcessFork && outcome.result >= 0)
      event.op.reserved = rt.machine->processOf(ThreadId(outcome.result));
    event.stack = posted.stack;
    rt.shm->eventCount.store(n + 1, std::memory_order_release);
  }
  // In the shared slot: the thread may belong to another process.
  rt.slots[t].result = outcome.result;
  g_shared->current = t;
  if (rt.machine->processEnded()) {
    // The last process exited: the execution ends as it does. (Its exiting
    // thread runs atexit handlers and destructors unscheduled.)
    rt.shm->endReason = uint32_t(EndReason::Exited);
    rt.shm->endRecorded = 1;
    noteUsedMemory();
  }
}

// One scheduling step on behalf of `me`: picks a thread and executes its
// operation. Returns true if that was me's own operation (me runs on);
// otherwise the chosen thread has been given the CPU.
bool dispatch(ThreadId me) {
  Runtime &rt = g_runtime;
  Choice choice = rt.scheduler->choose(*rt.machine, g_shared->current);
  if (choice.kind == ChoiceKind::Diverged) {
    const Machine &m = *rt.machine;
    ThreadId t = choice.thread;
    // Steps are numbered from 1, as in reports.
    // A recorded order says which operation it expected, and where the
    // thread is instead.
    char expected[96] = "";
    if (std::optional<OpKind> kind = rt.scheduler->nextRecordedKind();
        kind && t < m.threadCount())
      snprintf(expected, sizeof(expected), " (for its %s; it is at its %s)",
               opKindName(*kind), opKindName(m.pending(t).kind));
    finish(EndReason::Diverged, "at step %llu it names thread %u%s, which %s",
           static_cast<unsigned long long>(rt.scheduler->steps() + 1), t,
           expected,
           t >= m.threadCount() ? "does not exist at that point"
           : !m.running(t)      ? "has already ended"
                                : "is blocked at that point");
  }
  if (choice.kind != ChoiceKind::Run) // the model says how that ends
    finish(endReasonOf(choice.kind));
  // Past the step limit the execution goes on to its end, unrecorded: a
  // limit is never a finding, and the program's own end (an exit, a crash,
  // a deadlock) still comes. The explorer counts it as cut short.
  if (rt.scheduler->steps() >= rt.maxSteps && !rt.shm->truncated)
    rt.shm->truncated = 1;
  stepThread(choice.thread);
  if (choice.thread == me)
    return true;
  grant(choice.thread);
  return false;
}

} // namespace

bool reserveSharedExecution() {
  void *mem = mmap(nullptr, sizeof(SharedExecution) + SharedArenaSize,
                   PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED)
    return false;
  g_shared = static_cast<SharedExecution *>(mem);
  return true;
}

void populateExecutionMemory() {
  Runtime &rt = g_runtime;
  shm::Header *h = rt.shm;
  // What the execution reads and writes first: the header, the model's
  // first page, the request's schedule (prefix, hint, sleep set), the
  // threads' slots and pending entries, then as much of the model's memory
  // and of the events as earlier executions used.
  populate(h, sizeof(shm::Header));
  populate(g_shared, 4096);
  SharedExecution &shared = *g_shared;
  const uint64_t threads =
      shared.usedThreads < h->maxThreads ? shared.usedThreads + 1
                                         : h->maxThreads;
  populate(rt.slots, threads * sizeof(shm::ThreadSlot));
  populate(rt.prefix, (h->prefixLength + h->hintLength) * sizeof(ThreadId));
  populate(rt.sleeping, h->sleepingCount * sizeof(ThreadId));
  populate(rt.pending, threads * sizeof(PendingOp));
  if (shared.usedBytes)
    populate(&shared, shared.usedBytes);
  uint64_t events = shared.usedEvents < h->eventCapacity ? shared.usedEvents
                                                         : h->eventCapacity;
  if (events)
    populate(rt.events, events * sizeof(Event));
}

uint32_t threadsUsedSoFar() { return g_shared ? g_shared->usedThreads : 0; }

void noteThreadsUsed(uint32_t threads) {
  if (g_shared && threads > g_shared->usedThreads)
    g_shared->usedThreads = threads;
}

void startExecution() {
  Runtime &rt = g_runtime;
  shm::Header *h = rt.shm;
  SharedExecution &shared = *g_shared;
  auto *exhausted = new (shared.exhausted) Exhausted();
  auto *arena = new (shared.arena) std::pmr::monotonic_buffer_resource(
      shared.memory, SharedArenaSize, exhausted);
  // Objects' lists of threads (objects/thread_set.h) allocate from the
  // default resource: the arena too, shared by the execution's processes.
  std::pmr::set_default_resource(arena);
  rt.machine = new (shared.machine) Machine(arena);
  rt.scheduler = new (shared.scheduler) Scheduler(
      rt.prefix, h->prefixLength, rt.sleeping, h->sleepingCount, arena);
  shared.pipeSequence = 0;
  shared.fileMappingCount = 0;
  shared.createdQueueCount = 0;
  shared.killedCount = 0;
  // The execution's one thread so far: its tid is the process's pid.
  int32_t pid, tid;
  if (!workerThreadIds(pid, tid))
    pid = static_cast<int32_t>(getpid());
  shared.pids[0] = pid;
  rt.process = 0;
  rt.scheduler->setRetryBound(h->retryBound);
  rt.scheduler->setPolicy(h->policy);
  if (h->recordedOrder)
    rt.scheduler->setRecordedKinds(rt.prefix + h->prefixLength, h->hintLength);
  else
    rt.scheduler->setHint(rt.prefix + h->prefixLength, h->hintLength);
  rt.machine->setSpuriousWakeups(h->spuriousWakeups != 0);
  rt.maxSteps = h->maxSteps < h->eventCapacity ? h->maxSteps : h->eventCapacity;
  // rt.threads is all zero: the fork server never runs an execution itself.
  shared.current = NoThread;
  rt.ending = false;
  t_thread.self = rt.machine->mainThread();
  // The slots outlive executions: a `go` left set by an execution that ended
  // between a grant and its wake-up would let main run out of turn.
  rt.slots[t_thread.self].go.store(0, std::memory_order_relaxed);
  rt.slots[t_thread.self].osTid = pid;
  rt.slots[t_thread.self].osPid = pid;
  rt.slots[t_thread.self].pending = 0;
  // Other threads may join main by its handle (pthread_self in main).
  rt.threads[t_thread.self].handle = pthread_self();
  rt.threads[t_thread.self].hasHandle = true;
  h->threadCount = 1;
  t_thread.exited = false;
  rt.shm->running.store(t_thread.self, std::memory_order_relaxed);
  rt.mode = Mode::Controlled;
}

void waitTurn(ThreadId me) {
  if (inFibers()) {
    fiberWaitTurn();
    g_runtime.slots[me].go.store(0, std::memory_order_relaxed);
    return;
  }
  std::atomic<uint32_t> &go = g_runtime.slots[me].go;
  while (go.load(std::memory_order_acquire) == 0)
    futexWait(&go, 0);
  go.store(0, std::memory_order_relaxed);
}

int32_t visible(const Operation &op, const Stack &stack) {
  if (t_onceDepth > 0) // a once routine's exception passed: say so first
    abandonEscapedOnces(stack);
  Runtime &rt = g_runtime;
  ThreadId me = t_thread.self;
  if (inWorker() && !workerCanRun(op.kind)) {
    char why[96];
    snprintf(why, sizeof(why), "the program's %s, which a rewind cannot undo",
             opKindName(op.kind));
    // A child forked by a pooled thread would end in its park loop.
    if (op.kind == OpKind::ProcessFork && inPooledThread())
      refuseInWorker(why);
    taintWorker(why);
  }
  PendingOp &posted = rt.slots[me].posted;
  posted.thread = me;
  posted.op = keyedOperation(op);
  // Whether the thread met nothing new in plain memory since its last step
  // (an atomic's flags say what the atomic itself changed; a program built
  // without the instrumentation shows no accesses to judge by).
  if (!takeNewMemory(op, stack.frames[0], me) && !isAtomicOp(op.kind) &&
      rt.shm->memoryInstrumented)
    posted.op.flags |= SameMemory;
  posted.stack = stack;
  rt.slots[me].pending = 1;
  rt.machine->post(me, posted.op);
  if (!dispatch(me))
    waitTurn(me);
  const int32_t result = rt.slots[me].result;
  if (result == CancelActed) {
    // The thread acts on a cancellation request here: as glibc does, it
    // unwinds (cleanup handlers, destructors) and exits with
    // PTHREAD_CANCELED; its ThreadExit is posted at the end (threads.cpp).
    // No frame of the runtime between here and the program holds
    // anything the unwinding would have to give back.
    t_thread.exitStack = posted.stack;
    if (inPooledThread())
      exitPooledThread(PTHREAD_CANCELED);
    if (me == 0)
      refuseInWorker("main acted on its cancellation, which would end the "
                     "worker's main thread");
    REAL(pthread_exit)(PTHREAD_CANCELED);
  }
  return result;
}

void leave() {
  t_thread.exited = true;
  dispatch(t_thread.self); // never chooses the caller: it has nothing pending
}

void postThreadStart(ThreadId t, const Stack &creationSite,
                     uint64_t argument) {
  Runtime &rt = g_runtime;
  Operation start;
  start.kind = OpKind::ThreadStart;
  start.arg = argument;
  rt.slots[t].go.store(0, std::memory_order_relaxed);
  rt.slots[t].posted.thread = t;
  rt.slots[t].posted.op = start;
  rt.slots[t].posted.stack = creationSite;
  rt.slots[t].pending = 1;
  if (t + 1 > rt.shm->threadCount)
    rt.shm->threadCount = t + 1;
  rt.machine->post(t, start);
}

namespace {

[[noreturn]] void finishWith(EndReason reason, const char *format,
                             va_list args) {
  Runtime &rt = g_runtime;
  rt.ending = true;
  if (format)
    vsnprintf(rt.shm->message, sizeof(rt.shm->message), format, args);
  recordPending();
  rt.shm->endReason = uint32_t(reason);
  rt.shm->endRecorded = 1;
  noteUsedMemory();
  if (rt.shm->showOutput)
    fflush(nullptr); // what the program printed so far; no thread holds stdio
  // The execution's other processes are parked for good: end them all (the
  // execution is its own process group).
  // (By group, not kill(0): this process may have left it with setsid.)
  if (rt.machine && rt.machine->processCount() > 1)
    killExecutionGroup();
  if (inWorker()) // the next request, in this process
    endExecutionInWorker(0);
  // exit_group directly: not our _exit hook, and no atexit handlers.
  rawSyscall(SYS_exit_group, 0);
  __builtin_unreachable();
}

} // namespace

void finish(EndReason reason, const char *format, ...) {
  va_list args;
  va_start(args, format);
  finishWith(reason, format, args);
}

void finishAtLimit(const char *key, const char *format, ...) {
  snprintf(g_runtime.shm->limitKey, sizeof(g_runtime.shm->limitKey), "%s",
           key);
  va_list args;
  va_start(args, format);
  finishWith(EndReason::LimitReached, format, args);
}

void noteLimit(const char *key, const char *format, ...) {
  shm::Header *h = g_runtime.shm;
  if (h->limitKey[0])
    return;
  va_list args;
  va_start(args, format);
  vsnprintf(h->message, sizeof(h->message), format, args);
  va_end(args);
  snprintf(h->limitKey, sizeof(h->limitKey), "%s", key);
}

void finishAtThreadLimit() {
  finishAtLimit("thread-limit",
                "the program had more than %u threads at once, counting "
                "exited threads not yet joined (the thread limit)",
                g_runtime.shm->maxThreads);
}

void finishAtProcessLimit() {
  finishAtLimit("process-limit",
                "the program had more than %u processes at once, counting "
                "children not yet waited for (the process limit)",
                MaxProcesses);
}

void unmodelledCall(const Stack &stack, const char *format, ...) {
  Runtime &rt = g_runtime;
  // Where, for the report (not a crash: no signal, no assertion).
  rt.shm->crash.thread = t_thread.self;
  rt.shm->crash.stack = stack;
  rt.shm->crash.hasStack = 1;
  char call[MessageLength];
  va_list args;
  va_start(args, format);
  vsnprintf(call, sizeof(call), format, args);
  va_end(args);
  // The thread as reports name it (cli/explain.cpp).
  const ThreadId self = t_thread.self;
  const ProcessId process = rt.machine->processOf(self);
  if (self == 0)
    finishAtLimit(UnmodelledCallKey, "main thread %s", call);
  if (process != 0 && rt.machine->process(process).firstThread == self)
    finishAtLimit(UnmodelledCallKey, "process %u %s", process, call);
  if (process != 0)
    finishAtLimit(UnmodelledCallKey, "thread %u of process %u %s", self,
                  process, call);
  finishAtLimit(UnmodelledCallKey, "thread %u %s", self, call);
}

Operation *lastOperation(ThreadId t) {
  Runtime &rt = g_runtime;
  if (g_shared->current != t)
    return nullptr;
  uint64_t n = rt.shm->eventCount.load(std::memory_order_relaxed);
  if (rt.shm->truncated)
    return &rt.slots[t].posted.op;
  return n > 0 && rt.events[n - 1].thread == t ? &rt.events[n - 1].op
                                               : nullptr;
}

int32_t &processPid(ProcessId p) { return g_shared->pids[p]; }

uint32_t nextPipeSequence() { return ++g_shared->pipeSequence; }

uintptr_t canonicalMapping(uint64_t device, uint64_t inode, uint64_t offset,
                           uintptr_t begin, size_t length) {
  SharedExecution &shared = *g_shared;
  for (uint32_t i = 0; i < shared.fileMappingCount; ++i) {
    const auto &m = shared.fileMappings[i];
    if (m.device == device && m.inode == inode && offset >= m.offset &&
        offset < m.offset + m.length)
      return m.begin + (offset - m.offset);
  }
  if (shared.fileMappingCount < std::size(shared.fileMappings))
    shared.fileMappings[shared.fileMappingCount++] = {device, inode, offset,
                                                      length, begin};
  return begin;
}

void noteCreatedQueue(const char *name) {
  SharedExecution &shared = *g_shared;
  if (shared.createdQueueCount < std::size(shared.createdQueues))
    snprintf(shared.createdQueues[shared.createdQueueCount++],
             sizeof(shared.createdQueues[0]), "%s", name);
}

void removeExecutionQueues() {
  SharedExecution &shared = *g_shared;
  for (uint32_t i = 0; i < shared.createdQueueCount; ++i)
    mq_unlink(shared.createdQueues[i]); // passes through: not controlled
  shared.createdQueueCount = 0;
  shared.killedCount = 0;
}

void noteKilledPid(int32_t pid) {
  SharedExecution &shared = *g_shared;
  if (shared.killedCount < std::size(shared.killedPids))
    shared.killedPids[shared.killedCount++] = pid;
}

bool killedByModel(int32_t pid) {
  SharedExecution &shared = *g_shared;
  for (uint32_t i = 0; i < shared.killedCount; ++i)
    if (shared.killedPids[i] == pid)
      return true;
  return false;
}

void handOver() {
  Runtime &rt = g_runtime;
  if (!rt.machine->processEnded())
    dispatch(t_thread.self); // never the caller: its process has ended
}

} // namespace tangle::rt
