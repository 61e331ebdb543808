// The program's futexes under control (model/objects/futex.h): what
// libstdc++'s futures, latches, barriers, semaphores and atomic waits block
// in. A FUTEX_WAIT compares the word with the expected value at the moment
// it executes, as the kernel does; the runtime reads the word right then.
#pragma once

#include "model/event.h"

#include <cstdint>
#include <ctime>
#include <linux/futex.h>

namespace tangle::rt {

// How a futex call's steps are encoded, by controlled mode (futexCall) and
// by record mode (recordFutex) alike: the replay of a recorded order takes
// the recorded steps as controlled mode's.
/// The flags of the steps of futex operation `op`: FutexShared unless
/// FUTEX_PRIVATE_FLAG, FutexTimed for a wait given a timeout.
inline uint16_t futexStepFlags(int op, bool timed) {
  return uint16_t(((op & FUTEX_PRIVATE_FLAG) ? 0 : FutexShared) |
                  (timed ? FutexTimed : 0));
}
/// FutexWait's arg: the bitset, and the value the word must hold.
inline uint64_t futexWaitArg(uint32_t bitset, uint32_t value) {
  return bitset | uint64_t(value) << 32;
}
/// FutexWake's arg: the bitset, and how many to wake (the kernel wakes one
/// even when asked for none).
inline uint64_t futexWakeArg(uint32_t bitset, int count) {
  return bitset | uint64_t(count <= 0 ? 1 : uint32_t(count)) << 32;
}

/// syscall(SYS_futex, word, op, value, timeout, word2, value3) by a
/// controlled thread: FUTEX_WAIT(_BITSET) and FUTEX_WAKE(_BITSET), private or
/// shared, are modelled; any other operation ends the execution as an
/// unmodelled call. Returns as the system call does (-1 and errno).
long futexCall(uint32_t *word, int op, uint32_t value, const timespec *timeout,
               uint32_t value3, const Stack &stack);

/// The 32-bit word at `address` in process p's memory, read by this process
/// (with process_vm_readv when p is another one). False if it cannot be.
bool readProgramWord(ProcessId p, uint64_t address, uint32_t &value);

/// Just before thread t's pending operation executes (in whichever thread
/// takes the scheduling step): a FutexWait reads its word, and is marked
/// FutexValueChanged when it no longer holds the expected value.
void prepareFutexStep(ThreadId t);

} // namespace tangle::rt
