// Threads of an execution: creation through a parking trampoline, exit
// through a thread-specific-data destructor (it runs after the user's
// destructors, whether the thread returned or called pthread_exit), join and
// detach decided by the Machine.
#pragma once

#include "model/event.h"

#include <pthread.h>

namespace tangle::rt {

int createThread(pthread_t *thread, const pthread_attr_t *attr,
                 void *(*start)(void *), void *arg, const Stack &stack);
int joinThread(pthread_t thread, void **result, const Stack &stack);
int detachThread(pthread_t thread, const Stack &stack);
/// pthread_cancel of a thread created under control: ThreadCancel. The
/// target acts on it at a cancellation point (controller.cpp, visible()).
int cancelThread(pthread_t thread, const Stack &stack);
/// pthread_setcancelstate / pthread_setcanceltype: CancelSet; `old` gets
/// the previous value.
int setCancel(uint16_t which, int value, int *old, const Stack &stack);

/// Creates the key whose destructor posts ThreadExit; in the fork server,
/// before any execution.
void initThreadExit();
/// From now on, the calling thread's end posts its ThreadExit; `false`
/// disarms it (main returning: the process exits instead).
void armThreadExit(bool armed);

/// A reuse worker's pooled thread runs thread `self` of the execution (its
/// record filled in by createThread): waits for its turn, runs the start
/// routine, keeps what it returned for the join, posts its exit.
void runPooledThread(ThreadId self);

/// pthread_exit (or thrd_exit, or acting on a cancellation) in a reuse
/// worker's pooled thread: the thread ends with `result`. When the
/// unwinding would run nothing of the program's, it goes straight back to
/// runPooledThread, as if its start routine returned; otherwise glibc's
/// unwinding runs and ends the OS thread, and the worker ends with the
/// execution (taintWorker).
[[noreturn]] void exitPooledThread(void *result);

/// pthread_key_create, tss_create (`destructor` may be null) and their
/// deletes (null): the destructors a pooled thread's end runs.
void noteKeyDestructor(pthread_key_t key, void (*destructor)(void *));

/// A thread_local destructor registered by a pooled thread: it runs as
/// the thread ends. False when there is no room (then glibc's).
bool addThreadAtExit(void (*destructor)(void *), void *object);

/// pthread_cleanup_push (true) and pop (false), the C form.
void noteCleanupBuffer(bool pushed);

/// Where the calling thread's table of thread_local destructors is, in its
/// thread-local block: `capacity` entries of `entrySize` bytes, of which
/// the uint32_t at `count` are in use (fibers copy only those).
void threadAtExitTable(uintptr_t &table, size_t &entrySize, size_t &capacity,
                       uintptr_t &count);

/// Posts the calling thread's ProcessExit (exit, _exit, return from main).
void exitProcess(int status, const Stack &stack);

} // namespace tangle::rt
