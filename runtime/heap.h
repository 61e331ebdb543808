// Heap blocks, for naming the objects in them: the runtime wraps malloc,
// calloc and realloc (runtime/heap.cpp) and records each block a controlled
// thread allocates, with the allocating stack, in the access log
// (AccessAllocation; runtime/tsan_interface.cpp). Reports then call a racy
// heap field `acct->balance (heap, allocated at bank.c:38 in main)`. Frees
// (free, delete) are logged as writes to the whole block (AccessFree).
#pragma once

#include "model/event.h"

#include <cstddef>
#include <cstdint>

namespace tangle::rt {

/// Records that `block` (`size` bytes) was allocated by a call returning to
/// `pc`, in the function whose frame base `fp` points to (the caller's
/// frame pointer is at *fp). Does nothing outside a controlled thread.
void logAllocation(void *block, size_t size, void *pc, void *fp);

/// Records that `block` (`size` usable bytes) is freed by a call returning
/// to `pc` (free, delete, a realloc that moved it): a write to the whole
/// block for the race check. Does nothing outside a controlled thread, nor
/// for the runtime's own frees.
void logFree(void *block, size_t size, void *pc, void *fp);

/// Whether what the calling controlled thread did with plain memory since
/// its last visible operation may be news before `op`, its next one: it
/// changed memory (instrumented writes that left other values than they
/// found, a free, an unmap), or its reads (locations, sizes, values) differ
/// from those before its last operation of op's kind on op's object called
/// from `site`. Starts the next stretch. The controller marks op when not
/// (SameMemory, model/event.h).
bool takeNewMemory(const Operation &op, uint64_t site, ThreadId self);

/// An unmap by the program: what the thread wrote may be gone, so its
/// stretch counts as a change (takeNewMemory must not read it).
void noteMemoryUnmapped();

} // namespace tangle::rt
