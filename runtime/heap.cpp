// malloc, calloc, realloc, the aligned allocations and free of the
// program: glibc's allocator (its exported __libc_* entry points, so no
// dlsym and no recursion), with the block recorded for reports and, when
// freed, for the race check (heap.h). Every way to get a block must be
// recorded: glibc's aligned allocations do not call malloc, and a block
// they hand out again after a free, unrecorded, would still look freed
// (a false use of freed memory).
#include "runtime/heap.h"

#include "runtime/aside.h"
#include "runtime/memory_limit.h"
#include "runtime/runtime_state.h"

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <malloc.h>

extern "C" {
void *__libc_malloc(size_t size);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *block, size_t size);
void *__libc_memalign(size_t alignment, size_t size);
void *__libc_valloc(size_t size);
void *__libc_pvalloc(size_t size);
void __libc_free(void *block);
}

using namespace tangle::rt;

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

#define RECORD(block, size)                                                    \
  do {                                                                         \
    if (__builtin_expect(g_runtime.mode == Mode::Controlled, 0)) {             \
      if (!(block) && (size) != 0)                                             \
        noteOutOfMemory(size);                                                 \
      logAllocation(block, size, __builtin_return_address(0),                  \
                    __builtin_frame_address(0));                               \
    } else if (__builtin_expect(!(block) && (size) != 0, 0)) {                 \
      noteLimitHit(tangle::shm::MemoryLimitHit); /* --limit-memory? */         \
    }                                                                          \
  } while (0)

TANGLE_INTERCEPTOR void *malloc(size_t size) {
  if (__builtin_expect(t_allocateAside, 0))
    return allocateAside(size);
  void *block = __libc_malloc(size);
  RECORD(block, size);
  return block;
}

TANGLE_INTERCEPTOR void *calloc(size_t count, size_t size) {
  if (__builtin_expect(t_allocateAside, 0)) {
    size_t bytes;
    return __builtin_mul_overflow(count, size, &bytes) ? nullptr
                                                       : allocateAside(bytes);
  }
  void *block = __libc_calloc(count, size);
  RECORD(block, count * size);
  return block;
}

// glibc 2.36's aligned_alloc is its memalign (no check of the alignment).
TANGLE_INTERCEPTOR void *memalign(size_t alignment, size_t size) {
  void *block = __libc_memalign(alignment, size);
  RECORD(block, size);
  return block;
}

TANGLE_INTERCEPTOR void *aligned_alloc(size_t alignment, size_t size) {
  void *block = __libc_memalign(alignment, size);
  RECORD(block, size);
  return block;
}

TANGLE_INTERCEPTOR int posix_memalign(void **out, size_t alignment,
                                      size_t size) {
  // A power of two multiple of sizeof(void *), as glibc checks.
  if (alignment % sizeof(void *) != 0 || alignment == 0 ||
      (alignment & (alignment - 1)) != 0)
    return EINVAL;
  void *block = __libc_memalign(alignment, size);
  RECORD(block, size);
  if (!block)
    return ENOMEM;
  *out = block;
  return 0;
}

TANGLE_INTERCEPTOR void *valloc(size_t size) {
  void *block = __libc_valloc(size);
  RECORD(block, size);
  return block;
}

TANGLE_INTERCEPTOR void *pvalloc(size_t size) {
  void *block = __libc_pvalloc(size);
  RECORD(block, size);
  return block;
}

// A block handed to free or delete: logged as a write to all of it. delete
// calls libstdc++'s operator delete, whose free must not be logged again
// (from inside libstdc++, with no line of the program).
namespace {
__thread bool t_deleting __attribute__((tls_model("initial-exec")));
}

#define RECORD_FREE(block, size)                                               \
  do {                                                                         \
    if (__builtin_expect(g_runtime.mode == Mode::Controlled, 0) && block &&    \
        !t_deleting)                                                           \
      logFree(block, size, __builtin_return_address(0),                        \
              __builtin_frame_address(0));                                     \
  } while (0)

// A block of a reuse worker's pooled thread (runtime/aside.h) grown by
// glibc (a dtv, as a module with thread-local storage is loaded): it moves
// to the program's heap.
static void *reallocateAside(void *old, size_t size) {
  void *block = __libc_malloc(size);
  if (block) {
    const size_t oldSize = asideBlockSize(old);
    memcpy(block, old, oldSize < size ? oldSize : size);
  }
  return block;
}

// The old block is gone when it moved, or when size 0 freed it. A macro,
// as RECORD is: the call site is the interceptor's return address.
#define REALLOCATE(old, size)                                                  \
  do {                                                                         \
    if (__builtin_expect(isAsideBlock(old), 0))                                \
      return reallocateAside(old, size);                                       \
    size_t oldSize = old ? malloc_usable_size(old) : 0;                        \
    void *block = __libc_realloc(old, size);                                   \
    if (old && block != old && (block || size == 0))                           \
      RECORD_FREE(old, oldSize);                                               \
    RECORD(block, size);                                                       \
    return block;                                                              \
  } while (0)

TANGLE_INTERCEPTOR void *realloc(void *old, size_t size) {
  REALLOCATE(old, size);
}

// glibc's own reallocarray calls its realloc inside libc, unseen.
TANGLE_INTERCEPTOR void *reallocarray(void *old, size_t count, size_t size) {
  size_t bytes;
  if (__builtin_mul_overflow(count, size, &bytes)) {
    errno = ENOMEM;
    return nullptr;
  }
  REALLOCATE(old, bytes);
}

TANGLE_INTERCEPTOR void free(void *block) {
  if (__builtin_expect(isAsideBlock(block), 0))
    return; // the worker's own, for as long as it lives (aside.h)
  RECORD_FREE(block, malloc_usable_size(block));
  __libc_free(block);
}

// operator new and new[] (the plain forms): libstdc++'s, found once with
// dlsym, then the block is recorded again with the program's call site
// (the malloc inside libstdc++ recorded it from there). The runtime's own
// C++ calls them too, also in a C program, which loads no libstdc++: there
// the block comes from malloc, and running out of memory aborts.
namespace {
using NewFn = void *(*)(size_t);

void *newFromMalloc(size_t size) {
  void *block = __libc_malloc(size ? size : 1);
  if (!block)
    abort();
  return block;
}

NewFn realNew(const char *name) {
  NewFn fn = reinterpret_cast<NewFn>(dlsym(RTLD_NEXT, name));
  return fn ? fn : newFromMalloc;
}
} // namespace

TANGLE_INTERCEPTOR void *_Znwm(size_t size) {
  static NewFn real = realNew("_Znwm");
  void *block = real(size);
  RECORD(block, size);
  return block;
}

TANGLE_INTERCEPTOR void *_Znam(size_t size) {
  static NewFn real = realNew("_Znam");
  void *block = real(size);
  RECORD(block, size);
  return block;
}

// The aligned forms (C++17, `new` of an alignas(64) type): std::align_val_t
// is an enum on size_t.
namespace {
using AlignedNewFn = void *(*)(size_t, size_t);

void *alignedNewFromMemalign(size_t size, size_t alignment) {
  void *block = __libc_memalign(alignment, size ? size : 1);
  if (!block)
    abort();
  return block;
}

AlignedNewFn realAlignedNew(const char *name) {
  AlignedNewFn fn = reinterpret_cast<AlignedNewFn>(dlsym(RTLD_NEXT, name));
  return fn ? fn : alignedNewFromMemalign;
}
} // namespace

TANGLE_INTERCEPTOR void *_ZnwmSt11align_val_t(size_t size, size_t alignment) {
  static AlignedNewFn real = realAlignedNew("_ZnwmSt11align_val_t");
  void *block = real(size, alignment);
  RECORD(block, size);
  return block;
}

TANGLE_INTERCEPTOR void *_ZnamSt11align_val_t(size_t size, size_t alignment) {
  static AlignedNewFn real = realAlignedNew("_ZnamSt11align_val_t");
  void *block = real(size, alignment);
  RECORD(block, size);
  return block;
}

// operator delete and delete[] (plain and sized): libstdc++'s, found once
// with dlsym (free when no libstdc++ is loaded).
namespace {
using DeleteFn = void (*)(void *);
using SizedDeleteFn = void (*)(void *, size_t); // or (block, alignment)
using SizedAlignedDeleteFn = void (*)(void *, size_t, size_t);

template <typename F> F realDelete(const char *name, F fallback) {
  F fn = reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
  return fn ? fn : fallback;
}

void freeBlock(void *block) { __libc_free(block); }
void freeSizedBlock(void *block, size_t) { __libc_free(block); }
void freeSizedAlignedBlock(void *block, size_t, size_t) { __libc_free(block); }

template <typename F, typename... Size>
void deleteBlock(F real, void *block, Size... size) {
  t_deleting = true;
  real(block, size...);
  t_deleting = false;
}
} // namespace

#define RECORD_DELETE(block)                                                   \
  do {                                                                         \
    if (__builtin_expect(g_runtime.mode == Mode::Controlled, 0) && block)      \
      logFree(block, malloc_usable_size(block), __builtin_return_address(0),   \
              __builtin_frame_address(0));                                     \
  } while (0)

TANGLE_INTERCEPTOR void _ZdlPv(void *block) {
  static DeleteFn real = realDelete<DeleteFn>("_ZdlPv", freeBlock);
  RECORD_DELETE(block);
  deleteBlock(real, block);
}

TANGLE_INTERCEPTOR void _ZdaPv(void *block) {
  static DeleteFn real = realDelete<DeleteFn>("_ZdaPv", freeBlock);
  RECORD_DELETE(block);
  deleteBlock(real, block);
}

TANGLE_INTERCEPTOR void _ZdlPvm(void *block, size_t size) {
  static SizedDeleteFn real =
      realDelete<SizedDeleteFn>("_ZdlPvm", freeSizedBlock);
  RECORD_DELETE(block);
  deleteBlock(real, block, size);
}

TANGLE_INTERCEPTOR void _ZdaPvm(void *block, size_t size) {
  static SizedDeleteFn real =
      realDelete<SizedDeleteFn>("_ZdaPvm", freeSizedBlock);
  RECORD_DELETE(block);
  deleteBlock(real, block, size);
}

TANGLE_INTERCEPTOR void _ZdlPvSt11align_val_t(void *block, size_t alignment) {
  static SizedDeleteFn real =
      realDelete<SizedDeleteFn>("_ZdlPvSt11align_val_t", freeSizedBlock);
  RECORD_DELETE(block);
  deleteBlock(real, block, alignment);
}

TANGLE_INTERCEPTOR void _ZdaPvSt11align_val_t(void *block, size_t alignment) {
  static SizedDeleteFn real =
      realDelete<SizedDeleteFn>("_ZdaPvSt11align_val_t", freeSizedBlock);
  RECORD_DELETE(block);
  deleteBlock(real, block, alignment);
}

TANGLE_INTERCEPTOR void _ZdlPvmSt11align_val_t(void *block, size_t size,
                                               size_t alignment) {
  static SizedAlignedDeleteFn real = realDelete<SizedAlignedDeleteFn>(
      "_ZdlPvmSt11align_val_t", freeSizedAlignedBlock);
  RECORD_DELETE(block);
  deleteBlock(real, block, size, alignment);
}

TANGLE_INTERCEPTOR void _ZdaPvmSt11align_val_t(void *block, size_t size,
                                               size_t alignment) {
  static SizedAlignedDeleteFn real = realDelete<SizedAlignedDeleteFn>(
      "_ZdaPvmSt11align_val_t", freeSizedAlignedBlock);
  RECORD_DELETE(block);
  deleteBlock(real, block, size, alignment);
}
