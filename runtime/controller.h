// Controlled mode: exactly one thread of an execution runs at a time. A
// thread that reaches a visible operation posts it and runs the scheduling
// step itself; the CPU passes between threads through futexes on their slots.
#pragma once

#include "model/event.h"
#include "model/explore/program.h"

#include <cstdarg>

namespace tangle::rt {

/// Maps the memory that the processes of an execution share (the Machine,
/// the Scheduler); once, in the fork server. False when mmap failed.
bool reserveSharedExecution();

/// Builds the execution's Machine and Scheduler from the request in the
/// shared region; the calling thread becomes thread 0.
void startExecution();

/// In a new execution's process, before anything else reads the shared
/// memory: maps the parts of it the execution will use (one system call
/// each instead of a page fault per page).
void populateExecutionMemory();
/// The most threads an execution so far had at once (its slots), main
/// included; 0 before the first execution ended.
uint32_t threadsUsedSoFar();
/// An execution had `threads` at once (a worker that refuses it says so).
void noteThreadsUsed(uint32_t threads);

/// The OS pid of the execution's process p (filled in as processes fork).
int32_t &processPid(ProcessId p);

/// Where the execution first mapped bytes [offset, offset + length) of the
/// file (device, inode): the address the mapping at `begin` stands for in
/// object keys. The first mapping of a file registers itself.
uintptr_t canonicalMapping(uint64_t device, uint64_t inode, uint64_t offset,
                           uintptr_t begin, size_t length);

/// A fresh pipe number for this execution (see objects/pipe.h).
uint32_t nextPipeSequence();

/// The execution created the message queue `name`: the fork server
/// removes it when the execution ends, so that every execution starts from
/// the same queues (removeExecutionQueues).
void noteCreatedQueue(const char *name);
/// In the fork server, after an execution: unlinks the queues it created.
void removeExecutionQueues();

/// The model killed process `pid` (ProcessKill): the fork server must not
/// take its death by a signal for a crash nobody recorded.
void noteKilledPid(int32_t pid);
/// In the fork server: whether the execution's model killed `pid`.
bool killedByModel(int32_t pid);

/// The calling thread's process has exited in the model: give the CPU to a
/// thread of another process, if any is left, before exiting for real.
void handOver();

/// Posts the calling thread's operation, lets the scheduler run threads
/// until this operation has executed, and returns its result.
int32_t visible(const Operation &op, const Stack &stack);

/// The calling thread's ThreadExit executed: hand the CPU to the next
/// thread and return without waiting (the thread is leaving).
void leave();

/// Makes `t` known to the scheduler with its first operation, ThreadStart.
void postThreadStart(ThreadId t, const Stack &creationSite,
                     uint64_t argument = 0);

/// The operation thread t executed last, if it was the last step of the
/// execution: its event, or (past the step limit, unrecorded) its posted
/// operation. For an atomic to say, after the real operation, whether it
/// changed the value.
Operation *lastOperation(ThreadId t);

/// Sleeps until the scheduler hands the CPU to the calling thread.
void waitTurn(ThreadId me);

/// Writes the pending operation of every live thread (but `except`) into
/// the shared region. Async-signal-safe: the crash handler calls it too.
void recordPending(ThreadId except = NoThread);

/// Ends the execution now: records why and the pending operation of every
/// live thread, then _exits (parked threads die with the process).
[[noreturn]] void finish(EndReason reason, const char *format = nullptr, ...)
    __attribute__((format(printf, 2, 3)));

/// Ends the execution as EndReason::LimitReached: `key` names the limit
/// ("thread-limit", ...) and the message says it in a sentence. Never a
/// finding: the exploration becomes incomplete.
[[noreturn]] void finishAtLimit(const char *key, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/// Notes that a limit refused something the program asked for where the
/// execution cannot be ended (a process tangle does not schedule): the
/// execution then ends as LimitReached whatever its own end
/// (cli/live_program.cpp). The first limit noted is kept.
void noteLimit(const char *key, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/// A create or fork got a thread number past the slots of the shared region
/// ("thread-limit"); numbers are reused (model/objects/ids.h), so this many
/// threads were alive, or exited and not joined, at once.
[[noreturn]] void finishAtThreadLimit();

/// A fork or spawn found no free process number ("process-limit").
[[noreturn]] void finishAtProcessLimit();

/// The calling thread made a call tangle does not model (a raw clone, a
/// blocking call with no visible operation): ends the execution as
/// EndReason::LimitReached "unmodelled-call", never a finding and never a
/// proof. The message names the thread ("thread 2 called clone: ..."); the
/// report puts it at `stack`.
[[noreturn]] void unmodelledCall(const Stack &stack, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

} // namespace tangle::rt
