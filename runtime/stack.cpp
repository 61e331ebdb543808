// The frame-pointer walk behind every recorded stack.
#include "runtime/stack.h"

#include "runtime/runtime_state.h"

#include <link.h>

namespace tangle::rt {

namespace {
// A frame further than this from where the walk started is not believed.
constexpr uintptr_t MaxWalk = 1 << 20;

// The runtime's executable segment, [begin, end).
uintptr_t g_textBegin = 0, g_textEnd = 0;

int findOwnText(dl_phdr_info *info, size_t, void *) {
  auto self = reinterpret_cast<uintptr_t>(&findRuntimeText);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) &ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD || !(ph.p_flags & PF_X))
      continue;
    uintptr_t begin = info->dlpi_addr + ph.p_vaddr;
    if (self >= begin && self < begin + ph.p_memsz) {
      g_textBegin = begin;
      g_textEnd = begin + ph.p_memsz;
      return 1;
    }
  }
  return 0;
}
} // namespace

void findRuntimeText() {
  if (!g_textBegin)
    dl_iterate_phdr(findOwnText, nullptr);
}

bool inRuntimeText(uintptr_t pc) { return pc >= g_textBegin && pc < g_textEnd; }

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

namespace tangle::rt {

void walkDeepFrames(Stack &stack, uintptr_t fp) {
  // Walk into a larger stack of the same shape, then keep the innermost
  // frame and the outermost ones.
  constexpr int Deep = 64;
  uintptr_t frames[Deep], framePointers[Deep];
  int n = 0;
  uintptr_t top = t_thread.stackTop ? t_thread.stackTop : UINTPTR_MAX;
  uintptr_t start = fp;
  while (n < Deep) {
    if (fp == 0 || (fp & 7) != 0 || fp >= top || fp - start > MaxWalk)
      break;
    auto *frame = reinterpret_cast<const uintptr_t *>(fp);
    uintptr_t next = frame[0], ret = frame[1];
    if (ret == 0 || next >= top)
      break;
    frames[n] = ret;
    framePointers[n] = next > fp ? next : 0;
    ++n;
    if (next <= fp)
      break;
    fp = next;
  }
  int skip = n > MaxFrames ? n - MaxFrames : 0;
  for (int i = 0, from = 0; from < n && i < MaxFrames; ++i, ++from) {
    if (i == 1)
      from += skip;
    stack.frames[i] = frames[from];
    stack.framePointers[i] = framePointers[from];
  }
}

} // namespace tangle::rt
