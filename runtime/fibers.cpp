// See fibers.h.
#include "runtime/fibers.h"

#include <cstring>
#include <link.h>

extern "C" {
// Pushes the callee-saved registers, MXCSR and the x87 control word, saves
// the stack pointer in *save, loads `load` and pops the same from there.
void tangle_fiber_swap(void **save, void *load);
// Where a prepared fiber's first swap returns to: calls r12(r13).
void tangle_fiber_start();
}

asm(R"(
  .text
  .globl tangle_fiber_swap
  .hidden tangle_fiber_swap
  .type tangle_fiber_swap, @function
tangle_fiber_swap:
  pushq %rbp
  pushq %rbx
  pushq %r12
  pushq %r13
  pushq %r14
  pushq %r15
  subq $8, %rsp
  stmxcsr (%rsp)
  fnstcw 4(%rsp)
  movq %rsp, (%rdi)
  movq %rsi, %rsp
  ldmxcsr (%rsp)
  fldcw 4(%rsp)
  addq $8, %rsp
  popq %r15
  popq %r14
  popq %r13
  popq %r12
  popq %rbx
  popq %rbp
  ret
  .size tangle_fiber_swap, .-tangle_fiber_swap

  .globl tangle_fiber_start
  .hidden tangle_fiber_start
  .type tangle_fiber_start, @function
tangle_fiber_start:
  .cfi_startproc
  .cfi_undefined rip
  movq %r13, %rdi
  callq *%r12
  ud2
  .cfi_endproc
  .size tangle_fiber_start, .-tangle_fiber_start
)");

namespace tangle::rt::fiber {

TlsAlias g_tlsAlias;

void prepare(Context &c, char *top, void (*entry)(int), int arg) {
  // makecontext: the entry's stack pointer is ((top - 8) & -16) - 8, its
  // return address there; here the start's call puts it there.
  const uintptr_t aligned = (reinterpret_cast<uintptr_t>(top) - 8) & ~15ul;
  auto *slot = reinterpret_cast<uint64_t *>(aligned - 64);
  slot[0] = 0x1f80 | uint64_t(0x37f) << 32;    // MXCSR, x87 control word
  slot[1] = 0;                                 // r15
  slot[2] = 0;                                 // r14
  slot[3] = uint64_t(int64_t(arg));            // r13
  slot[4] = reinterpret_cast<uint64_t>(entry); // r12
  slot[5] = 0;                                 // rbx
  slot[6] = 0; // rbp: the end of the frame chain
  slot[7] = reinterpret_cast<uint64_t>(&tangle_fiber_start);
  c.sp = slot;
}

void swap(Context &from, const Context &to) {
  tangle_fiber_swap(&from.sp, to.sp);
}

uintptr_t threadPointer() {
  uintptr_t tp;
  asm("movq %%fs:0, %0" : "=r"(tp));
  return tp;
}

namespace {

struct Scan {
  uintptr_t low = 0;
  const char *foreign = nullptr;
};

// The libraries whose thread-local variables are their own business: the
// C library's (errno, malloc's per-thread cache, the locale), the C++
// runtime's (the exception stack), and the runtime's.
bool ownTls(const char *name) {
  static const char *const known[] = {"libc.so",       "libstdc++.so",
                                      "libgcc_s.so",   "libm.so",
                                      "libpthread.so", "libtangle_rt.so"};
  const char *base = strrchr(name, '/');
  base = base ? base + 1 : name;
  for (const char *k : known)
    if (strncmp(base, k, strlen(k)) == 0)
      return true;
  return false;
}

int onModule(dl_phdr_info *info, size_t, void *arg) {
  auto &scan = *static_cast<Scan *>(arg);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) &ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_TLS || ph.p_memsz == 0)
      continue;
    if (!scan.foreign && !ownTls(info->dlpi_name))
      scan.foreign = info->dlpi_name[0] ? info->dlpi_name : "the program";
    const auto data = reinterpret_cast<uintptr_t>(info->dlpi_tls_data);
    if (data && (scan.low == 0 || data < scan.low))
      scan.low = data;
  }
  return 0;
}

} // namespace

bool readTlsBlock(TlsBlock &b, const char *&foreign) {
  Scan scan;
  dl_iterate_phdr(onModule, &scan);
  foreign = scan.foreign;
  const uintptr_t tp = threadPointer();
  if (scan.low == 0 || scan.low >= tp)
    return false;
  b.low = scan.low & ~uintptr_t(15);
  b.high = tp;
  b.segments[0] = {0, uint32_t(b.high - b.low)};
  b.segmentCount = 1;
  b.hasTable = false;
  return true;
}

bool excludeFromCopy(TlsBlock &b, uintptr_t begin, size_t size) {
  if (begin < b.low || begin + size > b.high)
    return false;
  const uint32_t from = uint32_t(begin - b.low), to = uint32_t(from + size);
  for (uint32_t i = 0; i < b.segmentCount; ++i) {
    TlsBlock::Segment &s = b.segments[i];
    if (from < s.offset || to > s.offset + s.length)
      continue;
    const TlsBlock::Segment after = {to, s.offset + s.length - to};
    s.length = from - s.offset;
    if (after.length == 0)
      return true;
    if (b.segmentCount == sizeof(b.segments) / sizeof(b.segments[0]))
      return false;
    b.segments[b.segmentCount++] = after;
    return true;
  }
  return false;
}

bool copyTableByCount(TlsBlock &b, uintptr_t table, size_t entrySize,
                      size_t capacity, uintptr_t count) {
  if (count < b.low || count + sizeof(uint32_t) > b.high ||
      !excludeFromCopy(b, table, entrySize * capacity))
    return false;
  b.tableOffset = uint32_t(table - b.low);
  b.entrySize = uint32_t(entrySize);
  b.countOffset = uint32_t(count - b.low);
  b.hasTable = true;
  return true;
}

namespace {
// The copied parts of a block laid out as b's, from the one at `from` to
// the one at `to` (each its lowest address).
void copyParts(const TlsBlock &b, char *to, const char *from) {
  for (uint32_t i = 0; i < b.segmentCount; ++i)
    __builtin_memcpy(to + b.segments[i].offset, from + b.segments[i].offset,
                     b.segments[i].length);
  if (b.hasTable) {
    uint32_t count;
    __builtin_memcpy(&count, from + b.countOffset, sizeof count);
    __builtin_memcpy(to + b.tableOffset, from + b.tableOffset,
                     size_t(count) * b.entrySize);
  }
}
} // namespace

void saveTls(const TlsBlock &b, uintptr_t home) {
  copyParts(b, reinterpret_cast<char *>(home - (b.high - b.low)),
            reinterpret_cast<const char *>(b.low));
}

void loadTls(const TlsBlock &b, uintptr_t home) {
  copyParts(b, reinterpret_cast<char *>(b.low),
            reinterpret_cast<const char *>(home - (b.high - b.low)));
}

} // namespace tangle::rt::fiber
