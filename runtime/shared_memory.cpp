// MAP_SHARED mappings, tracked per process: the table is private memory,
// so a forked child inherits its parent's as the kernel's mappings are.
#include "runtime/shared_memory.h"

#include "runtime/real_functions.h"
#include "runtime/runtime_state.h"

#include <sys/mman.h>

namespace tangle::rt {

namespace {

struct Range {
  uintptr_t begin, end;
};
constexpr int MaxShared = 64;
Range g_shared[MaxShared];
int g_sharedCount = 0;

bool inShared(uintptr_t addr) {
  for (int i = 0; i < g_sharedCount; ++i)
    if (addr >= g_shared[i].begin && addr < g_shared[i].end)
      return true;
  return false;
}

} // namespace

void noteSharedMapping(const void *addr, size_t length) {
  auto begin = reinterpret_cast<uintptr_t>(addr);
  if (g_sharedCount < MaxShared)
    g_shared[g_sharedCount++] = {begin, begin + length};
}

void forgetMapping(const void *addr, size_t length) {
  auto begin = reinterpret_cast<uintptr_t>(addr), end = begin + length;
  for (int i = 0; i < g_sharedCount;)
    if (g_shared[i].begin >= begin && g_shared[i].end <= end)
      g_shared[i] = g_shared[--g_sharedCount];
    else
      ++i;
}

ObjectAddr objectKey(uint64_t addr) {
  ProcessId p = g_runtime.process;
  if (p == 0 || addr == 0 || inShared(addr))
    return addr;
  return tagObject(addr, p);
}

Operation keyedOperation(const Operation &op) {
  Operation keyed = op;
  if (g_runtime.process == 0 || !hasObjectAddress(op.kind) ||
      (op.kind >= OpKind::PipeCreate && op.kind <= OpKind::PipeDup))
    return keyed;
  keyed.object = objectKey(op.object);
  // A condition's operations name its mutex too.
  if (op.kind >= OpKind::CondInit && op.kind <= OpKind::CondBroadcast)
    keyed.arg = objectKey(op.arg);
  return keyed;
}

} // namespace tangle::rt

using namespace tangle::rt;

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

TANGLE_INTERCEPTOR void *mmap(void *addr, size_t length, int prot, int flags,
                              int fd, off_t offset) {
  void *mem = REAL(mmap)(addr, length, prot, flags, fd, offset);
  if (mem != MAP_FAILED && (flags & MAP_SHARED))
    noteSharedMapping(mem, length);
  return mem;
}

TANGLE_INTERCEPTOR void *mmap64(void *addr, size_t length, int prot, int flags,
                                int fd, off64_t offset) {
  void *mem = REAL(mmap64)(addr, length, prot, flags, fd, offset);
  if (mem != MAP_FAILED && (flags & MAP_SHARED))
    noteSharedMapping(mem, length);
  return mem;
}

TANGLE_INTERCEPTOR int munmap(void *addr, size_t length) {
  forgetMapping(addr, length);
  return REAL(munmap)(addr, length);
}
