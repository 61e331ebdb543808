// Call stacks by frame-pointer walk: allocation-free, safe to run in a
// signal handler. Programs under tangle are compiled with frame pointers.
#pragma once

#include "model/event.h"

#include <cstddef>
#include <cstdint>

namespace tangle::rt {

/// Fills stack.frames[first..] with the return addresses found by walking
/// the frame-pointer chain from `fp` (a frame whose [fp] is the caller's
/// frame pointer and [fp+8] the return address into the caller), and
/// framePointers[i] with the frame base of the function frames[i] returns
/// into. Stops at the first implausible frame or at the thread's stack top.
void walkFrames(Stack &stack, uintptr_t fp, int first = 0);

/// Like walkFrames from frame 0, for calls made deep inside library code
/// (libstdc++'s headers put ten frames between `done.wait()` and its
/// futex): walks up to 64 frames and keeps the innermost one and the
/// outermost MaxFrames - 1, where the student's call is.
void walkDeepFrames(Stack &stack, uintptr_t fp);

/// Remembers where the runtime's own code lies (once, before any fork), so
/// that a signal handler can tell an interrupted hook from the program.
void findRuntimeText();

/// Whether `pc` lies in the runtime's own code. Async-signal-safe.
bool inRuntimeText(uintptr_t pc);

/// The stack of the instrumented program at its last memory-access hook:
/// frames[0] is the return address of that hook (a point in the accessing
/// function), then the instrumentation's shadow stack. False when the
/// thread made no instrumented access yet. Async-signal-safe; for a thread
/// interrupted inside a hook, whose frame-pointer chain is not set up.
bool lastInstrumentedStack(Stack &stack);

/// The calling thread's filter of repeated accesses (tsan_interface.cpp), a
/// part of its thread-local block: fibers share it (each entry names the
/// step it belongs to, which no other thread's access has).
void repeatFilterBlock(uintptr_t &begin, size_t &size);

/// The stack of the interceptor's caller: frames[0] is the return address
/// into the program. Use in an interceptor (which has a frame).
#define TANGLE_CALLER_STACK(stack)                                             \
  ::tangle::rt::walkFrames(                                                    \
      stack, reinterpret_cast<uintptr_t>(__builtin_frame_address(0)))

} // namespace tangle::rt
