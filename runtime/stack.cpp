// The frame-pointer walk behind every recorded stack.
#include "runtime/stack.h"

#include "runtime/runtime_state.h"

namespace tangle::rt {

namespace {
// A frame further than this from where the walk started is not believed.
constexpr uintptr_t MaxWalk = 1 << 20;
} // namespace

void walkFrames(Stack &stack, uintptr_t fp, int first) {
  // Frames above the runtime's trampoline / main wrapper belong to libc.
  uintptr_t top = t_thread.stackTop ? t_thread.stackTop : UINTPTR_MAX;
  uintptr_t start = fp;
  for (int i = first; i < MaxFrames; ++i) {
    if (fp == 0 || (fp & 7) != 0 || fp >= top || fp - start > MaxWalk)
      return;
    auto *frame = reinterpret_cast<const uintptr_t *>(fp);
    uintptr_t next = frame[0], ret = frame[1];
    if (ret == 0 || next >= top)
      return;
    stack.frames[i] = ret;
    stack.framePointers[i] = next > fp ? next : 0;
    if (next <= fp)
      return;
    fp = next;
  }
}

} // namespace tangle::rt
