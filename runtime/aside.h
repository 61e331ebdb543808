// Memory of the runtime's own in a reuse worker, kept out of the program's
// way. A worker's set-up (its pool of threads, its state, the snapshot's
// copies) depends on the pool's size and on how much memory the program had
// at the snapshot; were it mapped where the kernel puts mappings (top down,
// from below the stack) or allocated from the program's heap, every later
// mapping and block of the program would move with it, and a worker with a
// larger pool would give the objects of its executions other addresses
// than the worker before it (the model names objects by address:
// docs/runtime.md, "The reuse worker"). So that memory is mapped in a zone
// of its own, far below the kernel's mappings and far above the program's
// image and heap, and the few blocks glibc allocates for each pooled thread
// (its dtv) come from a bump allocator there. Header-only, with raw system
// calls: snapshot.cpp is also built without the rest of the runtime.
#pragma once

#include "runtime/futex.h"

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <sys/mman.h>
#include <sys/syscall.h>

namespace tangle::rt {

/// 32 TiB: above a program's image and heap (a non-PIE image at 4 MiB, a
/// PIE one near 85 TiB with its heap above it) and below the kernel's
/// mappings (top down from near 128 TiB).
constexpr uintptr_t AsideZone = uintptr_t(0x200000000000);

/// The next address mapAside tries. Rewound with the rest of memory, so a
/// try may meet a mapping made after the snapshot: it then moves on.
inline uintptr_t g_asideNext = AsideZone;

/// An anonymous private mapping of `bytes` (zero-filled, not reserved) in
/// the zone; out of it only if the zone has no room (then where the kernel
/// puts it). Null if neither can be mapped.
inline void *mapAside(size_t bytes) {
  constexpr size_t Page = 4096;
  constexpr size_t Gap = size_t(1) << 20;
  bytes = (bytes + Page - 1) & ~(Page - 1);
  const long prot = PROT_READ | PROT_WRITE;
  const long flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
  for (int tries = 0; tries < 256; ++tries) {
    const uintptr_t at = g_asideNext;
    g_asideNext += (bytes + Gap - 1) / Gap * Gap + Gap;
    const long p = rawSyscall(SYS_mmap, long(at), long(bytes), prot,
                              flags | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == -EEXIST)
      continue;
    if (p < 0 && p > -4096)
      break;
    return reinterpret_cast<void *>(p); // a kernel before 4.17: a hint
  }
  const long p = rawSyscall(SYS_mmap, 0, long(bytes), prot, flags, -1, 0);
  return p < 0 && p > -4096 ? nullptr : reinterpret_cast<void *>(p);
}

/// The bump allocator for blocks glibc allocates while a pooled thread is
/// created (runtime/heap.cpp serves calloc from it while t_allocateAside
/// is set). Such blocks live as long as the worker; free leaves them and
/// realloc copies them out (heap.cpp).
struct AsideHeap {
  uintptr_t begin = 0, end = 0, next = 0;
};
inline AsideHeap g_asideHeap;
inline __thread bool t_allocateAside
    __attribute__((tls_model("initial-exec"))) = false;

/// Whether `block` came from the aside allocator.
inline bool isAsideBlock(const void *block) {
  return uintptr_t(block) - g_asideHeap.begin <
         g_asideHeap.end - g_asideHeap.begin;
}

/// A zeroed block of `bytes`, 16-aligned, its size in the 16 bytes before
/// it; null when the aside heap cannot be mapped or is full.
inline void *allocateAside(size_t bytes) {
  constexpr size_t HeapBytes = size_t(4) << 20;
  if (!g_asideHeap.begin) {
    void *mem = mapAside(HeapBytes);
    if (!mem)
      return nullptr;
    g_asideHeap.begin = g_asideHeap.next = uintptr_t(mem);
    g_asideHeap.end = uintptr_t(mem) + HeapBytes;
  }
  const size_t need = 16 + ((bytes + 15) & ~size_t(15));
  if (need < bytes || g_asideHeap.end - g_asideHeap.next < need)
    return nullptr;
  auto *header = reinterpret_cast<size_t *>(g_asideHeap.next);
  g_asideHeap.next += need;
  *header = bytes;
  return header + 2;
}

/// The size allocateAside was asked for.
inline size_t asideBlockSize(const void *block) {
  return static_cast<const size_t *>(block)[-2];
}

} // namespace tangle::rt
