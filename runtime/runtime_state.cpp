// The per-process state, and attaching to tangle's shared region at load
// time (before any constructor of the program runs).
#include "runtime/runtime_state.h"
#include "runtime/reuse_worker.h"

#include "runtime/real_functions.h"
#include "runtime/record.h"
#include "runtime/stack.h"

#include <cstdlib>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tangle::rt {

Runtime g_runtime;
__thread ThreadLocal t_thread = {NoThread, false, 0, {}, {}};

namespace {

void attachRegion() {
  const char *value = getenv(shm::ControlFdEnv);
  if (!value)
    return; // not started by tangle: passthrough for good
  int fd = atoi(value);
  // Whatever this process execs (system, popen, exec) runs in passthrough.
  unsetenv(shm::ControlFdEnv);
  unsetenv(shm::StackPadEnv); // the program sees the environment it was given
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size < off_t(sizeof(shm::Header)))
    return;
  void *mem =
      mmap(nullptr, st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd); // the mapping stays
  if (mem == MAP_FAILED)
    return;
  auto *h = static_cast<shm::Header *>(mem);
  if (h->magic != shm::Magic || h->version != shm::Version ||
      h->headerSize != sizeof(shm::Header) ||
      h->regionSize != uint64_t(st.st_size)) {
    if (h->magic == shm::Magic)
      h->runtimeMismatch = 1; // tangle says so instead of a wrong answer
    munmap(mem, st.st_size);
    return;
  }
  h->programRegionBase = reinterpret_cast<uintptr_t>(mem);
  Runtime &rt = g_runtime;
  rt.shm = h;
  rt.slots = shm::at<shm::ThreadSlot>(h, h->slotsOffset);
  rt.events = shm::at<Event>(h, h->eventsOffset);
  rt.prefix = shm::at<ThreadId>(h, h->prefixOffset);
  rt.sleeping = shm::at<ThreadId>(h, h->sleepingOffset);
  rt.pending = shm::at<PendingOp>(h, h->pendingOffset);
  // The input memfd is reopened by each execution; exec'd programs don't
  // need it.
  fcntl(h->stdinFd, F_SETFD, FD_CLOEXEC);
  rt.mode = Mode::Server;
}

__attribute__((constructor(101))) void initRuntime() {
  resolveAllReal();
  if (!attachRecordRegion())
    attachRegion();
  if (g_runtime.mode == Mode::Server) {
    registerWorkerExitHandler(); // before the program's: it runs last
    findRuntimeText();           // the runtime's own clock reads are real
  }
}

} // namespace

} // namespace tangle::rt
