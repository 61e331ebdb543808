// MAP_SHARED mappings, tracked per process: the table is private memory,
// so a forked child inherits its parent's as the kernel's mappings are.
#include "runtime/shared_memory.h"

#include "model/file_identity.h"

#include "runtime/controller.h"
#include "runtime/heap.h"
#include "runtime/memory_limit.h"
#include "runtime/object_lifetime.h"
#include "runtime/real_functions.h"
#include "runtime/reuse_worker.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <fcntl.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/stat.h>

namespace tangle::rt {

namespace {

// A MAP_SHARED range of this process. `canonical` is where the same bytes
// of the same file lie in the execution's canonical view (the first
// mapping of that file in the execution, see controller.h), or 0 when the
// range is anonymous or mapped at the canonical address anyway.
struct Range {
  uintptr_t begin, end;
  uintptr_t canonical;
};
constexpr int MaxShared = 64;
Range g_shared[MaxShared];
int g_sharedCount = 0;

const Range *sharedRange(uintptr_t addr) {
  for (int i = 0; i < g_sharedCount; ++i)
    if (addr >= g_shared[i].begin && addr < g_shared[i].end)
      return &g_shared[i];
  return nullptr;
}

} // namespace

void noteSharedMapping(const void *addr, size_t length) {
  auto begin = reinterpret_cast<uintptr_t>(addr);
  if (g_sharedCount < MaxShared)
    g_shared[g_sharedCount++] = {begin, begin + length, 0};
}

void noteFileMapping(const void *addr, size_t length, uint64_t device,
                     uint64_t inode, uint64_t offset) {
  auto begin = reinterpret_cast<uintptr_t>(addr);
  uintptr_t canonical = 0;
  if (g_runtime.mode == Mode::Controlled)
    canonical = canonicalMapping(device, inode, offset, begin, length);
  if (canonical == begin)
    canonical = 0;
  if (g_sharedCount < MaxShared)
    g_shared[g_sharedCount++] = {begin, begin + length, canonical};
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
  if (addr == 0 || (g_sharedCount == 0 && g_runtime.process == 0))
    return addr;
  if (const Range *shared = sharedRange(addr))
    return shared->canonical ? shared->canonical + (addr - shared->begin)
                             : addr;
  ProcessId p = g_runtime.process;
  return p == 0 ? addr : tagObject(addr, p);
}

Operation keyedOperation(const Operation &op) {
  Operation keyed = op;
  if ((g_runtime.process == 0 && g_sharedCount == 0) ||
      !hasObjectAddress(op.kind) || isFileKey(op.object) ||
      (op.kind >= OpKind::PipeCreate && op.kind <= OpKind::PipeDup))
    return keyed;
  keyed.object = objectKey(op.object);
  // A condition's operations name its mutex too.
  if (op.kind >= OpKind::CondInit && op.kind <= OpKind::CondBroadcast)
    keyed.arg = objectKey(op.arg);
  return keyed;
}

} // namespace tangle::rt

using namespace tangle;
using namespace tangle::rt;

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

namespace {
// A shared mapping of a file (shm_open, a regular file) is the same memory
// wherever each process maps it: keyed by the file's identity.
void noteMapping(void *mem, size_t length, int flags, int fd, off64_t offset) {
  if (mem == MAP_FAILED || !(flags & MAP_SHARED))
    return;
  struct stat st;
  if (fd >= 0 && !(flags & MAP_ANONYMOUS) && fstat(fd, &st) == 0)
    noteFileMapping(mem, length, st.st_dev, st.st_ino, uint64_t(offset));
  else
    noteSharedMapping(mem, length);
}
} // namespace

TANGLE_INTERCEPTOR void *mmap(void *addr, size_t length, int prot, int flags,
                              int fd, off_t offset) {
  if (!(flags & MAP_ANONYMOUS) || (flags & MAP_SHARED))
    taintWorker("a shared or file mapping, which a rewind cannot undo");
  void *mem = REAL(mmap)(addr, length, prot, flags, fd, offset);
  if (mem == MAP_FAILED && errno == ENOMEM)
    noteOutOfMemory(length);
  noteMapping(mem, length, flags, fd, offset);
  return mem;
}

TANGLE_INTERCEPTOR void *mmap64(void *addr, size_t length, int prot, int flags,
                                int fd, off64_t offset) {
  if (!(flags & MAP_ANONYMOUS) || (flags & MAP_SHARED))
    taintWorker("a shared or file mapping, which a rewind cannot undo");
  void *mem = REAL(mmap64)(addr, length, prot, flags, fd, offset);
  if (mem == MAP_FAILED && errno == ENOMEM)
    noteOutOfMemory(length);
  noteMapping(mem, length, flags, fd, offset);
  return mem;
}

// A named semaphore is glibc's own shared mapping of /dev/shm/sem.NAME,
// made inside libc: the semaphore is keyed by that file like any mapping.
TANGLE_INTERCEPTOR sem_t *sem_open(const char *name, int oflag, ...) {
  taintWorker("sem_open, a shared mapping a rewind cannot undo");
  va_list args;
  va_start(args, oflag);
  mode_t mode = (oflag & O_CREAT) ? mode_t(va_arg(args, unsigned)) : 0;
  unsigned value = (oflag & O_CREAT) ? va_arg(args, unsigned) : 0;
  va_end(args);
  sem_t *sem = REAL(sem_open)(name, oflag, mode, value);
  if (sem == SEM_FAILED)
    return sem;
  char path[256];
  snprintf(path, sizeof(path), "/dev/shm/sem.%s",
           name[0] == '/' ? name + 1 : name);
  struct stat st;
  if (stat(path, &st) == 0)
    noteFileMapping(sem, sizeof(sem_t), st.st_dev, st.st_ino, 0);
  else
    noteSharedMapping(sem, sizeof(sem_t));
  // The first open in the execution gives the model its value (a later
  // O_CREAT of an existing semaphore does not change it, as in POSIX).
  if (controlled()) {
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    Operation init;
    init.kind = OpKind::SemInit;
    init.flags = SemOpened;
    init.object = reinterpret_cast<uintptr_t>(sem);
    init.arg = value;
    lifetimeStep(ObjectKind::Semaphore, sem, init, stack); // marks it
  } else if (g_runtime.mode == Mode::Server) {
    markInitialized(ObjectKind::Semaphore, sem); // opened before main
  }
  return sem;
}

TANGLE_INTERCEPTOR int munmap(void *addr, size_t length) {
  forgetMapping(addr, length);
  noteMemoryUnmapped();
  return REAL(munmap)(addr, length);
}
