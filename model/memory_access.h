// A memory access seen through the ThreadSanitizer instrumentation ABI: the
// runtime appends one per instrumented load, store or atomic operation of a
// controlled thread; the race detector (model/detect/races.h) reads them.
#pragma once

#include "model/event.h"

#include <cstdint>
#include <type_traits>

namespace tangle {

enum AccessFlags : uint16_t {
  AccessWrite = 1 << 0,
  AccessAtomic = 1 << 1,
  // For atomics: what the operation synchronises (C++ memory orders folded
  // into two bits; consume counts as acquire).
  AccessAcquire = 1 << 2,
  AccessRelease = 1 << 3,
  AccessRead = 1 << 4, // an atomic read-modify-write both reads and writes
  // A file operation (runtime/intercept_file.cpp): address is the file key
  // (file_identity.h), size the FileOp. With AccessAtomic: a write with
  // O_APPEND, which never loses another append (docs/races.md).
  AccessFile = 1 << 5,
  // Not an access: the path of the file key `address`, `size` bytes long, in
  // the `reserved` log entries that follow (decoded by cli/live_program.cpp
  // into Execution::files).
  AccessFileName = 1 << 6,
  // Not an access: a heap block of `reserved` bytes at `address` was
  // allocated here (malloc, calloc, realloc, operator new), for naming the
  // objects in it (decoded by cli/live_program.cpp into
  // Execution::allocations).
  AccessAllocation = 1 << 7,
  // An atomic read-modify-write: the update it makes and whether it is
  // blind, in the same bits as its Operation's flags (event.h:
  // AtomicUpdateMask, AtomicBlind). Blind updates of one kind commute, so
  // they order nothing between each other (docs/races.md).
  AccessUpdateMask = AtomicUpdateMask,
  AccessBlind = AtomicBlind,
  // With AccessWrite: free(), delete, or a realloc that moved the block:
  // a write to every byte of the `reserved`-byte block at `address`
  // (malloc_usable_size), after which any access to it is a use after free
  // until a new allocation covers it (docs/races.md). The allocation entries
  // stay in the log too, where they happened, for that. Above the update
  // bits, which share Operation::flags' layout.
  AccessFree = 1 << 12,
  // A strided run of a plain access (runtime/tsan_interface.cpp): the
  // instruction accessed `size` bytes at each of `address + k * stride`,
  // k < count, in one stretch (a loop down a column of a matrix). Count
  // and stride are in `reserved` (stridedCount, stridedStride).
  AccessStrided = 1 << 13,
};
static_assert((AccessUpdateMask & 0xff) == 0 && (AccessBlind & 0xff) == 0,
              "the update bits must not overlap the other access flags");
static_assert((AccessFree & (AccessUpdateMask | AccessBlind)) == 0,
              "a free must not read as an atomic update");
static_assert((AccessStrided & (AccessUpdateMask | AccessBlind)) == 0,
              "a strided run must not read as an atomic update");

/// A strided run's `reserved`: the count in the low half, the stride in
/// bytes in the high half.
constexpr uint32_t MaxStridedCount = 0xffff, MaxStride = 0xffff;
inline uint32_t stridedReserved(uint32_t count, uint32_t stride) {
  return count | stride << 16;
}
inline uint32_t stridedCount(uint32_t reserved) { return reserved & 0xffff; }
inline uint32_t stridedStride(uint32_t reserved) { return reserved >> 16; }

/// Frames of an access's stack: the access itself, then the callers'
/// return addresses from the instrumentation's shadow stack.
constexpr int AccessFrames = 4;

struct MemoryAccess {
  ThreadId thread = NoThread;
  uint16_t flags = 0;
  uint16_t size = 0;
  /// Events executed before this access: it lies between event
  /// `afterEvents - 1` and event `afterEvents` of the execution.
  uint32_t afterEvents = 0;
  uint32_t reserved = 0;
  uint64_t address = 0;
  uint64_t framePointer = 0; // of the accessing function, for stack locals
  uint64_t frames[AccessFrames] = {};

  bool write() const { return flags & AccessWrite; }
  bool atomic() const { return flags & AccessAtomic; }
  bool file() const { return flags & AccessFile; }
  bool strided() const { return flags & AccessStrided; }

  /// Calls f(begin, end) for each byte range the access touches: one, or
  /// one per element of a strided run.
  template <typename F> void forEachSpan(F f) const {
    uint64_t bytes = size ? size : 1;
    if (!strided())
      return f(address, address + bytes);
    for (uint32_t k = 0, n = stridedCount(reserved); k < n; ++k) {
      uint64_t at = address + uint64_t(k) * stridedStride(reserved);
      f(at, at + bytes);
    }
  }

  /// Whether it touches a byte of [begin, end).
  bool touches(uint64_t begin, uint64_t end) const {
    uint64_t bytes = size ? size : 1;
    if (!strided())
      return address < end && begin < address + bytes;
    // (The runtime makes a stride larger than the size, never 0.)
    uint64_t stride = stridedStride(reserved), last = stridedCount(reserved);
    if (end <= address)
      return false;
    // The first element that ends after `begin`.
    uint64_t k = begin + 1 > address + bytes
                     ? (begin + 1 - address - bytes + stride - 1) / stride
                     : 0;
    return k < last && address + k * stride < end;
  }
};

static_assert(std::is_trivially_copyable_v<MemoryAccess>);
static_assert(sizeof(MemoryAccess) == 64);

} // namespace tangle
