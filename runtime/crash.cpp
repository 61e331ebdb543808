// Crash and assertion records, written from signal handlers with plain
// stores into the shared region (async-signal-safe: no locks, no malloc).
#include "runtime/crash.h"

#include "runtime/controller.h"

#include "model/machine.h"

#include "runtime/runtime_state.h"
#include "runtime/stack.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/mman.h>
#include <ucontext.h>

namespace tangle::rt {

namespace {

constexpr int CrashSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
constexpr size_t AltStackSize = 64 << 10;
char *g_altStacks = nullptr;
uint32_t g_altStackCount = 0;

void onCrash(int sig, siginfo_t *, void *context) {
  Runtime &rt = g_runtime;
  if (rt.mode == Mode::Controlled) {
    shm::CrashRecord &crash = rt.shm->crash;
    crash.signal = sig;
    crash.thread = t_thread.self;
    // What the other threads were about to do: the explorer needs it to
    // reorder them before the crash, and to trim the schedule correctly.
    recordPending(t_thread.self);
    // An assertion's call site says more than the inside of raise().
    if (!crash.hasStack) {
      auto *uc = static_cast<ucontext_t *>(context);
      uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
      uintptr_t fp = uc->uc_mcontext.gregs[REG_RBP];
      crash.stack = Stack();
      // Frames are read as return addresses (looked up at pc - 1); this
      // one is the faulting instruction itself, so store it one past.
      crash.stack.frames[0] = pc + 1;
      crash.stack.framePointers[0] = fp;
      walkFrames(crash.stack, fp, 1);
      crash.hasStack = 1;
    }
  }
  // The execution's other processes would wait for this one forever.
  if (rt.mode == Mode::Controlled && rt.machine &&
      rt.machine->processCount() > 1)
    killExecutionGroup(); // (not kill(0): setsid may have moved this one)
  // SA_RESETHAND restored the default action: die of the same signal once
  // this handler returns (the faulting instruction runs again, or the
  // raised signal is delivered).
  raise(sig);
}

// Whether the instruction at `pc` is a jump through the GOT, as a PLT stub
// is (`jmp *x(%rip)`, optionally `bnd` and after an `endbr64`).
bool atStubJump(uintptr_t pc) {
  const auto *code = reinterpret_cast<const unsigned char *>(pc);
  static constexpr unsigned char Endbr64[] = {0xf3, 0x0f, 0x1e, 0xfa};
  if (memcmp(code, Endbr64, sizeof Endbr64) == 0)
    code += sizeof Endbr64;
  if (code[0] == 0xf2) // bnd
    ++code;
  return code[0] == 0xff && code[1] == 0x25;
}

// Where a thread that never reaches a visible operation is: the timed-out
// execution's running thread gets this signal from tangle before it is
// killed. It records the interrupted pc and frames, and returns.
void onHangSample(int, siginfo_t *, void *context) {
  Runtime &rt = g_runtime;
  if (rt.mode != Mode::Controlled)
    return;
  shm::CrashRecord &crash = rt.shm->crash;
  auto *uc = static_cast<ucontext_t *>(context);
  uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
  uintptr_t fp = uc->uc_mcontext.gregs[REG_RBP];
  crash.thread = t_thread.self;
  crash.stack = Stack();
  if (inRuntimeText(pc) && lastInstrumentedStack(crash.stack)) {
    // Inside a memory-access hook the frame-pointer chain may be half built
    // (prologue, epilogue): the hook's caller is known exactly instead.
  } else if (atStubJump(pc)) {
    // In a PLT stub on the way to a hook: nothing is pushed yet, so the
    // top of the stack is the return address into the caller.
    crash.stack.frames[0] = *reinterpret_cast<const uintptr_t *>(
        uc->uc_mcontext.gregs[REG_RSP]);
    crash.stack.framePointers[0] = fp;
    walkFrames(crash.stack, fp, 1);
  } else {
    // Frames are read as return addresses (looked up at pc - 1); this one
    // is the interrupted instruction itself, so store it one past.
    crash.stack.frames[0] = pc + 1;
    crash.stack.framePointers[0] = fp;
    walkFrames(crash.stack, fp, 1);
  }
  crash.hasStack = 1;
  crash.hangSampled.store(1, std::memory_order_release);
}

} // namespace

// One mapping for every thread's alternate stack, reserved once in the fork
// server: an execution then pays no mmap per thread, and untouched pages
// cost a fork nothing.
void reserveAltStacks(uint32_t threads) {
  void *mem = mmap(nullptr, AltStackSize * threads, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  g_altStacks = mem == MAP_FAILED ? nullptr : static_cast<char *>(mem);
  g_altStackCount = threads;
}

void altStackRange(uintptr_t &begin, uintptr_t &end) {
  begin = reinterpret_cast<uintptr_t>(g_altStacks);
  end = g_altStacks ? begin + AltStackSize * g_altStackCount : begin;
}

void installAltStack(ThreadId t) {
  if (!g_altStacks)
    return;
  stack_t ss = {};
  ss.ss_sp = g_altStacks + AltStackSize * t;
  ss.ss_size = AltStackSize;
  sigaltstack(&ss, nullptr);
}

void installCrashHandlers() {
  findRuntimeText();
  installAltStack(0);
  struct sigaction sa = {};
  sa.sa_sigaction = onCrash;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  for (int sig : CrashSignals)
    sigaction(sig, &sa, nullptr);
  struct sigaction hang = {};
  hang.sa_sigaction = onHangSample;
  hang.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
  sigemptyset(&hang.sa_mask);
  sigaction(SIGRTMIN + shm::HangSignalOffset, &hang, nullptr);
}

void recordAssertion(const char *message, const Stack &stack) {
  Runtime &rt = g_runtime;
  if (rt.mode != Mode::Controlled)
    return;
  shm::CrashRecord &crash = rt.shm->crash;
  crash.assertion = 1;
  crash.thread = t_thread.self;
  if (message && !crash.message[0]) {
    strncpy(crash.message, message, sizeof(crash.message) - 1);
    crash.message[sizeof(crash.message) - 1] = 0;
  }
  if (!crash.hasStack) {
    crash.stack = stack;
    crash.hasStack = 1;
  }
}

} // namespace tangle::rt

// tangle/sync.h reports misuse of its primitives (a BoundedSemaphore released
// too often) here: a failed assertion whose finding has the given sync.* id.
extern "C" __attribute__((visibility("default"))) void
tangle_misuse(const char *id, const char *message) {
  using namespace tangle;
  using namespace tangle::rt;
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  recordAssertion(message, stack);
  Runtime &rt = g_runtime;
  if (rt.mode == Mode::Controlled && id) {
    shm::CrashRecord &crash = rt.shm->crash;
    strncpy(crash.misuse, id, sizeof(crash.misuse) - 1);
    crash.misuse[sizeof(crash.misuse) - 1] = 0;
  }
  fprintf(stderr, "%s [%s]\n", message ? message : "misuse", id ? id : "?");
  abort();
}
