// Fibers: the threads of an execution as stacks of one OS thread, entered
// by a switch of the stack pointer and the callee-saved registers, with the
// contents of the static thread-local block swapped beside it (each fiber
// keeps its own errno, malloc cache and runtime state at the same
// addresses). A reuse worker runs its executions so when the program
// allows it (docs/runtime.md, "Fibers"): a hand-off between two threads of
// the execution then costs a few hundred nanoseconds instead of a futex
// wake and wait (4-5 µs on this kind of virtual machine).
//
// The switch here is the mechanism only; which fiber runs is the
// scheduler's (runtime/reuse_worker.cpp). x86-64 only; libc only, no
// allocation.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tangle::rt::fiber {

/// Where the fiber on the CPU keeps its thread-local contents: the live
/// block [low, low + size) holds them, at addresses every fiber shares, and
/// `delta` moves such an address to the fiber's own block (its pooled
/// thread's: the address a thread of its own would have used; 0 for main).
/// The access log names memory by these addresses, so that two fibers'
/// thread-local variables (the C++ library's, written by code inlined into
/// the program) are two locations, as they are for threads. size 0: no
/// fibers.
struct TlsAlias {
  uintptr_t low, size;
  uintptr_t delta;
};
extern TlsAlias g_tlsAlias;

/// `address` as the fiber on the CPU's own (see TlsAlias).
inline uintptr_t unaliasTls(uintptr_t address) {
  return address - g_tlsAlias.low < g_tlsAlias.size ? address + g_tlsAlias.delta
                                                    : address;
}

/// A fiber that is not running: its saved stack pointer (the registers are
/// on its stack).
struct Context {
  void *sp = nullptr;
};

/// Prepares `c` to call `entry(arg)` on the stack whose highest usable
/// address is `top`, with the stack pointer at entry as glibc's
/// makecontext would give it for the same stack (so the frames of the
/// entry and below have the same addresses either way). `entry` must not
/// return.
void prepare(Context &c, char *top, void (*entry)(int), int arg);

/// Saves the caller's callee-saved registers, MXCSR and x87 control word
/// in `from` and resumes `to`; returns when a later swap resumes `from`.
void swap(Context &from, const Context &to);

/// The static thread-local block of the calling thread and how to swap
/// its contents. All threads of a process have the same layout below
/// their thread pointer (x86-64: TLS variant II, blocks below the TCB).
struct TlsBlock {
  uintptr_t low = 0, high = 0; // the calling thread's: [tp - size, tp)
  // The parts copied at a switch: the block but the excluded ranges.
  struct Segment {
    uint32_t offset, length;
  };
  Segment segments[8];
  uint32_t segmentCount = 0;
  // A table whose used part a count says (the runtime's thread_local
  // destructors: 4 KiB, mostly empty): only that part is copied.
  uint32_t tableOffset = 0, entrySize = 0, countOffset = 0;
  bool hasTable = false;
};

/// Reads the calling thread's static thread-local block: from the lowest
/// module block (dl_iterate_phdr) to the thread pointer. False if there is
/// none to find. `foreign` is set to the name of the first module with
/// thread-local storage other than the C and C++ runtime libraries and the
/// runtime itself (null if none): a program whose own code has
/// thread-local variables could pass their addresses from one thread to
/// another, and every fiber's are at the same address.
bool readTlsBlock(TlsBlock &b, const char *&foreign);

/// Leaves [begin, begin + size) out of the copied parts (a cache whose
/// entries say which thread and step they belong to). Before the first
/// copy; false if it is not in the block or there are too many parts.
bool excludeFromCopy(TlsBlock &b, uintptr_t begin, size_t size);

/// The table at [table, table + entrySize * capacity) whose used entries
/// the uint32_t at `count` says: copied up to that count only.
bool copyTableByCount(TlsBlock &b, uintptr_t table, size_t entrySize,
                      size_t capacity, uintptr_t count);

/// The calling thread's thread pointer.
uintptr_t threadPointer();

/// Copies the live block's parts to the block below thread pointer `home`
/// (another thread's, or a buffer of the same size ending at `home`).
void saveTls(const TlsBlock &b, uintptr_t home);

/// Copies the parts of the block below `home` into the live block.
void loadTls(const TlsBlock &b, uintptr_t home);

} // namespace tangle::rt::fiber
