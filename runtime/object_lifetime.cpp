// See object_lifetime.h. The mark, by kind (x86-64 glibc):
//   mutex (40 bytes): __list.__prev (offset 24), used by robust and PI
//     mutexes only when glibc really takes them (those are not marked);
//     a destroyed one also gets glibc's own invalid __kind, -1;
//   rwlock (56 bytes): __pad2 (offset 40);
//   semaphore (32 bytes): bytes 16-23, past glibc's 16-byte new_sem;
//   barrier (32 bytes): bytes 24-31, past glibc's 20-byte barrier;
//   condition (48 bytes): no spare bytes; only "destroyed" is left, in
//     __g1_orig_size (offset 32), which only a live waiting cond uses.
// A mark is the address scrambled (high half), the object's generation and
// a "destroyed" bit (low half). A fork's copy keeps it: the child's object
// is the parent's, initialised. A static initializer (or any store of a
// fresh object) wipes it: a new generation starts. Each operation carries
// the generation it read, and the Machine drops the old object's state
// when the first operation of a newer one executes — whichever thread's it
// is, since two threads may both see the fresh memory first.
#include "runtime/object_lifetime.h"

#include "model/machine.h"
#include "model/objects/lifetime.h"
#include "runtime/controller.h"
#include "runtime/runtime_state.h"
#include "runtime/shared_memory.h"
#include "runtime/stack.h"

#include <cstring>

namespace tangle::rt {

namespace {

constexpr uint64_t MarkSalt = 0x7a6e676c6f626a31; // "tnglobj1"
constexpr uint64_t HighHalf = ~uint64_t(0xffffffff);
constexpr uint64_t DestroyedBit = 1;
constexpr uint32_t ConditionDestroyed = 0x7a11dead;

/// The 8-byte slot of the mark, or nullptr for kinds without one.
uint64_t *markSlot(ObjectKind kind, void *addr) {
  auto *bytes = static_cast<char *>(addr);
  switch (kind) {
  case ObjectKind::Mutex:
    return reinterpret_cast<uint64_t *>(bytes + 24);
  case ObjectKind::RwLock:
    return reinterpret_cast<uint64_t *>(bytes + 40);
  case ObjectKind::Semaphore:
    return reinterpret_cast<uint64_t *>(bytes + 16);
  case ObjectKind::Barrier:
    return reinterpret_cast<uint64_t *>(bytes + 24);
  case ObjectKind::Condition:
    return nullptr;
  }
  return nullptr;
}

struct Mark {
  bool present = false;
  uint32_t generation = 0;
  bool destroyed = false;
};

Mark readMark(ObjectKind kind, void *addr) {
  Mark mark;
  const uint64_t *slot = markSlot(kind, addr);
  uint64_t own = (reinterpret_cast<uintptr_t>(addr) ^ MarkSalt) & HighHalf;
  if (!slot || (*slot & HighHalf) != own)
    return mark;
  mark.present = true;
  mark.generation = uint32_t(*slot) >> 1;
  mark.destroyed = *slot & DestroyedBit;
  return mark;
}

void writeMark(ObjectKind kind, void *addr, uint32_t generation,
               bool destroyed) {
  if (uint64_t *slot = markSlot(kind, addr))
    *slot = ((reinterpret_cast<uintptr_t>(addr) ^ MarkSalt) & HighHalf) |
            (uint64_t(generation) << 1) | (destroyed ? DestroyedBit : 0);
}

bool allZero(const void *addr, size_t from, size_t to) {
  const auto *bytes = static_cast<const unsigned char *>(addr);
  for (size_t i = from; i < to; ++i)
    if (bytes[i])
      return false;
  return true;
}

int32_t readInt(const void *addr, size_t offset) {
  int32_t value;
  memcpy(&value, static_cast<const char *>(addr) + offset, sizeof(value));
  return value;
}

/// The memory is what a static initializer leaves (PTHREAD_MUTEX_INITIALIZER
/// and its recursive / errorcheck / adaptive forms, PTHREAD_RWLOCK_
/// INITIALIZER and its writer-preferring form, PTHREAD_COND_INITIALIZER).
/// Semaphores and barriers have none.
bool initializerPattern(ObjectKind kind, const void *addr) {
  switch (kind) {
  case ObjectKind::Mutex: // __kind at 16
    return allZero(addr, 0, 16) && uint32_t(readInt(addr, 16)) <= 3 &&
           allZero(addr, 20, 40);
  case ObjectKind::RwLock: // __flags at 48
    return allZero(addr, 0, 48) && uint32_t(readInt(addr, 48)) <= 2 &&
           allZero(addr, 52, 56);
  case ObjectKind::Condition:
    return allZero(addr, 0, 48);
  default:
    return false;
  }
}

/// A robust or priority-inheritance mutex: glibc links it into the thread's
/// robust list through __list when it really takes it (before main, after
/// the execution), so the mark cannot live there. Not checked.
bool unmarkable(ObjectKind kind, const void *addr) {
  constexpr int32_t RobustOrPi = 16 | 32; // PTHREAD_MUTEX_ROBUST_NORMAL_NP,
                                          // PTHREAD_MUTEX_PRIO_INHERIT_NP
  int32_t mutexKind = readInt(addr, 16);
  return kind == ObjectKind::Mutex && mutexKind != -1 &&
         (mutexKind & RobustOrPi);
}

/// A generation newer than any the model or the memory knows for addr.
uint32_t nextGeneration(void *addr) {
  ObjectAddr key = objectKey(reinterpret_cast<uintptr_t>(addr));
  return g_runtime.machine->generation(key) + 1;
}

} // namespace

void checkLifetime(ObjectKind kind, void *addr, Operation &op) {
  if (unmarkable(kind, addr))
    return;
  if (kind == ObjectKind::Condition) {
    // No generation: a fresh initializer where the model may know a
    // destroyed one starts a new one.
    if (initializerPattern(kind, addr)) {
      op.flags |= ObjectGeneration;
      op.reserved = ObjectFresh;
    }
    return;
  }
  Mark mark = readMark(kind, addr);
  if (!mark.present && initializerPattern(kind, addr)) {
    // A new object, initialised without a call: it gets a generation of its
    // own at once, so that every thread sees the same one.
    mark.generation = nextGeneration(addr);
    mark.present = true;
    writeMark(kind, addr, mark.generation, false);
  }
  if (!mark.present) {
    // A semaphore or barrier never initialised, a mutex holding garbage. (An
    // rwlock used for real before main may hold glibc's state.)
    if (kind != ObjectKind::RwLock)
      op.flags |= ObjectUninitialized;
    return;
  }
  op.flags |= ObjectGeneration;
  op.reserved = mark.generation;
}

int32_t lifetimeStep(ObjectKind kind, void *addr, Operation op,
                     const Stack &stack) {
  bool init = isInitOp(op.kind), destroy = isDestroyOp(op.kind);
  uint64_t *slot = markSlot(kind, addr);
  uint64_t before = slot ? *slot : 0;
  bool marks = init && slot && !unmarkable(kind, addr);
  if (marks) {
    // The call's object is a new one (the model reports a mutex initialised
    // while in use: lock.reinit).
    uint32_t generation = nextGeneration(addr);
    writeMark(kind, addr, generation, false);
    op.flags |= ObjectGeneration;
    op.reserved = generation;
  } else if (!init) {
    checkLifetime(kind, addr, op);
  }
  int32_t result = visible(op, stack);
  if (marks && result != 0)
    *slot = before; // a failed init (a barrier of 0) initialised nothing
  if (result == 0 && destroy)
    markDestroyed(kind, addr);
  return result;
}

void markInitialized(ObjectKind kind, void *addr) {
  if (!unmarkable(kind, addr) && kind != ObjectKind::Condition)
    writeMark(kind, addr, 0, false);
}

void endObjectsIn(void *block, size_t size, uintptr_t fp) {
  Stack stack; // walked once there is an object to end
  const uintptr_t begin = reinterpret_cast<uintptr_t>(block);
  const ObjectAddr first = objectKey(begin);
  // Each step changes the tables: find one object, end it, look again.
  for (;;) {
    OpKind destroy = OpKind::Count_;
    ObjectAddr key = 0;
    g_runtime.machine->forEachLiveObjectIn(
        first, first + size, [&](OpKind kind, ObjectAddr addr) {
          if (destroy == OpKind::Count_) {
            destroy = kind;
            key = addr;
          }
        });
    if (destroy == OpKind::Count_)
      return;
    void *object = reinterpret_cast<void *>(begin + (key - first));
    Operation op;
    op.kind = destroy;
    op.flags = ObjectFreed;
    op.object = reinterpret_cast<uintptr_t>(object);
    if (stack.empty())
      walkFrames(stack, fp);
    visible(op, stack);
    switch (destroy) {
    case OpKind::MutexDestroy:
      markDestroyed(ObjectKind::Mutex, object);
      break;
    case OpKind::RwDestroy:
      markDestroyed(ObjectKind::RwLock, object);
      break;
    case OpKind::CondDestroy:
      markDestroyed(ObjectKind::Condition, object);
      break;
    case OpKind::SemDestroy:
      markDestroyed(ObjectKind::Semaphore, object);
      break;
    default:
      markDestroyed(ObjectKind::Barrier, object);
      break;
    }
  }
}

void markDestroyed(ObjectKind kind, void *addr) {
  auto *bytes = static_cast<char *>(addr);
  if (kind == ObjectKind::Condition) {
    memcpy(bytes + 32, &ConditionDestroyed, sizeof(ConditionDestroyed));
    return;
  }
  Mark mark = readMark(kind, addr);
  writeMark(kind, addr, mark.generation, true);
  if (kind == ObjectKind::Mutex) {
    int32_t invalid = -1; // what glibc's destroy leaves
    memcpy(bytes + 16, &invalid, sizeof(invalid));
  }
}

} // namespace tangle::rt
