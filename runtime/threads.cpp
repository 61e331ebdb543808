// Thread creation, exit, join and detach under control. The Machine decides
// when each may happen; the real pthread calls only follow its decisions.
#include "runtime/threads.h"

#include "model/machine.h"

#include "runtime/controller.h"
#include "runtime/crash.h"
#include "runtime/memory_limit.h"
#include "runtime/real_functions.h"
#include "runtime/reuse_worker.h"
#include "runtime/runtime_state.h"
#include "runtime/stack_pool.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace tangle::rt {

namespace {

// The calling OS thread becomes thread `self` of the execution, its stack
// walks stopping at `stackTop` (its caller's frame), and waits until the
// scheduler executes its ThreadStart.
void enterThread(ThreadId self, uintptr_t stackTop) {
  t_thread.self = self;
  g_runtime.slots[self].osTid = static_cast<int32_t>(gettid());
  g_runtime.slots[self].osPid = static_cast<int32_t>(getpid());
  t_thread.exited = false;
  t_thread.exitStack = Stack();
  t_thread.stackTop = stackTop;
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
  Operation op;
  op.kind = OpKind::ThreadExit;
  op.object = t_thread.self;
  visible(op, site);
  leave();
}

void onThreadEnd(void *) {
  if (!controlled())
    return;
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

// pthread_create in a reuse worker: a thread of the pool runs it, with
// glibc's default attributes (other attributes are refused).
int createPooledThread(pthread_t *thread, const pthread_attr_t *attr,
                       ThreadId id, const Stack &stack) {
  int detachState = PTHREAD_CREATE_JOINABLE;
  if (!defaultsButDetach(attr, detachState))
    refuseInWorker("a thread with attributes of its own (its stack)");
  ThreadRecord &record = g_runtime.threads[id];
  postThreadStart(id, stack, reinterpret_cast<uintptr_t>(record.arg));
  *thread = startPooledThread(id);
  record.handle = *thread;
  record.hasHandle = true;
  if (detachState == PTHREAD_CREATE_DETACHED) {
    record.hasHandle = false;
    visible(threadOp(OpKind::ThreadDetach, id), stack);
  }
  return 0;
}

} // namespace

void runPooledThread(ThreadId self) {
  enterThread(self, reinterpret_cast<uintptr_t>(__builtin_frame_address(0)));
  ThreadRecord &record = g_runtime.threads[self];
  record.result = record.start(record.arg);
  if (controlled())
    postThreadExit();
  t_thread.self = NoThread;
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
  record.handle = *thread;
  record.hasHandle = true;
  int detachState = PTHREAD_CREATE_JOINABLE;
  if (attr && pthread_attr_getdetachstate(attr, &detachState) == 0 &&
      detachState == PTHREAD_CREATE_DETACHED) {
    // Created detached: tell the Machine the same way pthread_detach would.
    record.hasHandle = false;
    visible(threadOp(OpKind::ThreadDetach, id), stack);
  }
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
    *old = state ? (was ? PTHREAD_CANCEL_DISABLE : PTHREAD_CANCEL_ENABLE)
                 : (was ? PTHREAD_CANCEL_ASYNCHRONOUS
                        : PTHREAD_CANCEL_DEFERRED);
  return 0;
}

void initThreadExit() { pthread_key_create(&g_exitKey, onThreadEnd); }

void armThreadExit(bool armed) {
  pthread_setspecific(g_exitKey, armed ? &g_exitKey : nullptr);
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
