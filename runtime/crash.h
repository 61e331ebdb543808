// Crashes and failed assertions of an execution: what died, in which thread,
// where. Recorded in the shared region; the fork server sees the signal.
#pragma once

#include "model/event.h"

namespace tangle::rt {

/// In the fork server: room for an alternate signal stack per thread.
void reserveAltStacks(uint32_t threads);
/// Handlers for SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT, on an
/// alternate stack so that a stack overflow is reported too.
void installCrashHandlers();
/// Gives the calling thread (thread t of the execution) its alternate
/// signal stack.
void installAltStack(ThreadId t);
/// The mapping of every alternate stack ([begin, end); empty without).
void altStackRange(uintptr_t &begin, uintptr_t &end);

/// __assert_fail or abort() is about to kill the process. `message` may be
/// null (abort).
void recordAssertion(const char *message, const Stack &stack);

} // namespace tangle::rt

/// tangle/sync.h's report of API misuse: records it as a failed assertion
/// whose finding has the sync.* `id`, then aborts.
extern "C" [[noreturn]] void tangle_misuse(const char *id, const char *message);
