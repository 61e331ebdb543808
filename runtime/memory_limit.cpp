// See memory_limit.h. The soft limit moves with the threads' stacks; the
// hard limit stays what tangle inherited, so the execution can raise it.
#include "runtime/memory_limit.h"

#include "runtime/controller.h"
#include "runtime/real_functions.h"
#include "runtime/runtime_state.h"

#include <cstdlib>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace tangle::rt {

namespace {

// glibc keeps the stacks of joined threads for reuse, up to 40 MiB
// (glibc.pthread.stack_cache_size); thread stacks still being unmapped
// as new ones start add a few more.
constexpr uint64_t StackSlack = uint64_t(64) << 20;
// What glibc maps beside the stack itself: thread-local storage, the
// thread descriptor, alignment.
constexpr uint64_t PerThreadSlack = uint64_t(64) << 10;

// Per process (a fork copies it with the address space it describes).
struct {
  bool limited = false;
  uint64_t base = 0;       // the limit without threads' stacks
  uint64_t liveStacks = 0; // the stacks of this process's threads now
  uint64_t limit = 0;      // the execution's limit, as tangle asked
  rlim_t hard = 0;         // RLIMIT_AS's hard limit, which stays
} g_memory;

/// The size of this process's address space (VmSize), from /proc.
uint64_t mappedBytes() {
  int fd = REAL(open)("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  char text[128];
  ssize_t n = REAL(read)(fd, text, sizeof(text) - 1);
  REAL(close)(fd);
  text[n > 0 ? n : 0] = '\0';
  return strtoull(text, nullptr, 10) * uint64_t(sysconf(_SC_PAGESIZE));
}

// The soft limit follows the stacks of the threads alive; the hard limit
// stays what tangle had.
void applyLimit() {
  rlim_t wanted = g_memory.base + g_memory.liveStacks;
  rlimit limit = {wanted > g_memory.hard ? g_memory.hard : wanted,
                  g_memory.hard};
  if (REAL(setrlimit)(RLIMIT_AS, &limit) == 0 ||
      getrlimit(RLIMIT_AS, &limit) != 0)
    return;
  // The program lowered the hard limit itself: keep to it.
  g_memory.hard = limit.rlim_max;
  limit.rlim_cur = wanted > g_memory.hard ? g_memory.hard : wanted;
  REAL(setrlimit)(RLIMIT_AS, &limit);
}

} // namespace

void limitMemory(uint64_t bytes) {
  rlimit current;
  if (bytes == 0 || getrlimit(RLIMIT_AS, &current) != 0)
    return;
  g_memory = {true, mappedBytes() + bytes + StackSlack, 0, bytes,
              current.rlim_max};
  applyLimit();
}

size_t reserveThreadStack(const pthread_attr_t *attr) {
  if (!g_memory.limited)
    return 0;
  pthread_attr_t defaults;
  if (!attr) {
    if (pthread_getattr_default_np(&defaults) != 0)
      return 0;
    attr = &defaults;
  }
  // pthread_attr_getstack reports (0 - size) as the lowest address when the
  // program did not give its own stack (then nothing is mapped for it).
  void *low = nullptr;
  size_t size = 0, extent = 0, guard = 0;
  pthread_attr_getstacksize(attr, &size); // the default when not set
  pthread_attr_getstack(attr, &low, &extent);
  pthread_attr_getguardsize(attr, &guard);
  if (attr == &defaults)
    pthread_attr_destroy(&defaults);
  if (low && reinterpret_cast<uintptr_t>(low) + extent != 0)
    return 0;
  uint64_t bytes = size + guard + PerThreadSlack;
  g_memory.liveStacks += bytes;
  applyLimit();
  return bytes;
}

void noteOutOfMemory(size_t bytes) {
  if (g_runtime.mode != Mode::Controlled || bytes >= (uint64_t(1) << 47))
    return;
  if (g_memory.limited)
    noteLimit("memory-limit",
              "an allocation of %zu bytes failed: the execution may map %llu "
              "MiB besides its threads' stacks (the memory limit)",
              bytes, static_cast<unsigned long long>(g_memory.limit >> 20));
  else
    noteLimit("memory-limit",
              "an allocation of %zu bytes failed: the system is out of memory",
              bytes);
}

void releaseThreadStack(size_t bytes) {
  if (!g_memory.limited || bytes == 0)
    return;
  g_memory.liveStacks -=
      bytes < g_memory.liveStacks ? bytes : g_memory.liveStacks;
  applyLimit();
}

} // namespace tangle::rt
