// Thread stacks reserved once, in the fork server: an execution's threads
// get theirs from this pool instead of from glibc, which would map a fresh
// stack for each thread of each execution (the fork server never ran a
// thread, so its children inherit no cache), protect its guard page, and
// advise the kernel to drop the stack again as the thread exits. On this
// kind of virtual machine each of those page-table changes costs tens of
// microseconds. A stack from the pool costs one madvise, which populates
// its top; its guard page is protected by the fork server once an
// execution has used the slot (the first executions to use a slot protect
// it themselves).
#pragma once

#include <cstddef>
#include <cstdint>
#include <pthread.h>

namespace tangle::rt {

/// In the fork server, once: reserves `slots` stacks of the default size
/// (address space only, MAP_NORESERVE). Without it, or when the mapping
/// fails, every thread gets its stack from glibc as before.
void reservePooledStacks(uint32_t slots);

/// For pthread_create with `attr` (null: the defaults): when the attributes
/// are the defaults but for the detach state, fills `pooled` with the same
/// attributes and a stack from the pool, and returns the slot (release it
/// with releasePooledStack once the thread has ended for real); else -1,
/// and the thread gets its stack from glibc.
int takePooledStack(const pthread_attr_t *attr, pthread_attr_t &pooled);

/// Whether `attr` (null: the defaults) asks for nothing but what glibc does
/// by default, whatever its detach state (then set in `detachState`): any
/// other setting (a stack size, a stack of the program's own, a scheduling
/// policy, an affinity) keeps glibc's path.
bool defaultsButDetach(const pthread_attr_t *attr, int &detachState);

/// glibc's default stack size and guard for a new thread.
bool defaultStack(size_t &stackSize, size_t &guardSize);

/// Whether a reuse worker's pooled thread (whose stack is of the default
/// size) can run a thread created with `attr`: attributes that differ from
/// the defaults only in the detach state (then set in `detachState`), the
/// guard's size, and a stack size no larger than the default.
bool aPooledThreadTakes(const pthread_attr_t *attr, int &detachState);

/// The thread on stack `slot` has ended for real (its join returned).
void releasePooledStack(int slot);

/// The slots above the highest one in use, as one range of addresses
/// (empty if none): a reuse worker, whose pooled threads took their stacks
/// once and never take another, leaves them out of its snapshot (a rewind
/// would scan their page tables for nothing).
void unusedPooledStacks(uintptr_t &begin, uintptr_t &end);

/// In the fork server, between executions: protects the guard pages of
/// the slots that executions used so far, so that the next executions
/// inherit them protected.
void guardUsedStacks();

} // namespace tangle::rt
