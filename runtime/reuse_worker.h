// The reuse worker (--reuse-process): one process runs execution after
// execution. Its main thread takes a snapshot of the process's memory once
// (runtime/snapshot.h), runs an execution, and rewinds memory to the
// snapshot for the next one; the program's threads are a pool of OS threads
// created before the snapshot, each parked on a stack of the runtime's own
// between the threads it runs. What a fresh process per execution costs on
// a virtual machine (fork, exit, wait, a page fault per page written:
// docs/bench.md, "The floor of a process per execution") is paid once per
// worker instead.
//
// An execution that changes what a rewind cannot put back (a descriptor, a
// child process, a shared mapping) runs to its end and ends its worker; the
// next request gets a new one, set up the same way. One that does what a
// pooled thread cannot (pthread_exit, a thread-specific destructor, a
// thread with attributes of its own) is refused: the worker says why and
// exits, and the fork server runs that request again in a fresh process, as
// without the option, and so every request after it (docs/runtime.md, "The
// reuse worker").
#pragma once

#include "model/event.h"

#include <pthread.h>

namespace tangle::rt {

/// True in a reuse worker (its main thread and its pooled threads).
bool inWorker();

/// In a reuse worker, how many entries of the access log its executions
/// populated so far (kept across its rewinds); null elsewhere.
uint64_t *workerLogPopulated();

/// In the fork server, for the request it is about to fork a process for:
/// whether executions run in workers (asked for, and not refused for good).
bool workerWanted();

/// In the fork server's child for a request, when workerWanted() said so:
/// sets the process up, creates the thread pool, takes the snapshot and
/// serves this request and every later one. Never returns.
[[noreturn]] void runWorker(int argc, char **argv, char **envp);

/// The fork server, after its worker process ended: false if the worker
/// refused the request it was serving (the server then runs it in a fresh
/// process, and every later one).
bool workerServedRequest();

/// A call the worker cannot rewind, about to be made by the program:
/// refuses the request (the worker exits; the fork server runs it again in
/// a fresh process). `why` names the call. Does nothing outside a worker.
void refuseInWorker(const char *why);

/// The same for a call by a thread of the execution (the runtime's own calls
/// between executions are not the program's).
void refuseControlledInWorker(const char *why);

/// Whether the worker can run `kind` and rewind what it changed.
bool workerCanRun(OpKind kind);

/// A call of a thread of the execution is about to change what a rewind
/// cannot undo (`why` names it): the worker lets it, runs the execution to
/// its end and then ends, as an execution's process would; the fork server
/// starts a new worker, set up the same way, for the next request. (Unlike
/// a refusal, the execution is not run again: the objects of every
/// execution keep their addresses, which a process of another set-up would
/// not give them.) In the run's first request, a change that a process of
/// its own would make too (`inProcessToo`) declines workers instead: the
/// worker ends at once, and every request runs in a process of its own.
void taintWorker(const char *why, bool inProcessToo = true);

/// In a process forked by a worker's execution: it is no worker.
void forgetWorker();

/// The calling thread is one of a worker's pooled threads.
bool inPooledThread();

/// pthread_create in a worker: a pooled thread runs `id`'s start routine
/// (the record in g_runtime.threads is filled in). Returns its handle.
pthread_t startPooledThread(ThreadId id);

/// The execution has ended (finish(), or the program's exit once its
/// atexit handlers ran): every pooled thread goes back to its park stack
/// and the main thread rewinds memory for the next request. `waitStatus`
/// is what waitpid would have said of a process ending so. Returns only
/// when the execution tainted the worker: the caller then ends the process.
void endExecutionInWorker(int waitStatus);

/// In the runtime's constructor, before the program's constructors: the
/// atexit handler that runs last ends a worker's execution.
void registerWorkerExitHandler();

/// The status the program's exit gave (exit, _exit, return from main), for
/// endExecutionInWorker.
void noteExitStatus(int status);

/// This process runs its execution's threads as fibers (runtime/fibers.h):
/// a worker's, with the run's leave.
bool inFibers();

/// waitTurn's way with fibers: switches to the fiber that has the turn
/// (the calling fiber gets it back when a later switch comes to it).
void fiberWaitTurn();

/// pthread_self of the fiber on the CPU, if it is not main: its pooled
/// thread's handle (every fiber runs on main's OS thread).
bool fiberHandle(pthread_t &handle);

/// The process and OS thread ids of the calling thread, without a system
/// call, in a worker's pooled thread or fiber (false elsewhere).
bool workerThreadIds(int32_t &pid, int32_t &tid);

/// Whether a grant of the turn to thread t must wake it (a futex): false
/// for a fiber of this process, which the granting fiber switches to.
bool wakeOnGrant(ThreadId t);

/// A thread of the execution does what a fiber cannot (`why` names it):
/// with fibers, the worker refuses the request and the fork server runs it
/// again in a worker without them, and every later one. Does nothing
/// otherwise.
void refuseFibers(const char *why);

/// The same for what only a thread other than main cannot do as a fiber
/// (thread-specific data: main's own is main's descriptor's).
void refuseFibersBesideMain(const char *why);

} // namespace tangle::rt
