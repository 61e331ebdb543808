// malloc, calloc and realloc of the program: glibc's allocator (its
// exported __libc_* entry points, so no dlsym and no recursion), then the
// block is recorded for reports (heap.h). free, memalign and the rest are
// glibc's own: the same allocator.
#include "runtime/heap.h"

#include "runtime/memory_limit.h"
#include "runtime/runtime_state.h"

#include <cstddef>
#include <cstdlib>
#include <dlfcn.h>

extern "C" {
void *__libc_malloc(size_t size);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *block, size_t size);
}

using namespace tangle::rt;

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

#define RECORD(block, size)                                                    \
  do {                                                                         \
    if (__builtin_expect(g_runtime.mode == Mode::Controlled, 0)) {             \
      if (!(block) && (size))                                                  \
        noteOutOfMemory(size);                                                 \
      logAllocation(block, size, __builtin_return_address(0),                  \
                    __builtin_frame_address(0));                               \
    } else if (__builtin_expect(!(block) && (size), 0)) {                      \
      noteLimitHit(tangle::shm::MemoryLimitHit); /* --limit-memory? */         \
    }                                                                          \
  } while (0)

TANGLE_INTERCEPTOR void *malloc(size_t size) {
  void *block = __libc_malloc(size);
  RECORD(block, size);
  return block;
}

TANGLE_INTERCEPTOR void *calloc(size_t count, size_t size) {
  void *block = __libc_calloc(count, size);
  RECORD(block, count * size);
  return block;
}

TANGLE_INTERCEPTOR void *realloc(void *old, size_t size) {
  void *block = __libc_realloc(old, size);
  RECORD(block, size);
  return block;
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
