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

/// Posts the calling thread's ProcessExit (exit, _exit, return from main).
void exitProcess(int status, const Stack &stack);

} // namespace tangle::rt
