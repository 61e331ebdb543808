// See snapshot.h. Everything the module keeps is in mappings of its own,
// excluded from the snapshot: the control block (tables, private stack,
// statistics), and, per take(), the copies of the pages.
//
// Which pages are present comes from PAGEMAP_SCAN ioctls (Linux 6.7) over
// the anonymous recorded pieces, a few spans of them, as runs: their cost
// follows the page tables that exist, not the address space (ten threads'
// 8 MiB stacks cost 70 µs per rewind with mincore, a byte per page, on this
// VM). mincore where it is missing. /proc/self/maps and /proc/self/pagemap
// stay open from take() on (keepDescriptor).
// The one global, g_control, is written before the first recording and
// keeps its value, so putting the program's .bss back leaves it as it is.
#include "runtime/snapshot.h"

#include "runtime/aside.h"
#include "runtime/futex.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <initializer_list>
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>

namespace tangle::rt::snapshot {

namespace {

constexpr uintptr_t Page = 4096;
constexpr uint32_t MaxExcluded = 256;
constexpr uint32_t OwnRanges = 2; // the control block, the copies
constexpr uint32_t MaxMappings = 1024;
constexpr uint32_t MaxRuns = 8192;
constexpr size_t MincoreChunk = 64 << 10; // pages per mincore call
constexpr size_t StackBytes = 256 << 10;
constexpr size_t MapsBytes = 64 << 10;
constexpr uintptr_t VsyscallPage = 0xffffffffff600000;
constexpr int PopulateWrite = 23; // MADV_POPULATE_WRITE (Linux 5.14)

// What a mapping is, from its line of /proc/self/maps.
enum Kind : uint8_t {
  Shared = 1,
  File = 2,   // an inode behind it (a shared anonymous mapping has one too)
  Stack = 4,  // main's [stack], which the kernel grows
  Contents = 8, // recorded: private, and writable or anonymous and readable
};

struct Piece {
  uintptr_t begin, end;
  uint64_t offset, dev, inode;
  uint8_t prot;
  uint8_t kind;
};

// Callee-saved registers, the stack pointer after take()'s call of save and
// the address it returns to. The offsets are the assembly's below.
// Pages present: the layout of the kernel's struct page_region, whose third
// field (the categories) a recorded run uses for the index of its first
// page's copy.
struct Run {
  uint64_t begin, end, firstCopy;
};

// From linux/fs.h (6.7), which the build's headers may predate.
struct PageMapScan {
  uint64_t size, flags, start, end, walkEnd, vec, vecLen, maxPages;
  uint64_t categoryInverted, categoryMask, categoryAnyOf, returnMask;
};
constexpr unsigned long PageMapScanIoctl = _IOWR('f', 16, PageMapScan);
constexpr uint64_t PageIsFile = 1 << 2, PageIsPresent = 1 << 3,
                   PageIsSwapped = 1 << 4;

struct Registers {
  uint64_t rbx, rbp, r12, r13, r14, r15, rsp, rip;
};

struct Control {
  Registers registers;
  uint64_t signalMask;
  uintptr_t brk;
  bool taken;
  bool copyWithoutCompare;
  Range own[OwnRanges];
  Range excluded[MaxExcluded];
  uint32_t excludedCount;
  Piece recorded[MaxMappings];
  uint32_t recordedCount;
  Piece current[MaxMappings];
  uint32_t currentCount;
  Run recordedRuns[MaxRuns]; // pages recorded, in the pieces with contents
  uint32_t recordedRunCount;
  Run presentRuns[MaxRuns]; // anonymous pages present, from the last scan
  uint32_t presentRunCount;
  bool noPageMapScan; // the kernel said no once, or setPresenceByMincore
  // /proc/self/maps and /proc/self/pagemap, opened by take() and kept for
  // every rewind (0 or less: not kept; see keepDescriptor), in process pid.
  int mapsFd, pagemapFd;
  long pid;
  // watchMappingCalls' counter (0 or less: none), its count when the last
  // take() or rewind() ended with c->current describing the mappings as
  // they were (currentValid), which a rewind then reuses if the count has
  // not moved since.
  int callsFd;
  uint64_t callsAfter;
  bool currentValid;
  // The page faults of the process (pageFaults()) as the last rewind
  // began, when it ended with c->presentRuns still saying which pages are
  // present (presentValid): a rewind reuses them if no fault and no mapping
  // call came since (restore()).
  uint64_t faultsAfter;
  bool presentValid;
  // Without the counter: the mappings the last rewind read, when it ended
  // having set nothing back (presentValid): a rewind that reads the same
  // again, with no fault since, reuses the present pages too.
  Piece lastRead[MaxMappings];
  uint32_t lastReadCount;
  unsigned char mincoreAnswer[MincoreChunk];
  char *copies;
  size_t copiesBytes;
  uint64_t recordedPages;
  Stats last, all;
  char error[256];
  char maps[MapsBytes];
  alignas(16) char stack[StackBytes];
};

Control *g_control = nullptr;

long sys(long number, long a1 = 0, long a2 = 0, long a3 = 0, long a4 = 0,
         long a5 = 0, long a6 = 0) {
  return rawSyscall(number, a1, a2, a3, a4, a5, a6);
}

bool failed(long result) { return result < 0 && result > -4096; }

// Out of the program's way (aside.h): the copies' size depends on how
// much memory the worker has, which must not move the program's mappings.
void *mapAnonymous(size_t bytes) { return mapAside(bytes); }

uintptr_t roundUp(uintptr_t n) { return (n + Page - 1) & ~(Page - 1); }

uint64_t nanoseconds() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return uint64_t(ts.tv_sec) * 1000000000u + uint64_t(ts.tv_nsec);
}

Control *control() {
  if (!g_control) {
    void *mem = mapAnonymous(roundUp(sizeof(Control)));
    if (!mem)
      return nullptr;
    g_control = static_cast<Control *>(mem); // zero-filled: a valid Control
    g_control->own[0] = {uintptr_t(mem), uintptr_t(mem) + roundUp(sizeof(Control))};
  }
  return g_control;
}

void setError(Control *c, const char *what, uintptr_t address = 0) {
  size_t n = strlen(what);
  if (n > sizeof(c->error) - 32)
    n = sizeof(c->error) - 32;
  memcpy(c->error, what, n);
  if (address) {
    memcpy(c->error + n, " at 0x", 6);
    n += 6;
    char digits[16];
    int count = 0;
    do {
      digits[count++] = "0123456789abcdef"[address % 16];
      address /= 16;
    } while (address);
    while (count)
      c->error[n++] = digits[--count];
  }
  c->error[n] = 0;
}

uint64_t parseNumber(const char *&p, const char *end, unsigned base) {
  uint64_t value = 0;
  for (; p < end; ++p) {
    unsigned digit;
    if (*p >= '0' && *p <= '9')
      digit = unsigned(*p - '0');
    else if (base == 16 && *p >= 'a' && *p <= 'f')
      digit = unsigned(*p - 'a' + 10);
    else
      break;
    value = value * base + digit;
  }
  return value;
}

// "begin-end perms offset major:minor inode [path]". False for the lines
// that are not the program's memory ([vvar], [vdso], [vsyscall]) and for
// lines it cannot read.
bool parseLine(const char *p, const char *end, Piece &out) {
  out = Piece{};
  out.begin = parseNumber(p, end, 16);
  if (p == end || *p++ != '-')
    return false;
  out.end = parseNumber(p, end, 16);
  if (end - p < 6 || *p++ != ' ')
    return false;
  out.prot = uint8_t((p[0] == 'r' ? PROT_READ : 0) |
                     (p[1] == 'w' ? PROT_WRITE : 0) |
                     (p[2] == 'x' ? PROT_EXEC : 0));
  if (p[3] == 's')
    out.kind |= Shared;
  p += 5;
  out.offset = parseNumber(p, end, 16);
  if (p < end)
    ++p;
  uint64_t major = parseNumber(p, end, 16);
  if (p < end)
    ++p;
  out.dev = major << 32 | parseNumber(p, end, 16);
  if (p < end)
    ++p;
  out.inode = parseNumber(p, end, 10);
  if (out.inode)
    out.kind |= File;
  while (p < end && *p == ' ')
    ++p;
  if (end - p >= 2 && p[0] == '[' && p[1] == 'v')
    return false;
  if (end - p == 7 && memcmp(p, "[stack]", 7) == 0)
    out.kind |= Stack;
  return out.end > out.begin;
}

// Descriptor `fd` moved to the lowest free number from `below` under the
// top of the descriptors the process may have (RLIMIT_NOFILE, at most
// 1024), close-on-exec, where the program's own, numbered from the lowest
// free, do not reach; -1 if it cannot. Closes `fd` either way.
int moveHigh(long fd, uint64_t below) {
  struct {
    uint64_t soft, hard;
  } limit{};
  long high = -1;
  if (!failed(sys(SYS_prlimit64, 0, RLIMIT_NOFILE, 0, long(&limit)))) {
    uint64_t top = limit.soft < 1024 ? limit.soft : 1024;
    if (top > 8)
      high = sys(SYS_fcntl, fd, F_DUPFD_CLOEXEC, long(top - below));
  }
  sys(SYS_close, fd);
  return failed(high) ? -1 : int(high);
}

// A descriptor of `path` for every rewind, so that each does not open and
// close it again (an open of a /proc file costs 3.5 us here, its close 1):
// moved to the top of the descriptors the process may have (RLIMIT_NOFILE,
// at most 1024), where the program's own, numbered from the lowest free,
// do not reach unless it uses all but two. -1 if it cannot; each rewind
// then opens the file as it needs it. Safe to keep because a rewind runs
// only in the process that took the snapshot (a child inherits them, but
// never rewinds), and a program that closes or replaces them (close,
// dup2, dup3, close_range, closefrom) taints its reuse worker, which then
// never rewinds: reuse_worker.cpp.
int keepDescriptor(const char *path) {
  long fd = sys(SYS_openat, AT_FDCWD, long(path), O_RDONLY | O_CLOEXEC);
  return failed(fd) ? -1 : moveHigh(fd, 2);
}

// Descriptors kept by another process (the one this was forked from: the
// tests fork) are its own, as /proc/self names the process that opens it:
// released, this process opens its own from here.
void ownDescriptors(Control *c) {
  const long pid = sys(SYS_getpid);
  if (pid != c->pid) {
    releaseDescriptors();
    c->pid = pid;
  }
}

// Opens what take() and the rewinds keep open that is not open yet.
void openKept(Control *c) {
  if (c->mapsFd <= 0)
    c->mapsFd = keepDescriptor("/proc/self/maps");
  if (c->pagemapFd <= 0 && !c->noPageMapScan)
    c->pagemapFd = keepDescriptor("/proc/self/pagemap");
}

// The calls that can change a process's mappings, by number (x86-64), for
// watchMappingCalls' filter: the mapping calls themselves, those that split
// or change a mapping's flags (madvise, mlock, mbind), those that make or
// remove one inside the kernel (shmat, io_setup, map_shadow_stack), prctl
// (PR_SET_VMA names anonymous memory), and userfaultfd (whose ioctls make
// pages present without a fault of this process: restore()).
constexpr const char *MappingCallsFilter =
    "id == 9 || id == 10 || id == 11 || id == 12 || id == 25 || id == 28 || "
    "id == 30 || id == 67 || id == 149 || id == 150 || id == 151 || "
    "id == 152 || id == 157 || id == 206 || id == 207 || id == 216 || "
    "id == 237 || id == 323 || id == 325 || id == 329 || id == 440 || "
    "id == 453 || id == 462";

// The number in a small text file (a tracepoint's id), or -1.
long numberInFile(const char *path) {
  int fd = int(sys(SYS_openat, AT_FDCWD, long(path), O_RDONLY | O_CLOEXEC));
  if (fd < 0)
    return -1;
  char text[24];
  long n = sys(SYS_read, fd, long(text), long(sizeof(text)));
  sys(SYS_close, fd);
  long value = -1;
  for (long i = 0; i < n && text[i] >= '0' && text[i] <= '9'; ++i)
    value = (value < 0 ? 0 : value * 10) + (text[i] - '0');
  return value;
}

// The count of watchMappingCalls' counter, or ~0 when it cannot be read
// (which matches no count kept).
uint64_t mappingCalls(const Control *c) {
  uint64_t count = 0;
  if (c->callsFd <= 0 || sys(SYS_read, c->callsFd, long(&count),
                             long(sizeof(count))) != long(sizeof(count)))
    return ~uint64_t(0);
  return count;
}

// The page faults of the whole process so far (every thread, living or
// ended: minor and major), or ~0 when they cannot be read.
uint64_t pageFaults() {
  rusage usage;
  if (failed(sys(SYS_getrusage, RUSAGE_SELF, long(&usage))))
    return ~uint64_t(0);
  return uint64_t(usage.ru_minflt) + uint64_t(usage.ru_majflt);
}

// Reads /proc/self/maps into c->current: through the kept descriptor, with
// pread from offset 0, or opened and closed here. False (and an error) if
// it cannot.
bool readMaps(Control *c, Stats &stats) {
  uint64_t start = nanoseconds();
  c->currentCount = 0;
  int fd = c->mapsFd;
  long n = -EBADF;
  if (fd > 0 &&
      failed(n = sys(SYS_pread64, fd, long(c->maps), long(MapsBytes), 0)))
    c->mapsFd = 0; // closed behind its back: open it as if never kept
  const bool opened = failed(n);
  if (opened) {
    fd = int(sys(SYS_openat, AT_FDCWD, long("/proc/self/maps"),
                 O_RDONLY | O_CLOEXEC));
    if (fd < 0) {
      setError(c, "cannot open /proc/self/maps");
      return false;
    }
    n = sys(SYS_read, fd, long(c->maps), long(MapsBytes));
  }
  bool ok = true;
  // The last line on x86-64 is the [vsyscall] page's (the kernel adds the
  // gate area after every mapping): once read, the read that would return
  // 0 (a system call) is not needed.
  bool end = false;
  long offset = 0;
  size_t kept = 0; // an incomplete line carried over
  while (n > 0) {
    offset += n;
    size_t size = kept + size_t(n), from = 0;
    for (size_t i = 0; i < size && ok; ++i) {
      if (c->maps[i] != '\n')
        continue;
      Piece piece;
      if (parseLine(c->maps + from, c->maps + i, piece)) {
        if (c->currentCount == MaxMappings) {
          setError(c, "more mappings than the snapshot's table holds");
          ok = false;
        } else {
          c->current[c->currentCount++] = piece;
        }
      } else if (piece.begin == VsyscallPage) {
        end = true;
      }
      from = i + 1;
    }
    kept = size - from;
    memmove(c->maps, c->maps + from, kept);
    if (!ok || end || kept == MapsBytes)
      break;
    // Each read of a /proc/PID/maps returns at most a page of lines.
    n = sys(SYS_pread64, fd, long(c->maps + kept), long(MapsBytes - kept),
            offset);
  }
  if (opened)
    sys(SYS_close, fd);
  stats.mapsReads += 1;
  stats.mapsNanoseconds += nanoseconds() - start;
  return ok;
}

const Range &exclusion(const Control *c, uint32_t k) {
  return k < OwnRanges ? c->own[k] : c->excluded[k - OwnRanges];
}

// Calls f(a, b) on each part of [begin, end) outside every excluded range,
// in address order; stops at (and returns) the first false.
template <class F>
bool outsideExclusions(const Control *c, uintptr_t begin, uintptr_t end,
                       uint32_t from, F &f) {
  for (uint32_t k = from; k < OwnRanges + c->excludedCount; ++k) {
    const Range &e = exclusion(c, k);
    if (e.begin >= end || e.end <= begin)
      continue;
    if (begin < e.begin && !outsideExclusions(c, begin, e.begin, k + 1, f))
      return false;
    return e.end >= end || outsideExclusions(c, e.end, end, k + 1, f);
  }
  return f(begin, end);
}

// Whether the mappings just read (c->current) are those the last rewind
// read (c->lastRead), piece by piece: the same ranges, files, offsets and
// protections.
bool sameAsLastRead(const Control *c) {
  if (c->currentCount != c->lastReadCount)
    return false;
  for (uint32_t i = 0; i < c->currentCount; ++i) {
    const Piece &a = c->current[i], &b = c->lastRead[i];
    if (a.begin != b.begin || a.end != b.end || a.offset != b.offset ||
        a.dev != b.dev || a.inode != b.inode || a.prot != b.prot ||
        a.kind != b.kind)
      return false;
  }
  return true;
}

// The same memory: both anonymous and private or shared alike, or the same
// file at the same offset.
bool sameMapping(const Piece &r, const Piece &now, uintptr_t at) {
  if ((r.kind & (Shared | File)) != (now.kind & (Shared | File)))
    return false;
  return !(r.kind & File) ||
         (r.dev == now.dev && r.inode == now.inode &&
          r.offset + (at - r.begin) == now.offset + (at - now.begin));
}

enum Action { Keep, Unmap, Recreate, Protect, DiscardAndProtect, Refuse };

// What to do with a range where `r` was recorded (or nothing) and `now`
// is mapped (or nothing). A refusal names its reason in *why.
Action decide(const Piece *r, const Piece *now, uintptr_t at,
              const char **why) {
  if (!r) {
    if (now->kind & Stack)
      return Keep; // the kernel grew main's stack
    if (now->kind & Shared) {
      *why = "a shared mapping made since the snapshot";
      return Refuse;
    }
    return Unmap;
  }
  // Anonymous private memory, or a copy of all of a file mapping's pages.
  bool recreatable = (r->kind & Contents) || !(r->kind & (File | Shared));
  if (!now || !sameMapping(*r, *now, at)) {
    if (now && (now->kind & Shared)) {
      *why = "a shared mapping made since the snapshot";
      return Refuse;
    }
    if (recreatable)
      return Recreate;
    *why = (r->kind & Shared)
               ? "a shared mapping unmapped or replaced since the snapshot"
               : "a read-only file mapping unmapped or replaced since the snapshot";
    return Refuse;
  }
  if (now->prot == r->prot)
    return Keep;
  if ((r->kind & File) && !(r->kind & Contents) && (now->prot & PROT_WRITE)) {
    *why = "a read-only file mapping made writable since the snapshot";
    return Refuse;
  }
  // A reservation opened since (a malloc arena grown): its pages go, as
  // the program expects fresh ones when it opens them again.
  if (r->prot == PROT_NONE && !(r->kind & (File | Shared)))
    return DiscardAndProtect;
  return Protect;
}

// Calls f(begin, end, recorded or null, now or null) on the ranges where
// either table has a mapping, split where either changes, in address order.
template <class F> bool sweep(Control *c, F f) {
  const Piece *r = c->recorded, *rEnd = r + c->recordedCount;
  const Piece *n = c->current, *nEnd = n + c->currentCount;
  uintptr_t at = 0;
  for (;;) {
    while (r < rEnd && r->end <= at)
      ++r;
    while (n < nEnd && n->end <= at)
      ++n;
    if (r == rEnd && n == nEnd)
      return true;
    const Piece *inR = r < rEnd && r->begin <= at ? r : nullptr;
    const Piece *inN = n < nEnd && n->begin <= at ? n : nullptr;
    if (!inR && !inN) {
      at = UINTPTR_MAX;
      if (r < rEnd)
        at = r->begin;
      if (n < nEnd && n->begin < at)
        at = n->begin;
      continue;
    }
    uintptr_t end = UINTPTR_MAX;
    if (r < rEnd)
      end = inR ? r->end : r->begin;
    if (n < nEnd) {
      uintptr_t e = inN ? n->end : n->begin;
      end = e < end ? e : end;
    }
    auto part = [&](uintptr_t a, uintptr_t b) { return f(a, b, inR, inN); };
    if (!outsideExclusions(c, at, end, 0, part))
      return false;
    at = end;
  }
}

// Whether a page holds only zeros. A rewind asks it of every page made
// present since the snapshot (and take() of every present page): a pooled
// thread's stack has several such pages at its top, so on readers N=10 it
// was most of the time spent on contents (80%, perf annotate). 128 bytes
// are OR-ed together before each test: with a test per 8 bytes, as before,
// the contents took 48-72 us a rewind there, now 28-42 (at load 4; docs/
// bench.md, "A rewind's zero pages and present pages").
bool allZero(const char *page) {
  typedef uint64_t Bytes16 __attribute__((vector_size(16), may_alias));
  const Bytes16 *v = reinterpret_cast<const Bytes16 *>(page);
  for (size_t i = 0; i < Page / sizeof(Bytes16); i += 8) {
    const Bytes16 any = (v[i] | v[i + 1]) | (v[i + 2] | v[i + 3]) |
                        (v[i + 4] | v[i + 5]) | (v[i + 6] | v[i + 7]);
    if (any[0] | any[1])
      return false;
  }
  return true;
}

// Appends [begin, end) to c->presentRuns, merged with the last run if it
// continues it.
bool addPresent(Control *c, uint64_t begin, uint64_t end) {
  uint32_t &n = c->presentRunCount;
  if (n && c->presentRuns[n - 1].end == begin) {
    c->presentRuns[n - 1].end = end;
    return true;
  }
  if (n == MaxRuns)
    return false;
  c->presentRuns[n++] = {begin, end, 0};
  return true;
}

// What a PAGEMAP_SCAN's walk costs, roughly, in nanoseconds, as measured
// in a reuse worker's rewinds (docs/bench.md): 2-3 us a call; ~0.1 us a
// mapping; a file mapping's pages mostly present (libc's 1.4 MiB of code
// cost 3 us), each looked at; others by their size, as if present (the
// kernel looks at every entry of a page table that exists: the worker's
// 0.9 MiB of bookkeeping and the module's own 0.3 MiB between the runtime's
// heap and the program's cost ~4 us, the runtime's shared region of 222
// MiB 4-8 us), which makes any large one worth a call to leave out.
constexpr uint64_t ScanCallNs = 2000, ScanMappingNs = 100, ScanFilePageNs = 8,
                   ScanPageNs = 5;
constexpr uint32_t MaxScanSpans = 16;

uint64_t walkCost(const Piece &p, uintptr_t a, uintptr_t b) {
  a = a > p.begin ? a : p.begin;
  b = b < p.end ? b : p.end;
  if (b <= a)
    return 0;
  const bool code = (p.kind & File) && !(p.kind & Shared);
  return ScanMappingNs +
         (code ? ScanFilePageNs : ScanPageNs) * ((b - a) / Page);
}

// The spans the scan walks, one call each: the anonymous recorded pieces
// with contents (a file mapping's pages are compared whole anyway),
// grouped so that a span leaves out what lies between two pieces when
// walking it would cost more than a call: the runtime's regions and
// libraries' code between the program's memory, say. The current mappings
// (from the last reading, possibly before this rewind's changes: an
// estimate) say what lies between.
//
// A piece is cut to its parts outside the excluded ranges, and left out if
// it has none: the pool's stacks that no thread of a reuse worker takes are
// excluded after take() (endProbe), and walking their page tables cost 5 of
// the 16 us the pool's span took on readers N=10, with 11 of 16 in use.
uint32_t scanSpans(const Control *c, Range *spans) {
  uint32_t count = 0, at = 0; // at: the first current piece not before
  for (uint32_t i = 0; i < c->recordedCount; ++i) {
    const Piece &piece = c->recorded[i];
    if (!(piece.kind & Contents) || (piece.kind & File))
      continue;
    Range r = {UINTPTR_MAX, 0};
    auto part = [&](uintptr_t a, uintptr_t b) {
      r.begin = r.begin < a ? r.begin : a;
      r.end = b;
      return true;
    };
    outsideExclusions(c, piece.begin, piece.end, 0, part);
    if (r.end == 0)
      continue;
    if (count == 0) {
      spans[count++] = r;
      continue;
    }
    Range &last = spans[count - 1];
    uint64_t between = 0;
    while (at < c->currentCount && c->current[at].end <= last.end)
      ++at;
    for (uint32_t k = at;
         k < c->currentCount && c->current[k].begin < r.begin &&
         between <= ScanCallNs;
         ++k)
      between += walkCost(c->current[k], last.end, r.begin);
    if (between > ScanCallNs && count < MaxScanSpans)
      spans[count++] = r;
    else
      last.end = r.end;
  }
  return count;
}

// The anonymous pages present in the recorded pieces with contents, into
// c->presentRuns in address order (others may come along: excluded ones,
// the stack grown below its recorded part).
bool scanPresent(Control *c, Stats &stats) {
  c->presentRunCount = 0;
  if (!c->noPageMapScan) {
    Range spans[MaxScanSpans];
    const uint32_t spanCount = scanSpans(c, spans);
    if (spanCount == 0)
      return true;
    int fd = c->pagemapFd;
    if (fd <= 0 &&
        (fd = int(sys(SYS_openat, AT_FDCWD, long("/proc/self/pagemap"),
                      O_RDONLY | O_CLOEXEC))) < 0) {
      setError(c, "cannot open /proc/self/pagemap");
      return false;
    }
    long result = 0;
    for (uint32_t k = 0; k < spanCount && result >= 0; ++k) {
      PageMapScan scan{};
      scan.size = sizeof(scan);
      scan.start = spans[k].begin;
      scan.end = spans[k].end;
      scan.categoryInverted = PageIsFile; // anonymous: not a file's page
      scan.categoryMask = PageIsFile;
      scan.categoryAnyOf = scan.returnMask = PageIsPresent | PageIsSwapped;
      for (;;) {
        scan.vec = uint64_t(c->presentRuns + c->presentRunCount);
        scan.vecLen = MaxRuns - c->presentRunCount;
        result = sys(SYS_ioctl, fd, long(PageMapScanIoctl), long(&scan));
        stats.pageScans += 1;
        if (result < 0)
          break;
        c->presentRunCount += uint32_t(result);
        if (scan.walkEnd >= scan.end)
          break;
        if (c->presentRunCount == MaxRuns) {
          result = -1;
          break;
        }
        scan.start = scan.walkEnd;
      }
    }
    if (fd != c->pagemapFd)
      sys(SYS_close, fd);
    if (result >= 0)
      return true;
    if (result == -EBADF && fd == c->pagemapFd) {
      c->pagemapFd = 0; // closed behind its back: open it as if never kept
      return scanPresent(c, stats);
    }
    if (result != -ENOTTY && result != -EINVAL) {
      setError(c, "more runs of present pages than the snapshot holds");
      return false;
    }
    c->noPageMapScan = true;
    c->presentRunCount = 0;
    releaseDescriptors();
  }
  for (uint32_t i = 0; i < c->recordedCount; ++i) {
    const Piece &p = c->recorded[i];
    if (!(p.kind & Contents))
      continue;
    for (uintptr_t at = p.begin; at < p.end;) {
      uintptr_t pages = (p.end - at) / Page;
      pages = pages < MincoreChunk ? pages : MincoreChunk;
      stats.pageScans += 1;
      if (failed(sys(SYS_mincore, long(at), long(pages * Page),
                     long(c->mincoreAnswer)))) {
        setError(c, "mincore failed on a mapping", at);
        return false;
      }
      for (uintptr_t k = 0; k < pages; ++k)
        if ((c->mincoreAnswer[k] & 1) &&
            !addPresent(c, at + k * Page, at + (k + 1) * Page)) {
          setError(c, "more runs of present pages than the snapshot holds");
          return false;
        }
      at += pages * Page;
    }
  }
  return true;
}

// Puts back the bytes of [a, b), part of recorded piece r, mapped with its
// recorded protection. The cursors into the recorded and present runs only
// move forward: the parts come in address order.
struct Cursors {
  uint32_t recorded = 0, present = 0;
};

bool restoreContents(Control *c, const Piece &r, uintptr_t a, uintptr_t b,
                     Cursors &at, Stats &stats, uint64_t &counted) {
  bool writable = r.prot & PROT_WRITE;
  if (!writable) {
    counted += 1; // mprotect: a mapping call, as the counter sees it
    if (failed(sys(SYS_mprotect, long(a), long(b - a),
                   r.prot | PROT_READ | PROT_WRITE)))
      return false;
  }
  const Run *recorded = c->recordedRuns, *present = c->presentRuns;
  const uint32_t recordedCount = c->recordedRunCount,
                 presentCount = c->presentRunCount;
  for (uintptr_t x = a; x < b;) {
    while (at.recorded < recordedCount && recorded[at.recorded].end <= x)
      ++at.recorded;
    while (at.present < presentCount && present[at.present].end <= x)
      ++at.present;
    const Run *then = at.recorded < recordedCount &&
                              recorded[at.recorded].begin <= x
                          ? &recorded[at.recorded]
                          : nullptr;
    // A file mapping's pages are all recorded; its present ones are not
    // in the scan (anonymous pages only): compare them all.
    bool now = (r.kind & File) ||
               (at.present < presentCount && present[at.present].begin <= x);
    if (!then && !now) {
      uintptr_t next = b;
      if (at.recorded < recordedCount && recorded[at.recorded].begin < next)
        next = recorded[at.recorded].begin;
      if (at.present < presentCount && present[at.present].begin < next)
        next = present[at.present].begin;
      x = next;
      continue;
    }
    char *page = reinterpret_cast<char *>(x);
    if (then) {
      const char *saved =
          c->copies + (then->firstCopy + (x - then->begin) / Page) * Page;
      bool same = false;
      if (now && !c->copyWithoutCompare) {
        stats.pagesCompared += 1;
        same = memcmp(page, saved, Page) == 0;
      }
      if (!same) {
        memcpy(page, saved, Page);
        stats.pagesCopied += 1;
      }
    } else if (!allZero(page)) {
      memset(page, 0, Page);
      stats.pagesZeroed += 1;
    }
    x += Page;
  }
  if (writable)
    return true;
  counted += 1;
  return !failed(sys(SYS_mprotect, long(a), long(b - a), r.prot));
}

} // namespace

} // namespace tangle::rt::snapshot

using tangle::rt::snapshot::Registers;

extern "C" {
// Saves the callee-saved registers, the stack pointer and the return
// address into *r; returns 0, and 1 when tangle_snapshot_jump(r) lands.
[[gnu::returns_twice]] int tangle_snapshot_save(Registers *r);
[[noreturn]] void tangle_snapshot_jump(const Registers *r);
// Calls fn(arg) with the stack pointer at top, and returns what it returns.
long tangle_snapshot_on_stack(void *top, long (*fn)(void *), void *arg);
}

asm(R"(
  .text
  .globl tangle_snapshot_save
  .hidden tangle_snapshot_save
  .type tangle_snapshot_save, @function
tangle_snapshot_save:
  movq %rbx, 0(%rdi)
  movq %rbp, 8(%rdi)
  movq %r12, 16(%rdi)
  movq %r13, 24(%rdi)
  movq %r14, 32(%rdi)
  movq %r15, 40(%rdi)
  leaq 8(%rsp), %rax
  movq %rax, 48(%rdi)
  movq (%rsp), %rax
  movq %rax, 56(%rdi)
  xorl %eax, %eax
  ret
  .size tangle_snapshot_save, .-tangle_snapshot_save

  .globl tangle_snapshot_jump
  .hidden tangle_snapshot_jump
  .type tangle_snapshot_jump, @function
tangle_snapshot_jump:
  movq 0(%rdi), %rbx
  movq 8(%rdi), %rbp
  movq 16(%rdi), %r12
  movq 24(%rdi), %r13
  movq 32(%rdi), %r14
  movq 40(%rdi), %r15
  movq 48(%rdi), %rsp
  movl $1, %eax
  jmpq *56(%rdi)
  .size tangle_snapshot_jump, .-tangle_snapshot_jump

  .globl tangle_snapshot_on_stack
  .hidden tangle_snapshot_on_stack
  .type tangle_snapshot_on_stack, @function
tangle_snapshot_on_stack:
  pushq %rbp
  movq %rsp, %rbp
  movq %rdi, %rsp
  movq %rdx, %rdi
  callq *%rsi
  movq %rbp, %rsp
  popq %rbp
  ret
  .size tangle_snapshot_on_stack, .-tangle_snapshot_on_stack
)");

namespace tangle::rt::snapshot {

namespace {

// The runs of pages take() copies, in c->recordedRuns, and their pages in
// `present`: every page of a file mapping with contents (those not present
// hold the file's bytes, not zeros), and the present pages of the anonymous
// ones. With `skipZeros`, an anonymous page of zeros is left out as if
// absent: a rewind zeroes it if it is not zero any more, as it does a page
// made since, and its copy (a page first touched: 10-15 us on this kind of
// VM) is not made; a third to a half of a reuse worker's present pages are
// (its pool's populated stacks, fresh heap and .bss). False when the runs
// do not fit the table (splitting at the zeros makes more).
bool recordRuns(Control *c, bool skipZeros, uint64_t &present) {
  c->recordedRunCount = 0;
  present = 0;
  auto add = [&](uint64_t begin, uint64_t end) {
    if (c->recordedRunCount == MaxRuns)
      return false;
    c->recordedRuns[c->recordedRunCount++] = {begin, end, present};
    present += (end - begin) / Page;
    return true;
  };
  uint32_t next = 0; // the first present run not wholly before the piece
  for (uint32_t i = 0; i < c->recordedCount; ++i) {
    const Piece &p = c->recorded[i];
    if (!(p.kind & Contents))
      continue;
    if (p.kind & File) {
      if (!add(p.begin, p.end))
        return false;
      continue;
    }
    while (next < c->presentRunCount && c->presentRuns[next].end <= p.begin)
      ++next;
    for (uint32_t k = next;
         k < c->presentRunCount && c->presentRuns[k].begin < p.end; ++k) {
      const Run &run = c->presentRuns[k];
      const uintptr_t end = run.end < p.end ? run.end : p.end;
      uintptr_t from = run.begin > p.begin ? run.begin : p.begin;
      for (uintptr_t x = from; skipZeros && x < end; x += Page) {
        if (!allZero(reinterpret_cast<const char *>(x)))
          continue;
        if (from < x && !add(from, x))
          return false;
        from = x + Page;
      }
      if (from < end && !add(from, end))
        return false;
    }
  }
  return true;
}

// take()'s work after the registers are saved, on the caller's stack: its
// frames below take() are dead once take() returns, so their bytes being
// recorded half-written does not matter.
[[gnu::noinline]] int record(Control *c) {
  c->taken = false;
  c->error[0] = 0;
  if (c->copies)
    sys(SYS_munmap, long(c->copies), long(c->copiesBytes));
  c->copies = nullptr;
  c->own[1] = Range{0, 0};
  c->recordedCount = 0;
  c->recordedRunCount = 0;
  c->recordedPages = 0;

  sys(SYS_rt_sigprocmask, SIG_BLOCK, 0, long(&c->signalMask), 8);
  c->brk = uintptr_t(sys(SYS_brk, 0));
  ownDescriptors(c);
  c->currentValid = false; // the first rewind reads the mappings
  c->presentValid = false; // and finds the pages present
  openKept(c);
  Stats ignored{};
  if (!readMaps(c, ignored))
    return -1;
  bool full = false;
  for (uint32_t i = 0; i < c->currentCount; ++i) {
    Piece piece = c->current[i];
    if (!(piece.kind & Shared) && (piece.prot & PROT_READ) &&
        ((piece.prot & PROT_WRITE) || !(piece.kind & File)))
      piece.kind |= Contents;
    auto add = [&](uintptr_t a, uintptr_t b) {
      if (c->recordedCount == MaxMappings) {
        full = true;
        return false;
      }
      Piece &p = c->recorded[c->recordedCount++];
      p = piece;
      p.offset += a - piece.begin;
      p.begin = a;
      p.end = b;
      return true;
    };
    if (!outsideExclusions(c, piece.begin, piece.end, 0, add))
      break;
  }
  if (full) {
    setError(c, "more mappings than the snapshot's table holds");
    return -1;
  }

  // Which pages are present. A file mapping's pages that are not hold the
  // file's bytes, not zeros: all of them are recorded.
  if (!scanPresent(c, ignored))
    return -1;
  uint64_t present = 0;
  if (!recordRuns(c, true, present) && !recordRuns(c, false, present)) {
    setError(c, "more runs of present pages than the snapshot holds");
    return -1;
  }

  c->copiesBytes = present ? present * Page : Page;
  c->copies = static_cast<char *>(mapAnonymous(c->copiesBytes));
  if (!c->copies) {
    setError(c, "no memory for the snapshot's page copies");
    return -1;
  }
  c->own[1] = {uintptr_t(c->copies), uintptr_t(c->copies) + c->copiesBytes};
  // Every page of the copies is written next: mapped in one call rather
  // than a page fault each (tens of microseconds a fault on this kind of
  // virtual machine, against about one a page populated). Ignored by a
  // kernel before 5.14, where the copies fault in as before.
  sys(SYS_madvise, long(c->copies), long(c->copiesBytes), PopulateWrite);
  for (uint32_t i = 0; i < c->recordedRunCount; ++i) {
    const Run &run = c->recordedRuns[i];
    memcpy(c->copies + run.firstCopy * Page,
           reinterpret_cast<const char *>(run.begin), run.end - run.begin);
  }
  c->recordedPages = present;
  c->taken = true;
  return 0;
}

// Runs on the private stack, every signal blocked. Returns (nonzero) only
// if it failed; otherwise jumps back into take().
long restore(void *arg) {
  Control *c = static_cast<Control *>(arg);
  const uint64_t start = nanoseconds();
  uint64_t all = ~uint64_t(0), before = 0;
  sys(SYS_rt_sigprocmask, SIG_SETMASK, long(&all), long(&before), 8);
  auto give_up = [&] {
    sys(SYS_rt_sigprocmask, SIG_SETMASK, long(&before), 0, 8);
    return 1;
  };
  Stats stats{};
  // The mappings as the last take() or rewind() left them, if no thread
  // has made a call since that could change them (watchMappingCalls).
  const bool counting = c->callsFd > 0;
  const bool unchanged = c->currentValid && mappingCalls(c) == c->callsAfter;
  c->currentValid = false;
  // Which pages are present, as the last rewind left them, if no page was
  // made present since: an anonymous page becomes present by a fault of a
  // thread of this process (counted, a fault in the kernel's own accesses
  // for it too: a read into it, a futex on it) or by a call the counter
  // watches (mmap, madvise, mlock, userfaultfd...). Swapped out meanwhile,
  // it counts as present all the same; filled by khugepaged, it holds
  // zeros, which a rewind would leave as they are anyway. An execution that
  // touches no new page saves the scan (PAGEMAP_SCAN ioctls: 6 calls and
  // about 40% of a rewind on readers N=10).
  // Read once, here: a fault of this rewind's own writes (a copy into a
  // page absent or still shared copy-on-write) then makes the next rewind
  // scan again, which is safe, and a second getrusage at the end costs
  // more than such rare scans.
  //
  // Without the counter the mappings are read every time, and the same
  // text as the last rewind read says no mapping call changed them (none
  // that could make a page present without a fault: mmap, mremap, shmat
  // draw a new mapping; MADV_POPULATE_*, mlock and MAP_POPULATE fault
  // their pages in and count them, as a read() into a page does). Pages
  // gone meanwhile (MADV_DONTNEED, a munmap and mmap of the same range)
  // stay in the runs: a rewind then looks at a page that is absent, which
  // reads as zeros, and writes it only if its recorded bytes differ. The
  // one other way, userfaultfd, goes through calls that taint a reuse
  // worker, which then never rewinds (reuse_worker.cpp).
  const uint64_t faults = pageFaults();
  const bool presentWasValid = c->presentValid;
  c->presentValid = false;
  if (unchanged)
    stats.mapsKept += 1;
  else if (!readMaps(c, stats))
    return give_up();
  const bool sameTable =
      unchanged || (!counting && presentWasValid && sameAsLastRead(c));

  // First everything that makes it refuse, before anything changes.
  const char *why = nullptr;
  uintptr_t where = 0;
  bool acceptable = sweep(c, [&](uintptr_t a, uintptr_t, const Piece *r,
                                 const Piece *now) {
    if (decide(r, now, a, &why) != Refuse)
      return true;
    where = a;
    return false;
  });
  if (!acceptable) {
    setError(c, why, where);
    return give_up();
  }
  bool changed = false; // a mapping or the break set back
  // The calls of this rewind that the counter counts (when it is read at
  // the end, it is not: below). Never more than were made: a count one too
  // high could match a later mapping call of the program's.
  uint64_t counted = 0;
  // The break moves by brk alone, which the counter watches: unchanged, it
  // is where the last rewind left it, c->brk.
  uintptr_t brk = c->brk;
  if (!unchanged) {
    brk = uintptr_t(sys(SYS_brk, 0));
    counted += 1;
  }
  const bool samePages =
      sameTable && brk == c->brk && presentWasValid && faults == c->faultsAfter;
  if (samePages)
    stats.scansKept += 1;
  if (brk != c->brk) {
    changed = true;
    // A failed brk changes nothing. One that succeeds moved [heap]: read
    // the mappings again rather than guess how the kernel drew it.
    if (uintptr_t(sys(SYS_brk, long(c->brk))) != c->brk) {
      setError(c, "cannot set the break back: memory mapped in its way",
               c->brk);
      return give_up();
    }
    if (!readMaps(c, stats)) {
      setError(c, "cannot read the mappings again after brk (memory half restored)");
      return give_up();
    }
  }

  bool done = sweep(c, [&](uintptr_t a, uintptr_t b, const Piece *r,
                           const Piece *now) {
    long result = 0;
    const Action action = decide(r, now, a, &why);
    changed = changed || action != Keep;
    switch (action) {
    case Keep:
      return true;
    case Unmap:
      stats.mappingsUnmapped += 1;
      result = sys(SYS_munmap, long(a), long(b - a));
      break;
    case Recreate:
      stats.mappingsRecreated += 1;
      result = sys(SYS_mmap, long(a), long(b - a), r->prot,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
      break;
    case DiscardAndProtect:
      result = sys(SYS_madvise, long(a), long(b - a), MADV_DONTNEED);
      [[fallthrough]];
    case Protect:
      stats.protectionsReset += 1;
      if (!failed(result))
        result = sys(SYS_mprotect, long(a), long(b - a), r->prot);
      break;
    case Refuse: // cannot happen: it did not refuse above
      result = -1;
      break;
    }
    where = a;
    return !failed(result);
  });
  const uint64_t scanStart = nanoseconds();
  if (done && !samePages && !scanPresent(c, stats)) {
    setError(c, "cannot tell which pages are present (memory half restored)");
    return give_up();
  }
  const uint64_t contentsStart = nanoseconds();
  stats.scanNanoseconds = contentsStart - scanStart;
  Cursors cursors;
  for (uint32_t i = 0; done && i < c->recordedCount; ++i) {
    const Piece &r = c->recorded[i];
    if (!(r.kind & Contents))
      continue;
    auto contents = [&](uintptr_t a, uintptr_t b) {
      where = a;
      return restoreContents(c, r, a, b, cursors, stats, counted);
    };
    done = outsideExclusions(c, r.begin, r.end, 0, contents);
  }
  if (!done) {
    setError(c, "a system call failed: memory half restored", where);
    return give_up();
  }

  // Nothing was set back: c->current still describes the mappings (the
  // kernel may have grown main's [stack], which a rewind leaves as it is
  // either way). The count includes the rewind's own calls (mprotect of
  // read-only pieces it wrote, brk): counted on from the count it started
  // with when that matched (unchanged; a read of the counter costs about
  // 2 us), else read again.
  if (!changed && counting) {
    c->callsAfter = unchanged ? c->callsAfter + counted : mappingCalls(c);
    c->currentValid = c->callsAfter != ~uint64_t(0);
  }
  if (!changed) {
    // c->presentRuns misses only the pages this rewind copied into absent
    // ones (faults, after `faults` was read: the next rewind scans).
    c->faultsAfter = faults;
    c->presentValid = faults != ~uint64_t(0);
    if (!counting && !unchanged) {
      c->lastReadCount = c->currentCount;
      memcpy(c->lastRead, c->current, c->currentCount * sizeof(Piece));
    }
  }
  stats.rewinds = 1;
  const uint64_t end = nanoseconds();
  stats.contentsNanoseconds = end - contentsStart;
  stats.nanoseconds = end - start;
  c->last = stats;
  uint64_t *sum = &c->all.rewinds;
  const uint64_t *add = &stats.rewinds;
  for (size_t k = 0; k < sizeof(Stats) / sizeof(uint64_t); ++k)
    sum[k] += add[k];
  c->error[0] = 0;
  sys(SYS_rt_sigprocmask, SIG_SETMASK, long(&c->signalMask), 0, 8);
  tangle_snapshot_jump(&c->registers);
}

} // namespace

bool exclude(Range r) {
  Control *c = control();
  if (!c || c->excludedCount == MaxExcluded)
    return false;
  uintptr_t begin = r.begin & ~(Page - 1), end = roundUp(r.end);
  if (end > begin)
    c->excluded[c->excludedCount++] = {begin, end};
  return true;
}

int take() {
  Control *c = control();
  if (!c)
    return -1;
  if (tangle_snapshot_save(&c->registers) != 0)
    return 1;
  int result = record(c);
  // Not a sibling call: take()'s frame, where the jump lands, must still be
  // there while record() copies the stack.
  asm volatile("" ::: "memory");
  return result;
}

void rewind() {
  Control *c = g_control;
  if (!c)
    return;
  if (!c->taken) {
    setError(c, "no snapshot to rewind to");
    return;
  }
  tangle_snapshot_on_stack(c->stack + StackBytes, restore, c);
}

const char *lastError() {
  if (!g_control)
    return "no snapshot to rewind to (or no memory for its tables)";
  return g_control->error;
}

Stats lastRewind() { return g_control ? g_control->last : Stats{}; }
Stats allRewinds() { return g_control ? g_control->all : Stats{}; }
Recorded recorded() {
  if (!g_control || !g_control->taken)
    return {};
  return {g_control->recordedCount, g_control->recordedPages};
}

void releaseDescriptors() {
  Control *c = g_control;
  if (!c)
    return;
  for (int *fd : {&c->mapsFd, &c->pagemapFd, &c->callsFd}) {
    if (*fd > 0)
      sys(SYS_close, *fd);
    *fd = 0;
  }
  c->currentValid = false;
  c->presentValid = false;
}

bool watchMappingCalls() {
  Control *c = control();
  if (!c)
    return false;
  ownDescriptors(c);
  if (c->callsFd > 0)
    return true;
  long id =
      numberInFile("/sys/kernel/tracing/events/raw_syscalls/sys_enter/id");
  if (id < 0)
    id = numberInFile(
        "/sys/kernel/debug/tracing/events/raw_syscalls/sys_enter/id");
  if (id < 0)
    return false;
  perf_event_attr attr;
  memset(&attr, 0, sizeof(attr));
  attr.type = PERF_TYPE_TRACEPOINT;
  attr.size = sizeof(attr);
  attr.config = uint64_t(id);
  attr.inherit = 1; // every thread (and child) made from now on
  long fd =
      sys(SYS_perf_event_open, long(&attr), 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
  if (failed(fd))
    return false; // not allowed (perf_event_paranoid, a container), or old
  if (failed(sys(SYS_ioctl, fd, long(PERF_EVENT_IOC_SET_FILTER),
                 long(MappingCallsFilter)))) {
    sys(SYS_close, fd);
    return false;
  }
  // Out of the program's way, below the two /proc descriptors.
  c->callsFd = moveHigh(fd, 3);
  return c->callsFd > 0;
}

void keepDescriptors() {
  Control *c = control();
  if (!c)
    return;
  ownDescriptors(c);
  openKept(c);
}

void setCopyWithoutCompare(bool on) {
  if (Control *c = control())
    c->copyWithoutCompare = on;
}

void setPresenceByMincore(bool on) {
  if (Control *c = control())
    c->noPageMapScan = on;
}

} // namespace tangle::rt::snapshot
