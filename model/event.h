// The event vocabulary: what a thread can do that other threads can observe.
// These structs are plain data: the runtime writes them into shared memory and
// the trace format stores them as they are, so keep them trivially copyable.
#pragma once

#include <cstdint>
#include <type_traits>

namespace tangle {

/// A thread of the explored program; 0 is the main thread of the first
/// process. Numbers are given in creation order, and a joined thread's
/// number is given again to a thread its joiner creates (objects/ids.h).
using ThreadId = uint32_t;
constexpr ThreadId NoThread = UINT32_MAX;

/// Synchronisation objects are identified by their address in the program.
using ObjectAddr = uint64_t;

enum class OpKind : uint16_t {
  // Threads and the process.
  ThreadStart,  // first operation of every created thread; arg = the
                // argument its start routine gets (0 when unknown)
  ThreadExit,   // the start routine returned or the thread called pthread_exit
  ThreadCreate, // arg = start routine address; result = the new ThreadId
  ThreadJoin,   // object = joined ThreadId
  ThreadDetach, // object = detached ThreadId
  ProcessExit,  // exit()/_exit()/return from main: every other thread stops
  // Mutexes. object = address, arg = MutexType.
  MutexInit,
  MutexDestroy,
  MutexLock,
  MutexTryLock,
  MutexTimedLock, // may time out: explored as a failed attempt
  MutexUnlock,
  // Condition variables. object = address, arg = the mutex's address.
  // A wait is two steps: CondWait releases the mutex and joins the waiters;
  // CondWake re-acquires it once woken (see objects/condition.h).
  CondInit,
  CondDestroy,
  CondWait, // flags = CondTimed for timedwait/clockwait
  CondWake, // result 0 or ETIMEDOUT
  CondSignal,
  CondBroadcast,
  // POSIX unnamed semaphores. object = address; arg = initial value (init).
  SemInit,
  SemDestroy,
  SemWait,
  SemTryWait,
  SemTimedWait,
  SemPost,
  SemGetValue, // result = the value
  // Barriers. object = address; arg = count (init). A wait is two steps:
  // BarrierWait arrives (result PTHREAD_BARRIER_SERIAL_THREAD for the last),
  // BarrierLeave waits until the round is complete.
  BarrierInit,
  BarrierDestroy,
  BarrierWait,
  BarrierLeave,
  // Read-write locks. object = address.
  RwInit,
  RwDestroy,
  RwRdLock,
  RwTryRdLock,
  RwTimedRdLock,
  RwWrLock,
  RwTryWrLock,
  RwTimedWrLock,
  RwUnlock,
  // pthread_once. object = the once_control's address. OnceEnter returns 1
  // to the thread that must run the routine, which then posts OnceDone.
  OnceEnter,
  OnceDone,
  // sleep/usleep/nanosleep/sched_yield: no waiting, a scheduling point.
  Yield,
  // Processes (see objects/process.h). ProcessFork: result = the child's
  // first thread (or -EAGAIN: no process number is free, objects/ids.h),
  // reserved = the child's ProcessId, written into the event when the
  // fork executed. ProcessWait: object = the ProcessId waited for, or
  // AnyProcess; flags = WaitNoHang; result = the reaped ProcessId, or
  // WaitNoChild / WaitNothingYet.
  ProcessFork,
  ProcessWait,
  // Pipes (see objects/pipe.h). object = the pipe's key; Read and Write:
  // arg = the byte count asked for, result = the count done (or -EPIPE);
  // Close and Dup: arg = the end (PipeReadEnd, PipeWriteEnd).
  PipeCreate,
  PipeRead,
  PipeWrite,
  PipeClose,
  PipeDup,
  // exec*: the process's image is replaced by a program tangle does not
  // control; its threads stop being scheduled (see objects/process.h).
  ProcessExec,

  // ---- File locks (objects/file_lock.h): flock, fcntl, lockf. ----
  // object = the lock key (file_identity.h: the file key for flock, its
  // posixLockKey for fcntl/lockf); arg = the owner (an open file
  // description for flock and OFD locks, the process for fcntl/lockf);
  // flags = FileLock* bits.
  FileLock,     // blocks while another owner holds a conflicting lock
  FileTryLock,  // LOCK_NB, F_SETLK, F_TLOCK: result EAGAIN instead
  FileUnlock,   // LOCK_UN, F_UNLCK, F_ULOCK, or the close that releases it
  FileTestLock, // F_GETLK, F_TEST: result 0, or the FileLockHeld* conflict
  // ---- end of file locks ----

  // ---- POSIX message queues (objects/message_queue.h) ----
  // object = the queue's key (messageQueueKey: its name); flags = Mq* bits.
  MqOpen,    // arg = mq_maxmsg | (messages already queued << 32) (MqExisted);
             // result 0, or -ENOENT / -EEXIST
  MqSend,    // arg = priority; result = the message's number, or -EAGAIN /
             // -ETIMEDOUT
  MqReceive, // result = the number of the message received (the highest
             // priority, oldest first), or -EAGAIN / -ETIMEDOUT
  MqClose,
  MqUnlink,  // result 0 or -ENOENT
  MqGetAttr, // result = messages queued
  // ---- end of message queues ----

  // kill(pid, sig) of a child with a signal whose default action ends it:
  // object = the child's ProcessId, arg = the signal. The child's threads
  // stop where they are and it becomes a zombie until waited for; result 0
  // (send the real signal), KillNoEffect (a zombie: nothing to send) or
  // -ESRCH (the child was already reaped).
  ProcessKill,
  // posix_spawn, popen, system: a child process that runs another program
  // at once, unscheduled, as after exec; result = its ProcessId. flags =
  // SpawnReaped for system(), which waits for its child itself;
  // SpawnKeepsPipes when the program inherits the caller's pipe ends.
  ProcessSpawn,

  // ---- Atomics (objects/atomic.h): C11 _Atomic, std::atomic, __atomic. ----
  // object = the address; arg = the instruction (the program counter of the
  // access, to tell one spin loop from another); flags = the access size in
  // bytes, plus AtomicChanged, which the accessing thread sets in its event
  // after the real operation when it changed the value; for AtomicRmw also
  // the update it makes (AtomicUpdate, fetch_add and the like) and
  // AtomicBlind when its result is discarded (objects/atomic.h).
  // reserved = the value read, folded to 32 bits (for the report). Result 0.
  AtomicLoad,  // a load, or a compare-exchange that may fail
  AtomicStore, // a store
  AtomicRmw,   // exchange, fetch_add and the like, compare-exchange
  // ---- end of atomics ----

  // ---- Futexes (objects/futex.h): syscall(SYS_futex, ...) as libstdc++'s
  // futures, latches, barriers, semaphores and atomic waits use it. ----
  // object = the futex word's address. A FUTEX_WAIT(_BITSET) is two steps:
  FutexWait,   // compares and queues: arg = bitset | (expected value << 32);
               // flags = FutexTimed, plus FutexValueChanged when the runtime
               // read another value just before it executed: result EAGAIN
  FutexResume, // waits until a wake chose it: result 0, ETIMEDOUT (timed)
               // or EINTR (a spurious wake-up); flags = FutexTimed
  FutexWake,   // FUTEX_WAKE(_BITSET): arg = bitset | (count << 32); result =
               // how many it woke
  // ---- end of futexes ----

  // ---- Cancellation (docs/objects.md, "Cancellation") ----
  ThreadCancel, // pthread_cancel: object = the target ThreadId; result 0,
                // ESRCH (no such thread) or CancelActed (the caller, with
                // asynchronous cancellation enabled, cancelled itself)
  CancelSet,    // pthread_setcancelstate (flags = CancelSetState) or
                // pthread_setcanceltype (CancelSetType): arg = the new value
                // (PTHREAD_CANCEL_ENABLE/DISABLE, _DEFERRED/_ASYNCHRONOUS);
                // result = the old value, or CancelActed
  CancelTest,   // pthread_testcancel: result 0 or CancelActed
  // ---- end of cancellation ----
  Count_
};

/// Operation::flags bits.
constexpr uint16_t CondTimed = 1; // a timed condition wait (may time out)
constexpr uint16_t WaitNoHang = 1; // waitpid(..., WNOHANG)
constexpr uint16_t SemOpened = 1;  // SemInit by sem_open: only the first sets
constexpr uint16_t WaitKeep = 2;   // waitid(..., WNOWAIT): leaves it a zombie
// With WaitKeep: vfork's parent, suspended until the child execs or exits
// (the wait leaves the child to the program's own wait).
constexpr uint16_t WaitVfork = 4;
constexpr uint16_t SpawnReaped = 1;     // system(): the call reaps the child
constexpr uint16_t SpawnKeepsPipes = 2; // the program inherits pipe ends
constexpr int32_t KillNoEffect = 1;     // ProcessKill of a zombie
// Yield: sleep, usleep, nanosleep, clock_nanosleep, thrd_sleep (a
// cancellation point), not sched_yield or thrd_yield.
constexpr uint16_t YieldSleep = 1;
// A plain-memory spin (runtime/tsan_interface.cpp): the thread read one
// location again and again with nothing in between; object = the location,
// arg = the value it read, reserved = its size in bytes. Not a cancellation
// point.
constexpr uint16_t YieldSpin = 2;
// CancelSet: which of the thread's two settings the call changes.
constexpr uint16_t CancelSetState = 1; // arg 0 enable, 1 disable
constexpr uint16_t CancelSetType = 2;  // arg 0 deferred, 1 asynchronous
// The result of any operation at which its thread acted on a cancellation
// request: the operation did not happen, the thread unwinds (cleanup
// handlers, destructors) and exits with PTHREAD_CANCELED.
constexpr int32_t CancelActed = INT32_MIN + 7;

// Operations on mutexes, rwlocks, conditions, semaphores and barriers
// (runtime/object_lifetime.cpp reads the object's memory before each):
// the memory holds no initialised object (garbage, or a semaphore that
// sem_init never saw): the operation fails with EINVAL, lock.uninitialized
// or sem.uninitialized.
constexpr uint16_t ObjectUninitialized = 0x4000;
// `reserved` holds the object's generation, read from its memory: a
// generation newer than the model's starts a new object at that address
// (the program initialised the memory again without a call: a static
// initializer on a reused stack slot). For a condition, whose memory has no
// room for one, reserved = ObjectFresh: its memory holds a fresh
// initializer.
constexpr uint16_t ObjectGeneration = 0x2000;
constexpr uint32_t ObjectFresh = UINT32_MAX;
// On a destroy operation (MutexDestroy, RwDestroy, CondDestroy, SemDestroy,
// BarrierDestroy): the program freed the memory the object lives in (free,
// delete, realloc that moved it). Its life ends whatever its state; what
// comes at that address next is a new object (objects/lifetime.h).
constexpr uint16_t ObjectFreed = 0x1000;

// OnceEnter: the once's word held 0 when the step executed (glibc's
// PTHREAD_ONCE_INIT; the runtime writes 1 when a routine starts and 2 when
// it is done, as glibc does). A once the model has as done is then a new
// object at a reused address (a std::promise's state freed and allocated
// again, a once_flag constructed anew): it starts over.
constexpr uint16_t OnceFresh = 1;
// OnceDone: the routine did not return: it threw an exception (or its thread
// was cancelled) out of pthread_once, which leaves the once not done, as
// glibc does; the next caller runs the routine.
constexpr uint16_t OnceAbandoned = 2;

// FutexWait and FutexResume.
constexpr uint16_t FutexTimed = 1;        // a timeout was given
constexpr uint16_t FutexValueChanged = 2; // the word no longer held the value
constexpr uint16_t FutexShared = 4;       // not FUTEX_PRIVATE_FLAG (for reports)

constexpr uint16_t AtomicSizeMask = 0x1f;   // AtomicLoad/Store/Rmw: bytes
constexpr uint16_t AtomicChanged = 0x8000;  // the operation changed the value
// An AtomicLoad made by a loop whose turns only load and compare: the
// predicate of libstdc++'s spin before a futex wait (std::__detail::
// __atomic_spin with its default policy, on the load's stack), or a loop of
// the program that the compile found to do nothing but loads of atomics
// and comparisons with constants (analyzer/SpinLoops.h; loads of at most 4
// bytes, whose value the event holds whole). tangle marks it from the
// executable's symbols and debug info. A turn that reads what the turn
// before read stands for nothing the first of them does not
// (docs/exploration.md, "libstdc++'s spin" and "The program's spin loops").
constexpr uint16_t AtomicSpinTurn = 0x1000;
// Any operation but an atomic (whose AtomicChanged has this bit), in a
// program whose memory accesses the runtime sees: since its previous
// operation the thread changed no plain memory (its instrumented writes
// left the values they found; no free, no unmap), and read the same
// locations and values as before its last operation of this kind on this
// object at this call site (runtime/tsan_interface.cpp, WriteWatch and
// ReadWatch). Only turns of such steps can be polls without a sleep
// (objects/thread.h, PollTurn).
constexpr uint16_t SameMemory = 0x8000;

/// The update an AtomicRmw makes, in Operation::flags (AtomicUpdateMask):
/// updates of one kind commute (x + a + b = x + b + a), so two *blind* ones
/// (AtomicBlind: nobody reads their result) may run in either order.
/// Subtraction is addition. Exchange, compare-exchange and nand are None.
enum class AtomicUpdate : uint8_t { None, Add, Or, And, Xor };
constexpr int AtomicUpdateShift = 8;
constexpr uint16_t AtomicUpdateMask = 0x0700;
constexpr uint16_t AtomicBlind = 0x0800; // the program discards the result

inline AtomicUpdate atomicUpdateOf(uint16_t flags) {
  return static_cast<AtomicUpdate>((flags & AtomicUpdateMask) >>
                                   AtomicUpdateShift);
}
inline uint16_t atomicUpdateFlags(AtomicUpdate update) {
  return uint16_t(uint16_t(update) << AtomicUpdateShift);
}

/// Processes of the explored program; 0 is the first. A private object's
/// address means a different object in each process, so the runtime tags
/// the addresses a process other than the first uses in its private memory
/// with its number (bits 47-55; user addresses are below 2^47); memory
/// shared between processes is untagged. Pipes add a sequence number (bits
/// 56-62) to their array's address. The tag holds MaxProcesses numbers, so
/// a number is reused once its process has been reaped (objects/ids.h).
using ProcessId = uint32_t;
constexpr ProcessId NoProcess = UINT32_MAX;
constexpr uint64_t AnyProcess = UINT64_MAX;
constexpr int ProcessTagShift = 47;
constexpr int PipeTagShift = 56;
constexpr ProcessId MaxProcesses = ProcessId(1)
                                   << (PipeTagShift - ProcessTagShift);
constexpr uint64_t AddressMask = (uint64_t(1) << ProcessTagShift) - 1;
/// (Bit 63 marks files, model/file_identity.h; a process object has bits
/// 56-62 set and its number below: no address or pipe looks like that.)
constexpr uint64_t ProcessObjectBits = uint64_t(0x7f) << PipeTagShift;

/// `addr` as process p's object (p's private memory).
inline ObjectAddr tagObject(uint64_t addr, ProcessId p) {
  return addr | (uint64_t(p & (MaxProcesses - 1)) << ProcessTagShift);
}
/// The address an object key names, for symbolisation.
inline uint64_t objectAddress(ObjectAddr key) { return key & AddressMask; }
/// The process whose private memory holds the object (0 for shared memory
/// and for the first process).
inline ProcessId objectProcess(ObjectAddr key) {
  return ProcessId((key >> ProcessTagShift) & (MaxProcesses - 1));
}
/// Process p as an object (forks and waits by its threads touch it).
inline ObjectAddr processObject(ProcessId p) { return ProcessObjectBits | p; }
/// The ends of process p's children, as an object: their exits release it,
/// p's waits change it (a fork does not care which children have ended).
inline ObjectAddr childrenObject(ProcessId p) {
  return ProcessObjectBits | (uint64_t(1) << 40) | p;
}
/// Thread t's cancellation, as an object: a cancel request changes it, and
/// each operation at which t would act on a request reads it.
inline ObjectAddr cancelObject(ThreadId t) {
  return ProcessObjectBits | (uint64_t(2) << 40) | t;
}
// File lock operations.
constexpr uint16_t FileLockShared = 1;    // LOCK_SH, F_RDLCK
constexpr uint16_t FileLockByProcess = 2; // owner = the process (fcntl, lockf)
constexpr uint16_t FileLockOnClose = 4;   // an unlock done by close()
constexpr uint16_t FileLockLockf = 8;     // lockf (for the verb only)
// The owner (an open file description) may be used by more than one thread:
// the locker did not open it itself (dup'd, inherited, shared by a global).
constexpr uint16_t FileLockSharedOwner = 16;
// FileTestLock results: what conflicting lock another owner holds.
constexpr int32_t FileLockHeldShared = 1;
constexpr int32_t FileLockHeldExclusive = 2;

// Message queue operations. MqOpen: what the call asked for and found;
// every operation on a descriptor: how it was opened (for the per-process
// counts of who may still send and receive).
constexpr uint16_t MqCreate = 1;      // O_CREAT
constexpr uint16_t MqExclusive = 2;   // O_EXCL
constexpr uint16_t MqExisted = 4;     // the queue existed before the run
constexpr uint16_t MqForSend = 8;     // the descriptor is O_WRONLY or O_RDWR
constexpr uint16_t MqForReceive = 16; // O_RDONLY or O_RDWR
constexpr uint16_t MqNonBlock = 32;   // O_NONBLOCK: EAGAIN instead of waiting
constexpr uint16_t MqTimed = 64;      // mq_timedsend/receive: may time out

/// Whether op.object is the address of a synchronisation object.
bool hasObjectAddress(OpKind kind);

const char *opKindName(OpKind kind);

enum class MutexType : uint8_t { Normal, Recursive, ErrorCheck, Default };

const char *mutexTypeName(MutexType type);

struct Operation {
  OpKind kind = OpKind::ThreadStart;
  uint16_t flags = 0;
  uint32_t reserved = 0;
  uint64_t object = 0;
  uint64_t arg = 0;
};

/// Return addresses of a call stack, innermost first; unused entries are 0.
/// framePointers[i] is the frame base of frames[i]'s function (0 if unknown),
/// which names stack objects from debug info.
constexpr int MaxFrames = 8;
struct Stack {
  uint64_t frames[MaxFrames] = {};
  uint64_t framePointers[MaxFrames] = {};
  bool empty() const { return frames[0] == 0; }
};

/// One executed operation.
struct Event {
  ThreadId thread = NoThread;
  int32_t result = 0; // what the call returned (an errno value, or a ThreadId)
  Operation op;
  Stack stack;
};

/// The operation a live thread waits to perform when an execution ends.
struct PendingOp {
  ThreadId thread = NoThread;
  uint32_t reserved = 0;
  Operation op;
  Stack stack;
};

static_assert(std::is_trivially_copyable_v<Event>);
// The trace format (docs/trace-format.md) stores these records as they are.
static_assert(sizeof(Operation) == 24 && sizeof(Stack) == 128 &&
              sizeof(Event) == 160 && sizeof(PendingOp) == 160);
static_assert(std::is_trivially_copyable_v<PendingOp>);

} // namespace tangle
