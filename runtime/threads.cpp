// Thread creation, exit, join and detach under control. The Machine decides
// when each may happen; the real pthread calls only follow its decisions.
#include "runtime/threads.h"

#include "model/machine.h"

#include "runtime/controller.h"
#include "runtime/crash.h"
#include "runtime/fork_server.h"
#include "runtime/memory_limit.h"
#include "runtime/real_functions.h"
#include "runtime/reuse_worker.h"
#include "runtime/runtime_state.h"
#include "runtime/stack_pool.h"
#include "runtime/virtual_time.h"

#include <cerrno>
#include <climits>
#include <csetjmp>
#include <cstring>
#include <unistd.h>
#include <unwind.h>

namespace tangle::rt {

namespace {

// The calling OS thread becomes thread `self` of the execution, its stack
// walks stopping at `stackTop` (its caller's frame), and waits until the
// scheduler executes its ThreadStart.
void enterThread(ThreadId self, uintptr_t stackTop) {
  t_thread.self = self;
  int32_t pid, tid;
  if (!workerThreadIds(pid, tid)) {
    pid = static_cast<int32_t>(getpid());
    tid = static_cast<int32_t>(gettid());
  }
  g_runtime.slots[self].osTid = tid;
  g_runtime.slots[self].osPid = pid;
  t_thread.exited = false;
  t_thread.exitStack = Stack();
  t_thread.stackTop = stackTop;
  startThreadClock(g_runtime.threads[self].clockNs);
  // A fiber runs because it has the turn, on main's OS thread (and its
  // alternate stack).
  if (inFibers())
    return;
  installAltStack(self);
  waitTurn(self);
}

// The OS thread of a created thread parks here before any user code runs;
// the scheduler releases it by executing its ThreadStart.
void *trampoline(void *arg) {
  auto self = static_cast<ThreadId>(reinterpret_cast<uintptr_t>(arg));
  enterThread(self, reinterpret_cast<uintptr_t>(__builtin_frame_address(0)));
  armThreadExit(true);
  const ThreadRecord &record = g_runtime.threads[self];
  return record.start(record.arg);
}

// Why a key destructor and not a C++ guard in the trampoline: pthread_exit's
// forced unwind runs in the system's libgcc_s, and a cleanup in this library
// would resume it in the runtime's own static copy of the unwinder, which
// aborts. Key destructors run after the unwind (and after thread_local
// destructors), with no unwinding involved.
pthread_key_t g_exitKey;

// The calling thread's end: its ThreadExit, then the CPU to another.
void postThreadExit() {
  Stack site = t_thread.exitStack; // where pthread_exit was called, if it was
  g_runtime.threads[t_thread.self].clockNs = threadTime(); // for its joiner
  Operation op;
  op.kind = OpKind::ThreadExit;
  op.object = t_thread.self;
  visible(op, site);
  leave();
}

// A pooled thread's thread_local destructors (__cxa_thread_atexit_impl),
// newest last; glibc's list would run them only as the OS thread ends,
// which a pooled thread never does. In the thread's own memory, so a
// rewind empties it.
struct ThreadAtExit {
  void (*destructor)(void *);
  void *object;
};
constexpr uint32_t MaxThreadAtExit = 64;
__thread ThreadAtExit t_atExit[MaxThreadAtExit]
    __attribute__((tls_model("initial-exec")));
__thread uint32_t t_atExitCount __attribute__((tls_model("initial-exec")));

// The destructors of thread-specific data, by key (pthread_key_create,
// tss_create), as glibc would run them as a thread ends.
constexpr uint32_t MaxKeys = PTHREAD_KEYS_MAX;
void (*g_keyDestructors[MaxKeys])(void *);
uint32_t g_keysEnd; // past the highest key with a destructor

// pthread_cleanup_push's buffers (the C form) the thread has registered
// and not yet popped: glibc runs them in pthread_exit's unwinding.
__thread uint32_t t_cleanupBuffers __attribute__((tls_model("initial-exec")));

// Where pthread_exit of a pooled thread goes when it needs no unwinding,
// and the frame below which the thread's own frames are.
__thread jmp_buf *t_pooledExit __attribute__((tls_model("initial-exec")));
__thread uintptr_t t_pooledFrame __attribute__((tls_model("initial-exec")));

// A pooled thread's thread_local destructors, newest first, as glibc's
// start_thread runs them after the start routine.
void runThreadAtExitOfPooled() {
  while (t_atExitCount > 0) {
    const ThreadAtExit last = t_atExit[--t_atExitCount];
    last.destructor(last.object);
  }
}

// The destructors of thread-specific data, as glibc's start_thread runs
// them after the start routine and the thread_local destructors: in rounds
// while values are set again.
void runKeyDestructors() {
  for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; ++round) {
    bool ran = false;
    for (uint32_t key = 0; key < g_keysEnd; ++key) {
      void (*destructor)(void *) = g_keyDestructors[key];
      if (!destructor)
        continue;
      void *value = REAL(pthread_getspecific)(pthread_key_t(key));
      if (!value)
        continue;
      REAL(pthread_setspecific)(pthread_key_t(key), nullptr);
      destructor(value);
      ran = true;
    }
    if (!ran)
      break;
  }
}

struct FrameWalk {
  uintptr_t boundary;
  bool reached = false, cleanups = false;
};

_Unwind_Reason_Code onFrame(_Unwind_Context *context, void *arg) {
  auto &walk = *static_cast<FrameWalk *>(arg);
  if (_Unwind_GetCFA(context) >= walk.boundary) {
    walk.reached = true;
    return _URC_END_OF_STACK;
  }
  if (_Unwind_GetLanguageSpecificData(context)) {
    walk.cleanups = true; // a destructor or a cleanup attribute, maybe
    return _URC_END_OF_STACK;
  }
  return _URC_NO_REASON;
}

// Whether pthread_exit's unwinding would run nothing of the program's: no
// pthread_cleanup_push buffer, and no frame between here and the pooled
// thread's start with a language-specific table (C++ destructors, a C
// cleanup attribute, a catch). Conservative: a frame whose unwind
// information cannot be read counts as one that needs the unwinding.
bool nothingToUnwind() {
  if (t_cleanupBuffers != 0)
    return false;
  FrameWalk walk;
  walk.boundary = t_pooledFrame;
  _Unwind_Backtrace(onFrame, &walk);
  return walk.reached && !walk.cleanups;
}

void onThreadEnd(void *) {
  if (!controlled())
    return;
  // A pooled thread's thread_local destructors are the runtime's to run
  // (its pthread_exit needed glibc's unwinding: exitPooledThread).
  if (inPooledThread())
    runThreadAtExitOfPooled();
  // The program's keys' destructors, before the exit: glibc would run
  // them after this one (the runtime's key is the oldest), when the thread
  // no longer counts and their operations would go unseen.
  runKeyDestructors();
  // A detached thread's stack goes back to glibc as it ends; a joinable
  // one's when it is joined (joinThread).
  ThreadRecord &record = g_runtime.threads[t_thread.self];
  if (g_runtime.machine->thread(t_thread.self).detached) {
    releaseThreadStack(record.stackBytes);
    record.stackBytes = 0;
  }
  postThreadExit();
}

// The newest thread with this handle (handles are reused after a join).
ThreadId threadOf(pthread_t handle) {
  Runtime &rt = g_runtime;
  for (ThreadId t = ThreadId(rt.machine->threadCount()); t-- > 0;)
    if (rt.threads[t].hasHandle && pthread_equal(rt.threads[t].handle, handle))
      return t;
  return NoThread;
}

Operation threadOp(OpKind kind, uint64_t object, uint64_t arg = 0) {
  Operation op;
  op.kind = kind;
  op.object = object;
  op.arg = arg;
  return op;
}

// The created thread's handle; created detached, the Machine is told the
// same way pthread_detach would tell it.
void noteCreated(ThreadId id, pthread_t handle, int detachState,
                 const Stack &stack) {
  ThreadRecord &record = g_runtime.threads[id];
  record.handle = handle;
  record.hasHandle = detachState != PTHREAD_CREATE_DETACHED;
  if (!record.hasHandle)
    visible(threadOp(OpKind::ThreadDetach, id), stack);
}

constexpr const char *AttributesRefused =
    "a thread with attributes of its own (a stack of its own, a larger "
    "stack, or a scheduling attribute)";

// pthread_create in a reuse worker: a thread of the pool runs it, with
// glibc's default attributes but for the detach state, the guard and a
// smaller stack (other attributes are refused).
int createPooledThread(pthread_t *thread, const pthread_attr_t *attr,
                       ThreadId id, const Stack &stack) {
  int detachState = PTHREAD_CREATE_JOINABLE;
  if (!aPooledThreadTakes(attr, detachState))
    refuseInWorker(AttributesRefused);
  ThreadRecord &record = g_runtime.threads[id];
  postThreadStart(id, stack, reinterpret_cast<uintptr_t>(record.arg));
  *thread = startPooledThread(id);
  noteCreated(id, *thread, detachState, stack);
  return 0;
}

} // namespace

void runPooledThread(ThreadId self) {
  t_pooledFrame = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  enterThread(self, t_pooledFrame);
  jmp_buf exited;
  t_pooledExit = &exited;
  if (!setjmp(exited)) {
    ThreadRecord &record = g_runtime.threads[self];
    record.result = record.start(record.arg);
  }
  t_pooledExit = nullptr;
  // What glibc would run as the thread ends: thread_local destructors,
  // newest first, then thread-specific data's (a fiber has none of its
  // own: the values it would read are main's, refuseFibers).
  runThreadAtExitOfPooled();
  if (!inFibers())
    runKeyDestructors();
  if (controlled())
    postThreadExit();
  t_thread.self = NoThread;
}

void exitPooledThread(void *result) {
  g_runtime.threads[t_thread.self].result = result;
  if (t_pooledExit && nothingToUnwind())
    longjmp(*t_pooledExit, 1); // as if the start routine returned `result`
  // The program's cleanups run in glibc's unwinding, which ends the OS
  // thread: the worker has one pooled thread less, and ends with this
  // execution. The thread's exit is posted as without the option, by the
  // exit key's destructor once the unwinding ran (onThreadEnd).
  refuseFibers("pthread_exit through cleanup handlers or destructors, which "
               "would end the fibers' one OS thread");
  taintWorker("pthread_exit through cleanup handlers or destructors, which "
              "ends the thread's pooled OS thread",
              false); // not a reason to decline: a process's thread ends
  t_pooledExit = nullptr;
  armThreadExit(true);
  REAL(pthread_exit)(result);
  __builtin_unreachable();
}

void noteKeyDestructor(pthread_key_t key, void (*destructor)(void *)) {
  if (key >= MaxKeys)
    return;
  g_keyDestructors[key] = destructor;
  if (destructor && key >= g_keysEnd)
    g_keysEnd = key + 1;
}

bool addThreadAtExit(void (*destructor)(void *), void *object) {
  if (t_atExitCount == MaxThreadAtExit)
    return false;
  t_atExit[t_atExitCount++] = {destructor, object};
  return true;
}

void threadAtExitTable(uintptr_t &table, size_t &entrySize, size_t &capacity,
                       uintptr_t &count) {
  table = reinterpret_cast<uintptr_t>(&t_atExit[0]);
  entrySize = sizeof(ThreadAtExit);
  capacity = MaxThreadAtExit;
  count = reinterpret_cast<uintptr_t>(&t_atExitCount);
}

void noteCleanupBuffer(bool pushed) {
  if (pushed)
    ++t_cleanupBuffers;
  else if (t_cleanupBuffers > 0)
    --t_cleanupBuffers;
}

int createThread(pthread_t *thread, const pthread_attr_t *attr,
                 void *(*start)(void *), void *arg, const Stack &stack) {
  Runtime &rt = g_runtime;
  auto id = static_cast<ThreadId>(visible(
      threadOp(OpKind::ThreadCreate, 0, reinterpret_cast<uintptr_t>(start)),
      stack));
  if (id >= rt.shm->maxThreads)
    finishAtThreadLimit();
  ThreadRecord &record = rt.threads[id];
  record.start = start;
  record.arg = arg;
  record.clockNs = threadTime(); // where the new thread's clock starts
  if (inWorker())
    return createPooledThread(thread, attr, id, stack);

  // A stack from the pool was mapped by the fork server: the memory limit
  // counts it already.
  pthread_attr_t pooled;
  int slot = takePooledStack(attr, pooled);
  record.pooledStack = slot + 1;
  record.stackBytes = slot >= 0 ? 0 : reserveThreadStack(attr);
  // The argument names the thread's input: threads of one routine with one
  // argument are interchangeable (model/explore/symmetric_search.h).
  postThreadStart(id, stack, reinterpret_cast<uintptr_t>(arg));
  int rc = REAL(pthread_create)(thread, slot >= 0 ? &pooled : attr, trampoline,
                                reinterpret_cast<void *>(uintptr_t(id)));
  if (slot >= 0)
    pthread_attr_destroy(&pooled);
  // The thread exists in the model already: a refusal cannot be returned
  // to the program, and running on would explore another program.
  if (rc == EAGAIN)
    finishAtLimit("system-limit",
                  "pthread_create failed: %s (the system's limit on threads, "
                  "or the execution's memory limit)",
                  strerror(rc));
  if (rc != 0)
    finish(EndReason::Error, "pthread_create failed: %s", strerror(rc));
  int detachState = PTHREAD_CREATE_JOINABLE;
  if (attr)
    pthread_attr_getdetachstate(attr, &detachState);
  noteCreated(id, *thread, detachState, stack);
  return 0;
}

int joinThread(pthread_t thread, void **result, const Stack &stack) {
  ThreadId id = threadOf(thread);
  if (id == NoThread) // not created under control: nothing to decide
    return REAL(pthread_join)(thread, result);
  int rc = visible(threadOp(OpKind::ThreadJoin, id), stack);
  if (rc != 0)
    return rc;
  g_runtime.threads[id].hasHandle = false;
  clockJoined(g_runtime.threads[id].clockNs); // the joiner sees its time
  if (inWorker()) { // a pooled thread: nothing to reap
    if (result)
      *result = g_runtime.threads[id].result;
    return 0;
  }
  // The thread has exited in the Machine; reap its OS thread.
  rc = REAL(pthread_join)(thread, result);
  ThreadRecord &record = g_runtime.threads[id];
  releaseThreadStack(record.stackBytes);
  record.stackBytes = 0;
  if (rc == 0) { // the thread is gone: its stack may serve another
    releasePooledStack(record.pooledStack - 1);
    record.pooledStack = 0;
  }
  return rc;
}

int detachThread(pthread_t thread, const Stack &stack) {
  ThreadId id = threadOf(thread);
  if (id == NoThread)
    return REAL(pthread_detach)(thread);
  int rc = visible(threadOp(OpKind::ThreadDetach, id), stack);
  if (rc != 0)
    return rc;
  g_runtime.threads[id].hasHandle = false;
  return inWorker() ? 0 : REAL(pthread_detach)(thread);
}

int cancelThread(pthread_t thread, const Stack &stack) {
  ThreadId id = threadOf(thread);
  if (id == NoThread) // not created under control: not ours to model
    return REAL(pthread_cancel)(thread);
  return visible(threadOp(OpKind::ThreadCancel, id), stack);
}

int setCancel(uint16_t which, int value, int *old, const Stack &stack) {
  const bool state = which == CancelSetState;
  if (state ? value != PTHREAD_CANCEL_ENABLE && value != PTHREAD_CANCEL_DISABLE
            : value != PTHREAD_CANCEL_DEFERRED &&
                  value != PTHREAD_CANCEL_ASYNCHRONOUS)
    return EINVAL;
  const bool on = state ? value == PTHREAD_CANCEL_DISABLE
                        : value == PTHREAD_CANCEL_ASYNCHRONOUS;
  Operation op = threadOp(OpKind::CancelSet, 0, on ? 1 : 0);
  op.flags = which;
  int was = visible(op, stack); // does not return if the thread acts here
  if (old)
    // Two of glibc's enums: compared as ints (-Wenum-compare otherwise).
    *old = state ? int(was ? PTHREAD_CANCEL_DISABLE : PTHREAD_CANCEL_ENABLE)
                 : int(was ? PTHREAD_CANCEL_ASYNCHRONOUS
                           : PTHREAD_CANCEL_DEFERRED);
  return 0;
}

// The runtime's own key: not one whose destructor a pooled thread's end
// runs (noteKeyDestructor).
void initThreadExit() { REAL(pthread_key_create)(&g_exitKey, onThreadEnd); }

void armThreadExit(bool armed) {
  REAL(pthread_setspecific)(g_exitKey, armed ? &g_exitKey : nullptr);
}

void exitProcess(int status, const Stack &stack) {
  visible(threadOp(OpKind::ProcessExit, 0, uint64_t(uint32_t(status))), stack);
  // From here on this process runs atexit handlers and destructors
  // unscheduled, its other threads stay parked until it is gone, and the
  // CPU goes to another process's thread.
  g_runtime.ending = true;
  handOver();
}

} // namespace tangle::rt
