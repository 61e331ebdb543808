// See working_set.h. System calls are made directly: the file interceptors
// must not see the runtime reading /proc.
#include "runtime/working_set.h"

#include "runtime/futex.h"

#include <atomic>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace tangle::rt {

namespace {

constexpr uintptr_t Page = 4096;
constexpr uint32_t MaxMappings = 256;
// Larger mappings are reservations (the pool of thread stacks, the program's
// own arenas): reading their page map would cost more than it saves.
constexpr uintptr_t LargestMapping = uintptr_t(64) << 20;
constexpr uint64_t MaxPages = uint64_t(1) << 20; // 4 GiB of mappings
// Runs of pages to populate closer than this are populated as one: a
// system call costs about as much as populating 6 pages of code.
constexpr uint64_t ReadGap = 16;
constexpr uint64_t WriteGap = 1;

constexpr int PopulateRead = 22;  // MADV_POPULATE_READ (Linux 5.14)
constexpr int PopulateWrite = 23; // MADV_POPULATE_WRITE

// /proc/self/pagemap, one 64-bit entry per page.
constexpr uint64_t PagePresent = uint64_t(1) << 63;
constexpr uint64_t PageFileOrShared = uint64_t(1) << 61;
constexpr uint64_t PageExclusive = uint64_t(1) << 56;

struct Mapping {
  uintptr_t begin, end;
  uint64_t firstPage; // its first page's bit in the record
  bool writable;
};

// Private: the server's mappings, inherited by every execution.
Mapping g_mappings[MaxMappings];
uint32_t g_mappingCount = 0;
uint64_t g_pages = 0;

// Shared by the server and every execution: which pages executions wrote
// (anonymous pages of their own: copied on write, or fresh) and which pages
// of files they had mapped.
struct Record {
  std::atomic<uint64_t> executions;
  uint64_t words; // per bitmap
  std::atomic<uint64_t> bits[]; // written, then read
};
Record *g_record = nullptr;

long sys(long number, long a1 = 0, long a2 = 0, long a3 = 0, long a4 = 0) {
  return rawSyscall(number, a1, a2, a3, a4);
}

uintptr_t parseHex(const char *&p) {
  uintptr_t value = 0;
  for (;; ++p) {
    char c = *p;
    if (c >= '0' && c <= '9')
      value = value * 16 + uintptr_t(c - '0');
    else if (c >= 'a' && c <= 'f')
      value = value * 16 + uintptr_t(c - 'a' + 10);
    else
      return value;
  }
}

// One line of /proc/self/maps: "begin-end perms offset dev inode [path]".
void noteLine(const char *line, const char *end) {
  const char *p = line;
  uintptr_t begin = parseHex(p);
  if (*p++ != '-')
    return;
  uintptr_t finish = parseHex(p);
  if (*p++ != ' ' || end - p < 4)
    return;
  bool readable = p[0] == 'r', writable = p[1] == 'w', shared = p[3] == 's';
  // The kernel's own pages ([vvar], [vdso], [vsyscall]) are not populated.
  const char *name = static_cast<const char *>(memchr(p, '[', size_t(end - p)));
  bool special = name && (memcmp(name, "[v", 2) == 0);
  if (!readable || shared || special || finish <= begin ||
      finish - begin >= LargestMapping || g_mappingCount == MaxMappings)
    return;
  uint64_t pages = (finish - begin) / Page;
  if (g_pages + pages > MaxPages)
    return;
  g_mappings[g_mappingCount++] = {begin, finish, g_pages, writable};
  g_pages += pages;
}

void setBit(uint64_t bitmap, uint64_t bit) {
  std::atomic<uint64_t> &word = g_record->bits[bitmap * g_record->words + bit / 64];
  word.fetch_or(uint64_t(1) << (bit % 64), std::memory_order_relaxed);
}

bool bitSet(uint64_t bitmap, uint64_t bit) {
  return g_record->bits[bitmap * g_record->words + bit / 64].load(
             std::memory_order_relaxed) &
         (uint64_t(1) << (bit % 64));
}

// Populates the runs of set bits of `bitmap` in mapping m, runs closer than
// `gap` pages as one.
void populateRuns(const Mapping &m, uint64_t bitmap, uint64_t gap, int advice) {
  const uint64_t pages = (m.end - m.begin) / Page;
  uint64_t runBegin = 0, runEnd = 0; // [runBegin, runEnd) pages; empty: equal
  auto flush = [&] {
    if (runEnd > runBegin)
      sys(SYS_madvise, long(m.begin + runBegin * Page),
          long((runEnd - runBegin) * Page), advice);
  };
  for (uint64_t i = 0; i < pages; ++i) {
    if (!bitSet(bitmap, m.firstPage + i))
      continue;
    if (runEnd > runBegin && i - runEnd < gap) {
      runEnd = i + 1;
      continue;
    }
    flush();
    runBegin = i;
    runEnd = i + 1;
  }
  flush();
}

} // namespace

void noteServerMappings() {
  int fd = int(sys(SYS_openat, AT_FDCWD, long("/proc/self/maps"),
                   O_RDONLY | O_CLOEXEC));
  if (fd < 0)
    return;
  static char text[1 << 16];
  size_t kept = 0; // an incomplete line carried over
  for (;;) {
    long n = sys(SYS_read, fd, long(text + kept), long(sizeof(text) - kept));
    if (n <= 0)
      break;
    size_t size = kept + size_t(n);
    size_t from = 0;
    for (size_t i = 0; i < size; ++i)
      if (text[i] == '\n') {
        noteLine(text + from, text + i);
        from = i + 1;
      }
    kept = size - from;
    memmove(text, text + from, kept);
    if (kept == sizeof(text)) // a line longer than the buffer: give up
      break;
  }
  sys(SYS_close, fd);
  uint64_t words = (g_pages + 63) / 64;
  size_t bytes = sizeof(Record) + 2 * words * sizeof(uint64_t);
  void *mem = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED || g_mappingCount == 0) {
    g_mappingCount = 0;
    return;
  }
  g_record = new (mem) Record{};
  g_record->words = words;
}

void populateWorkingSet() {
  if (!g_record)
    return;
  g_record->executions.fetch_add(1, std::memory_order_relaxed);
  for (uint32_t i = 0; i < g_mappingCount; ++i) {
    const Mapping &m = g_mappings[i];
    if (m.writable)
      populateRuns(m, 0, WriteGap, PopulateWrite);
    populateRuns(m, 1, ReadGap, PopulateRead);
  }
}

void learnWorkingSet() {
  if (!g_record)
    return;
  uint64_t n = g_record->executions.load(std::memory_order_relaxed);
  if (n == 0 || ((n & (n - 1)) != 0 && n % 256 != 0))
    return;
  int fd = int(sys(SYS_openat, AT_FDCWD, long("/proc/self/pagemap"),
                   O_RDONLY | O_CLOEXEC));
  if (fd < 0)
    return;
  uint64_t entries[512];
  for (uint32_t i = 0; i < g_mappingCount; ++i) {
    const Mapping &m = g_mappings[i];
    const uint64_t pages = (m.end - m.begin) / Page;
    for (uint64_t done = 0; done < pages;) {
      uint64_t chunk = pages - done < 512 ? pages - done : 512;
      long got = sys(SYS_pread64, fd, long(entries), long(chunk * 8),
                     long((m.begin / Page + done) * 8));
      if (got <= 0)
        break;
      chunk = uint64_t(got) / 8;
      for (uint64_t k = 0; k < chunk; ++k) {
        uint64_t e = entries[k];
        if (!(e & PagePresent))
          continue;
        if (e & PageFileOrShared)
          setBit(1, m.firstPage + done + k);
        else if (m.writable && (e & PageExclusive))
          setBit(0, m.firstPage + done + k);
      }
      done += chunk;
    }
  }
  sys(SYS_close, fd);
}

} // namespace tangle::rt
