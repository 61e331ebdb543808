// What the memory of a pthread object says about its lifetime. In
// controlled mode objects are modelled, so glibc never writes them: their
// memory holds what the program wrote (an initializer, pthread_*_init's
// result, garbage) plus a mark the runtime leaves in bytes glibc does not
// use. Read before each operation, it tells a semaphore or mutex that was
// never initialised (sem.uninitialized, lock.uninitialized), and memory
// initialised again without a call — a static initializer on a reused stack
// slot — which is a new object, not the old one still locked or destroyed.
#pragma once

#include "model/event.h"

#include <cstddef>
#include <cstdint>

namespace tangle::rt {

enum class ObjectKind : uint8_t {
  Mutex,
  RwLock,
  Condition,
  Semaphore,
  Barrier
};

/// Before a controlled operation on the object at `addr` that is not its
/// init: adds to `op` the generation its memory names (ObjectGeneration;
/// a fresh initializer gets a new one, written at once), or
/// ObjectUninitialized when the memory holds no initialised object.
void checkLifetime(ObjectKind kind, void *addr, Operation &op);

/// A controlled operation `op` on the object at `addr`, with its lifetime
/// checked first (checkLifetime) and the object marked after a successful
/// init or destroy. Returns the operation's result.
int32_t lifetimeStep(ObjectKind kind, void *addr, Operation op,
                     const Stack &stack);

/// The object at `addr` was initialised by a call before main: mark it
/// (generation 0).
void markInitialized(ObjectKind kind, void *addr);

/// The object at `addr` was destroyed: leave what glibc's destroy would
/// (a mutex's kind -1) and the runtime's "destroyed" mark.
void markDestroyed(ObjectKind kind, void *addr);

/// The program frees the block [block, block + size) (free, delete, a
/// realloc that moves it), in the function whose frame base is `fp`: every object the model knows alive
/// in it ends there, one visible destroy step marked ObjectFreed each, and
/// its memory is marked destroyed -- a later use without an init is a use
/// of a destroyed object, and an init a new object.
void endObjectsIn(void *block, size_t size, uintptr_t fp);

} // namespace tangle::rt
