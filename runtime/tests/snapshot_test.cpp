// runtime/snapshot: take, change memory, rewind, and see the memory as it
// was. Each test's body runs in a child process (a rewind puts GoogleTest's
// own memory back too); it reports the first check that failed through a
// pipe, and the parent asserts that nothing was reported and the child
// exited with 0.
#include "runtime/snapshot.h"

#include "runtime/futex.h"

#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <pthread.h>
#include <sched.h>
#include <string>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace tangle::rt::snapshot;

constexpr size_t Page = 4096;

int g_report = -1; // the pipe to the parent, in the child

[[noreturn]] void fail(const char *what) {
  if (write(g_report, what, strlen(what)) < 0)
    _exit(2);
  _exit(1);
}

#define STRINGIFY2(x) #x
#define STRINGIFY(x) STRINGIFY2(x)
#define CHECK(condition)                                                       \
  do {                                                                         \
    if (!(condition))                                                          \
      fail("line " STRINGIFY(__LINE__) ": " #condition);                       \
  } while (0)

// After a rewind that returned: it should not have.
[[noreturn]] void rewindReturned() {
  std::string what = std::string("rewind returned: ") + lastError();
  fail(what.c_str());
}

std::string inChild(void (*body)()) {
  int fds[2];
  if (pipe(fds) != 0)
    return "pipe failed";
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    g_report = fds[1];
    body();
    _exit(0);
  }
  close(fds[1]);
  std::string out;
  char buffer[256];
  ssize_t n;
  while ((n = read(fds[0], buffer, sizeof(buffer))) > 0)
    out.append(buffer, size_t(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status))
    out += " (child killed by signal " + std::to_string(WTERMSIG(status)) + ")";
  else if (WEXITSTATUS(status) != 0)
    out += " (child exit status " + std::to_string(WEXITSTATUS(status)) + ")";
  return out;
}

// The mapping-call counter needs tracefs (the tracepoint's id). Where it is
// not mounted (a VM or container without it, as in CI) and this process
// may mount, it mounts it in a mount namespace of this child's own: the
// counter's tests then run instead of being skipped, and nothing outside
// the child changes.
bool countMappingCalls() {
  if (watchMappingCalls())
    return true;
  if (access("/sys/kernel/tracing/events", F_OK) == 0 || geteuid() != 0 ||
      unshare(CLONE_NEWNS) != 0 ||
      mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
      mount("nodev", "/sys/kernel/tracing", "tracefs", 0, nullptr) != 0)
    return false;
  return watchMappingCalls();
}

// Four fresh pages, the first written: page 0 present at the snapshot,
// the others not.
char *fourPagesFirstWritten() {
  void *mem = mmap(nullptr, 4 * Page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED)
    fail("cannot map four pages");
  char *pages = static_cast<char *>(mem);
  pages[0] = 1;
  return pages;
}

// Memory that outlives rewinds: a page of its own, excluded.
template <class T> T *keptAcrossRewinds() {
  void *mem = mmap(nullptr, Page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED || !exclude({uintptr_t(mem), uintptr_t(mem) + Page}))
    fail("cannot map or exclude a page");
  return new (mem) T{};
}

bool mapped(const void *address) {
  unsigned char present;
  void *page = reinterpret_cast<void *>(uintptr_t(address) & ~(Page - 1));
  return mincore(page, Page, &present) == 0;
}

uintptr_t kernelBreak() { return uintptr_t(syscall(SYS_brk, 0)); }

int g_value = 7;
void *volatile g_sink; // keeps a malloc the compiler could drop
int g_array[5000];
alignas(4096) char g_page[Page];

void fillArray() {
  for (int i = 0; i < 5000; ++i)
    g_array[i] = i;
}

bool arrayAsFilled() {
  for (int i = 0; i < 5000; ++i)
    if (g_array[i] != i)
      return false;
  return true;
}

TEST(Snapshot, GlobalsComeBack) {
  EXPECT_EQ(inChild([] {
              fillArray();
              int taken = take();
              CHECK(taken >= 0);
              if (taken == 0) {
                g_value = 8;
                for (int i = 0; i < 5000; ++i)
                  g_array[i] = -i - 1;
                rewind();
                rewindReturned();
              }
              CHECK(taken == 1);
              CHECK(g_value == 7);
              CHECK(arrayAsFilled());
              // 5000 ints span at least 5 pages, all changed.
              CHECK(lastRewind().pagesCopied >= 5);
            }),
            "");
}

// take() keeps /proc/self/maps and /proc/self/pagemap open for the
// rewinds, at the top of the descriptors: a file opened after it gets the
// number it would have had before. A rewind whose kept descriptors were
// closed behind its back opens the files again.
TEST(Snapshot, KeptDescriptorsAreOutOfTheWayAndMayBeClosed) {
  EXPECT_EQ(inChild([] {
              int before = open("/dev/null", O_RDONLY);
              CHECK(before >= 0);
              close(before);
              auto *rounds = keptAcrossRewinds<int>();
              int taken = take();
              CHECK(taken >= 0);
              if (*rounds < 2) {
                int after = open("/dev/null", O_RDONLY);
                CHECK(after == before);
                close(after);
                if (++*rounds == 2)
                  for (int fd = 64; fd < 4096; ++fd)
                    close(fd);
                g_value = 8;
                rewind();
                rewindReturned();
              }
              CHECK(taken == 1);
              CHECK(g_value == 7);
              CHECK(allRewinds().rewinds == 2);
            }),
            "");
}

// The open descriptors among the 64 at the top of those the process may
// have (RLIMIT_NOFILE, at most 1024: where take() keeps its own), as a set.
uint64_t highDescriptors() {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  const int top = int(limit.rlim_cur < 1024 ? limit.rlim_cur : 1024);
  uint64_t set = 0;
  for (int fd = top - 64; fd < top; ++fd)
    if (fd >= 3 && fcntl(fd, F_GETFD) >= 0)
      set |= uint64_t(1) << (fd - (top - 64));
  return set;
}

void *idle(void *) { return nullptr; }

// keepDescriptors(), called while the process has one thread, opens the
// two descriptors take() keeps (growing the descriptor table then, not
// under a second thread: snapshot.h), and take() keeps those, opening none.
TEST(Snapshot, KeptDescriptorsCanBeOpenedBeforeTheThreads) {
  EXPECT_EQ(inChild([] {
              CHECK(highDescriptors() == 0);
              keepDescriptors();
              const uint64_t opened = highDescriptors();
              CHECK(__builtin_popcountll(opened) == 2);
              pthread_t thread;
              CHECK(pthread_create(&thread, nullptr, idle, nullptr) == 0);
              CHECK(pthread_join(thread, nullptr) == 0);
              int taken = take();
              CHECK(taken >= 0);
              CHECK(highDescriptors() == opened);
              if (taken == 0) {
                g_value = 8;
                rewind();
                rewindReturned();
              }
              CHECK(g_value == 7);
            }),
            "");
}

TEST(Snapshot, BreakGoesBackWithTheSmallBlocksBelowIt) {
  struct Kept {
    void *first;
    uintptr_t grown;
  };
  EXPECT_EQ(inChild([] {
              Kept *kept = keptAcrossRewinds<Kept>();
              free(malloc(1000)); // malloc set up before the snapshot
              uintptr_t before = kernelBreak();
              void *libcBefore = sbrk(0);
              if (take() == 0) {
                for (int i = 0; i < 400; ++i) {
                  char *block = static_cast<char *>(malloc(1000));
                  memset(block, 1, 1000);
                  if (i == 0)
                    kept->first = block;
                }
                kept->grown = kernelBreak();
                rewind();
                rewindReturned();
              }
              CHECK(kept->grown > before); // the blocks came from brk
              CHECK(kernelBreak() == before);
              CHECK(sbrk(0) == libcBefore);
              CHECK(!mapped(reinterpret_cast<void *>(kept->grown - 1)));
              // malloc's state is back: it hands out the same block.
              CHECK(malloc(1000) == kept->first);
            }),
            "");
}

TEST(Snapshot, LargeBlockMadeSinceIsUnmapped) {
  struct Kept {
    char *block;
  };
  EXPECT_EQ(inChild([] {
              Kept *kept = keptAcrossRewinds<Kept>();
              if (take() == 0) {
                kept->block = static_cast<char *>(malloc(1 << 20));
                memset(kept->block, 3, 1 << 20);
                CHECK(mapped(kept->block));
                rewind();
                rewindReturned();
              }
              CHECK(!mapped(kept->block));
              CHECK(lastRewind().mappingsUnmapped >= 1);
              char *again = static_cast<char *>(malloc(1 << 20));
              CHECK(again != nullptr);
              free(again);
            }),
            "");
}

TEST(Snapshot, LargeBlockFreedSinceComesBackWithItsBytes) {
  EXPECT_EQ(inChild([] {
              char *block = static_cast<char *>(malloc(1 << 20));
              memset(block, 0x5a, 1 << 20);
              if (take() == 0) {
                free(block); // munmapped: malloc mmap'd it
                CHECK(!mapped(block));
                rewind();
                rewindReturned();
              }
              CHECK(mapped(block));
              for (size_t i = 0; i < (1 << 20); i += 997)
                CHECK(block[i] == 0x5a);
              CHECK(lastRewind().mappingsRecreated >= 1);
              free(block); // malloc's header of it is back too
            }),
            "");
}

TEST(Snapshot, PageMadePresentSinceIsZeroedAndStaysMapped) {
  EXPECT_EQ(inChild([] {
              char *pages = fourPagesFirstWritten();
              if (take() == 0) {
                memset(pages + 2 * Page, 0x33, Page);
                rewind();
                rewindReturned();
              }
              unsigned char present[4];
              CHECK(mincore(pages, 4 * Page, present) == 0);
              CHECK(present[2] & 1);
              for (size_t i = 0; i < Page; ++i)
                CHECK(pages[2 * Page + i] == 0);
              CHECK(pages[0] == 1);
              CHECK(lastRewind().pagesZeroed >= 1);
            }),
            "");
}

// A page present but all zeros at the snapshot is not copied: the rewind
// zeroes it like a page made since, whatever was written there, and keeps
// the pages around it, present and not, as they were.
TEST(Snapshot, ZeroPagePresentAtTheSnapshotIsNotCopiedAndComesBackZero) {
  EXPECT_EQ(inChild([] {
              void *mem = mmap(nullptr, 4 * Page, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
              CHECK(mem != MAP_FAILED);
              char *pages = static_cast<char *>(mem);
              CHECK(madvise(pages, 3 * Page, 23 /* MADV_POPULATE_WRITE */) ==
                    0);
              pages[0] = 1;
              pages[2 * Page + 100] = 2; // page 1 present and zero, 3 absent
              unsigned char present[4];
              CHECK(mincore(pages, 4 * Page, present) == 0);
              CHECK((present[1] & 1) && !(present[3] & 1));
              // The same memory with page 1 not zero takes one copy more.
              CHECK(take() == 0);
              const uint64_t withoutIt = recorded().pages;
              pages[Page + 7] = 3;
              CHECK(take() == 0);
              CHECK(recorded().pages == withoutIt + 1);
              pages[Page + 7] = 0;
              if (take() == 0) {
                memset(pages, 0x11, 4 * Page);
                rewind();
                rewindReturned();
              }
              for (size_t i = 0; i < Page; ++i)
                CHECK(pages[Page + i] == 0 && pages[3 * Page + i] == 0);
              CHECK(pages[0] == 1 && pages[1] == 0);
              CHECK(pages[2 * Page + 100] == 2 && pages[2 * Page] == 0);
              CHECK(mincore(pages, 4 * Page, present) == 0);
              CHECK((present[1] & 1) && (present[3] & 1));
            }),
            "");
}

// The scan leaves out what costs more to walk than a call: here a shared
// mapping of 64 MiB, its pages present, between two private ones, which
// then get a call each. Pages made present since on both sides are found
// and zeroed.
TEST(Snapshot, PagesMadePresentOnBothSidesOfALargeMappingAreZeroed) {
  EXPECT_EQ(
      inChild([] {
        constexpr size_t Side = 16 * Page, Middle = size_t(64) << 20;
        void *mem = mmap(nullptr, 2 * Side + Middle, PROT_NONE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        CHECK(mem != MAP_FAILED);
        char *low = static_cast<char *>(mem);
        char *middle = low + Side, *high = middle + Middle;
        CHECK(mmap(low, Side, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == low);
        CHECK(mmap(middle, Middle, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == middle);
        CHECK(mmap(high, Side, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == high);
        for (size_t at = 0; at < Middle; at += Page)
          middle[at] = 1;
        low[0] = 1;
        high[0] = 2;
        if (take() == 0) {
          memset(low + 5 * Page, 0x33, Page);
          memset(high + 7 * Page, 0x44, Page);
          rewind();
          rewindReturned();
        }
        for (size_t i = 0; i < Page; ++i)
          CHECK(low[5 * Page + i] == 0 && high[7 * Page + i] == 0);
        CHECK(low[0] == 1 && high[0] == 2);
        CHECK(lastRewind().pagesZeroed >= 2);
        CHECK(lastRewind().pageScans >= 2);
      }),
      "");
}

// The same through mincore, the way of kernels without PAGEMAP_SCAN.
TEST(Snapshot, PresenceByMincoreRestoresTheSame) {
  EXPECT_EQ(inChild([] {
              setPresenceByMincore(true);
              fillArray();
              void *mem = mmap(nullptr, 4 * Page, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
              CHECK(mem != MAP_FAILED);
              char *pages = static_cast<char *>(mem);
              pages[0] = 1;
              char *block = static_cast<char *>(malloc(1 << 20));
              memset(block, 0x5a, 1 << 20);
              if (take() == 0) {
                g_array[4000] = -1;
                memset(pages + 2 * Page, 0x33, Page);
                free(block);
                rewind();
                rewindReturned();
              }
              CHECK(arrayAsFilled());
              CHECK(pages[0] == 1 && pages[2 * Page] == 0);
              CHECK(block[(1 << 20) - 1] == 0x5a);
              // A call per recorded mapping with contents, not one scan.
              CHECK(lastRewind().pageScans > 1);
              CHECK(lastRewind().pagesZeroed >= 1);
            }),
            "");
}

TEST(Snapshot, ProtectionComesBack) {
  EXPECT_EQ(inChild([] {
              g_page[0] = 1;
              if (take() == 0) {
                g_page[0] = 2;
                CHECK(mprotect(g_page, Page, PROT_READ) == 0);
                rewind();
                rewindReturned();
              }
              CHECK(g_page[0] == 1);
              g_page[0] = 3; // writable again, or the child dies of SIGSEGV
              CHECK(lastRewind().protectionsReset >= 1);
            }),
            "");
}

TEST(Snapshot, MappingMadeSinceIsUnmapped) {
  struct Kept {
    char *mapping;
  };
  EXPECT_EQ(inChild([] {
              Kept *kept = keptAcrossRewinds<Kept>();
              if (take() == 0) {
                void *mem = mmap(nullptr, 16 * Page, PROT_READ | PROT_WRITE,
                                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                CHECK(mem != MAP_FAILED);
                kept->mapping = static_cast<char *>(mem);
                kept->mapping[5 * Page] = 1;
                rewind();
                rewindReturned();
              }
              CHECK(!mapped(kept->mapping));
              CHECK(!mapped(kept->mapping + 15 * Page));
            }),
            "");
}

TEST(Snapshot, PartOfAMappingUnmappedSinceComesBack) {
  EXPECT_EQ(inChild([] {
              void *mem = mmap(nullptr, 8 * Page, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
              CHECK(mem != MAP_FAILED);
              char *pages = static_cast<char *>(mem);
              for (int i = 0; i < 8; ++i)
                memset(pages + i * Page, 'a' + i, Page);
              if (take() == 0) {
                CHECK(munmap(pages + 2 * Page, 3 * Page) == 0);
                rewind();
                rewindReturned();
              }
              for (int i = 0; i < 8; ++i)
                CHECK(pages[i * Page] == 'a' + i &&
                      pages[i * Page + Page - 1] == 'a' + i);
              CHECK(lastRewind().mappingsRecreated == 1);
            }),
            "");
}

TEST(Snapshot, ReservationOpenedSinceIsClosedAndEmptied) {
  struct Kept {
    char *reservation;
  };
  EXPECT_EQ(inChild([] {
              Kept *kept = keptAcrossRewinds<Kept>();
              void *mem = mmap(nullptr, 64 << 20, PROT_NONE,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                               -1, 0);
              CHECK(mem != MAP_FAILED);
              kept->reservation = static_cast<char *>(mem);
              if (take() == 0) {
                // What a malloc arena does as it grows.
                CHECK(mprotect(kept->reservation, 2 * Page,
                               PROT_READ | PROT_WRITE) == 0);
                memset(kept->reservation, 0x77, 2 * Page);
                rewind();
                rewindReturned();
              }
              CHECK(lastRewind().protectionsReset >= 1);
              CHECK(mprotect(kept->reservation, 2 * Page,
                             PROT_READ | PROT_WRITE) == 0);
              // Fresh pages again, as the arena expects them.
              for (size_t i = 0; i < 2 * Page; ++i)
                CHECK(kept->reservation[i] == 0);
            }),
            "");
}

[[gnu::noinline]] void rewindFromDepth(int depth) {
  volatile char frame[512];
  frame[0] = char(depth);
  if (depth > 0)
    rewindFromDepth(depth - 1);
  else
    rewind();
  if (frame[0] != char(depth)) // keeps the frame
    fail("frame changed");
}

TEST(Snapshot, StackOfTheCallerComesBack) {
  EXPECT_EQ(inChild([] {
              volatile int local = 1;
              if (take() == 0) {
                local = 2;
                rewindFromDepth(50); // 25 KiB of frames below
                rewindReturned();
              }
              CHECK(local == 1);
            }),
            "");
}

// A thread parked as the reuse worker's pooled threads will be: blocked in
// a futex on excluded memory, at the same instruction with the same
// registers whenever the snapshot is taken or rewound.
__thread int t_value;

struct Park {
  std::atomic<uint32_t> command; // 0: parked; 1: set t_value; 2: report
                                 // it; 3: map a page
  std::atomic<uint32_t> done;
  std::atomic<int> tid;
  int value, reported;
  void *mapped;
};

void *parked(void *arg) {
  Park *park = static_cast<Park *>(arg);
  t_value = 1;
  park->tid.store(int(syscall(SYS_gettid)));
  for (;;) {
    while (park->command.load() == 0)
      tangle::rt::futexWait(&park->command, 0);
    if (park->command.load() == 1)
      t_value = park->value;
    else if (park->command.load() == 3)
      park->mapped = mmap(nullptr, Page, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    else
      park->reported = t_value;
    park->command.store(0);
    park->done.fetch_add(1);
    tangle::rt::futexWake(&park->done);
  }
}

// Until the thread is in the futex system call (its registers in the
// kernel, its memory still).
void waitParked(Park *park) {
  while (park->tid.load() == 0)
    sched_yield();
  char path[64], text[32];
  snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", park->tid.load());
  for (;;) {
    int fd = open(path, O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
    if (fd >= 0)
      close(fd);
    CHECK(n > 0);
    text[n] = 0;
    if (strncmp(text, STRINGIFY(SYS_futex) " ", 4) == 0)
      return;
    sched_yield();
  }
}

void tell(Park *park, uint32_t command, int value = 0) {
  uint32_t done = park->done.load();
  park->value = value;
  park->command.store(command);
  tangle::rt::futexWake(&park->command);
  while (park->done.load() == done)
    tangle::rt::futexWait(&park->done, done);
  waitParked(park);
}

TEST(Snapshot, ParkedThreadsThreadLocalComesBack) {
  static_assert(SYS_futex == 202, "the /proc syscall check reads 202");
  EXPECT_EQ(inChild([] {
              Park *park = keptAcrossRewinds<Park>();
              pthread_t thread;
              CHECK(pthread_create(&thread, nullptr, parked, park) == 0);
              waitParked(park);
              if (take() == 0) {
                tell(park, 1, 2);
                tell(park, 2);
                CHECK(park->reported == 2); // it did change
                rewind();
                rewindReturned();
              }
              tell(park, 2);
              CHECK(park->reported == 1);
              tell(park, 1, 5); // and it still runs
              tell(park, 2);
              CHECK(park->reported == 5);
            }),
            "");
}

// With watchMappingCalls on, a rewind after an execution that made no
// mapping call keeps the mappings the last one read; a mapping made since
// by another thread, or a protection changed by this one, is seen (read
// again) and undone, and the rewind after one that set something back reads
// them again.
TEST(Snapshot, RewindKeepsTheMappingsOnlyWhileNoThreadChangedThem) {
  if (!inChild([] { CHECK(countMappingCalls()); }).empty())
    GTEST_SKIP() << "the kernel does not let this process count system calls "
                    "(perf_event_paranoid, no tracefs)";
  struct Kept {
    int round;
    Park park;
  };
  EXPECT_EQ(inChild([] {
              CHECK(countMappingCalls()); // before any other thread
              Kept *kept = keptAcrossRewinds<Kept>();
              pthread_t thread;
              CHECK(pthread_create(&thread, nullptr, parked, &kept->park) == 0);
              waitParked(&kept->park);
              void *page = mmap(nullptr, Page, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
              CHECK(page != MAP_FAILED);
              static_cast<char *>(page)[0] = 1;
              take();
              const Stats last = lastRewind();
              switch (kept->round) {
              case 1: // the first rewind after take() reads them
                CHECK(last.mapsReads == 1 && last.mapsKept == 0);
                break;
              case 2: // nothing changed them since
                CHECK(last.mapsReads == 0 && last.mapsKept == 1);
                break;
              case 3: // the parked thread mapped a page
                CHECK(last.mapsReads == 1 && last.mappingsUnmapped == 1);
                CHECK(!mapped(kept->park.mapped));
                break;
              case 4: // the last rewind unmapped it: read again
                CHECK(last.mapsReads == 1);
                break;
              case 5:
                CHECK(last.mapsKept == 1);
                break;
              case 6: // this thread made the page read-only
                CHECK(last.mapsReads == 1 && last.protectionsReset == 1);
                static_cast<char *>(page)[0] = 2; // writable again
                break;
              }
              CHECK(static_cast<char *>(page)[0] == (kept->round == 6 ? 2 : 1));
              if (kept->round < 6) {
                int round = ++kept->round;
                if (round == 3)
                  tell(&kept->park, 3);
                if (round == 6)
                  CHECK(mprotect(page, Page, PROT_READ) == 0);
                rewind();
                rewindReturned();
              }
            }),
            "");
}

// The pages present, as the last rewind found them, serve the next one
// while the process took no page fault and made no mapping call: a page
// first written since (a fault) is found by a scan and zeroed; written
// again, present now, it is zeroed without one.
TEST(Snapshot, RewindScansThePagesAgainOnlyAfterAPageFault) {
  if (!inChild([] { CHECK(countMappingCalls()); }).empty())
    GTEST_SKIP() << "the kernel does not let this process count system calls "
                    "(perf_event_paranoid, no tracefs)";
  struct Kept {
    int round;
  };
  EXPECT_EQ(inChild([] {
              CHECK(countMappingCalls());
              Kept *kept = keptAcrossRewinds<Kept>();
              char *pages = fourPagesFirstWritten();
              take();
              const Stats last = lastRewind();
              switch (kept->round) {
              case 1: // the first rewind after take() scans
                CHECK(last.scansKept == 0 && last.pageScans > 0);
                break;
              case 2: // the first rewind's copies into pages still shared
                      // with the parent faulted, or not: either way
                break;
              case 3: // nothing touched a new page since
                CHECK(last.scansKept == 1 && last.pageScans == 0);
                break;
              case 4: // page 2 first written: a fault
                CHECK(last.scansKept == 0 && last.pageScans > 0);
                CHECK(last.pagesZeroed == 1);
                break;
              case 5: // written again, present since the last rewind
                CHECK(last.scansKept == 1 && last.pagesZeroed == 1);
                break;
              }
              // Page 2 is not read before round 4: a read makes it
              // present too (a fault).
              unsigned char present[4];
              CHECK(mincore(pages, 4 * Page, present) == 0);
              CHECK(bool(present[2] & 1) == (kept->round >= 4));
              for (size_t i = 0; kept->round >= 4 && i < Page; ++i)
                CHECK(pages[2 * Page + i] == 0);
              CHECK(pages[0] == 1);
              if (kept->round < 5) {
                int round = ++kept->round;
                if (round >= 4)
                  memset(pages + 2 * Page, 0x33, Page);
                rewind();
                rewindReturned();
              }
            }),
            "");
}

// Without the counter (watchMappingCalls never called, as where the
// kernel refuses it) every rewind reads the mappings, and keeps the pages
// present from the last rewind when it read the same mappings and no page
// faulted since. A page discarded meanwhile (MADV_DONTNEED: no fault, the
// same mappings) still comes back with its recorded bytes.
TEST(Snapshot,
     RewindWithoutTheCounterKeepsThePagesWhileTheMappingsReadTheSame) {
  struct Kept {
    int round;
  };
  EXPECT_EQ(inChild([] {
              Kept *kept = keptAcrossRewinds<Kept>();
              char *pages = fourPagesFirstWritten();
              // madvise's code paged in now: its first call would fault
              // in round 9, and a fault makes the rewind scan.
              CHECK(madvise(pages + 3 * Page, Page, MADV_NORMAL) == 0);
              take();
              const Stats last = lastRewind();
              CHECK(kept->round == 0 || last.mapsReads == 1);
              switch (kept->round) {
              case 1: // the first rewind after take() scans
              case 7: // the last one unmapped a mapping: it scans
                CHECK(last.scansKept == 0 && last.pageScans > 0);
                break;
              case 3: // nothing touched a new page since
              case 5: // page 2 written again, present since the last rewind
              case 8:
                CHECK(last.scansKept == 1 && last.pageScans == 0);
                break;
              case 4: // page 2 first written: a fault
                CHECK(last.scansKept == 0 && last.pageScans > 0);
                break;
              case 6: // a mapping made since, no page touched in it
                CHECK(last.scansKept == 0 && last.pageScans > 0);
                CHECK(last.mappingsUnmapped == 1);
                break;
              case 9: // page 0 discarded: no fault, the same mappings
                CHECK(last.scansKept == 1);
                CHECK(last.pagesCopied >= 1);
                break;
              }
              CHECK(pages[0] == 1);
              for (size_t i = 0; kept->round >= 4 && i < Page; ++i)
                CHECK(pages[2 * Page + i] == 0);
              if (kept->round < 9) {
                int round = ++kept->round;
                if (round >= 4)
                  memset(pages + 2 * Page, 0x33, Page);
                if (round == 6)
                  CHECK(mmap(nullptr, Page, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED);
                if (round == 9)
                  CHECK(madvise(pages, Page, MADV_DONTNEED) == 0);
                rewind();
                rewindReturned();
              }
            }),
            "");
}

TEST(Snapshot, HundredRewindsInARowEachSeeTheSnapshot) {
  struct Kept {
    int round;
  };
  EXPECT_EQ(inChild([] {
              Kept *kept = keptAcrossRewinds<Kept>();
              fillArray();
              char *block = static_cast<char *>(malloc(64));
              strcpy(block, "recorded");
              volatile int local = 1;
              take();
              CHECK(g_value == 7 && local == 1);
              CHECK(arrayAsFilled());
              CHECK(strcmp(block, "recorded") == 0);
              if (kept->round < 100) {
                int round = ++kept->round;
                g_value = round;
                local = round;
                g_array[round * 37] = -1;
                strcpy(block, "changed");
                g_sink = malloc(size_t(round) * 3000); // small and mmap'd
                if (round % 3 == 0)
                  mmap(nullptr, Page * size_t(round), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                if (round % 5 == 0)
                  free(block);
                rewind();
                rewindReturned();
              }
              CHECK(allRewinds().rewinds == 100);
            }),
            "");
}

void rewindOnSignal(int) { rewind(); }

TEST(Snapshot, RewindFromASignalHandler) {
  EXPECT_EQ(inChild([] {
              struct sigaction action = {};
              action.sa_handler = rewindOnSignal;
              CHECK(sigaction(SIGUSR1, &action, nullptr) == 0);
              if (take() == 0) {
                g_value = 9;
                raise(SIGUSR1);
                fail("the handler returned");
              }
              CHECK(g_value == 7);
              // The mask of take(), not the handler's (SIGUSR1 blocked).
              sigset_t mask;
              sigprocmask(SIG_BLOCK, nullptr, &mask);
              CHECK(!sigismember(&mask, SIGUSR1));
            }),
            "");
}

TEST(Snapshot, RefusesANewSharedMappingAndChangesNothing) {
  struct Kept {
    bool refused;
  };
  EXPECT_EQ(inChild([] {
              Kept *kept = keptAcrossRewinds<Kept>();
              if (take() == 0) {
                void *shared = mmap(nullptr, Page, PROT_READ | PROT_WRITE,
                                    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
                CHECK(shared != MAP_FAILED);
                g_value = 8;
                rewind();
                CHECK(strstr(lastError(), "shared mapping made since") !=
                      nullptr);
                CHECK(g_value == 8);
                kept->refused = true;
                CHECK(munmap(shared, Page) == 0);
                rewind(); // now it can
                rewindReturned();
              }
              CHECK(kept->refused);
              CHECK(g_value == 7);
            }),
            "");
}

TEST(Snapshot, RefusesASharedMappingUnmappedSince) {
  EXPECT_EQ(inChild([] {
              void *shared = mmap(nullptr, Page, PROT_READ | PROT_WRITE,
                                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
              CHECK(shared != MAP_FAILED);
              if (take() == 0) {
                CHECK(munmap(shared, Page) == 0);
                rewind();
                CHECK(strstr(lastError(), "shared mapping unmapped") !=
                      nullptr);
                return;
              }
              fail("rewound past a shared mapping it cannot map again");
            }),
            "");
}

TEST(Snapshot, RefusesAFileMappingMadeWritableSince) {
  EXPECT_EQ(inChild([] {
              int fd = open("/proc/self/exe", O_RDONLY);
              CHECK(fd >= 0);
              void *file = mmap(nullptr, Page, PROT_READ, MAP_PRIVATE, fd, 0);
              CHECK(file != MAP_FAILED);
              if (take() == 0) {
                CHECK(mprotect(file, Page, PROT_READ | PROT_WRITE) == 0);
                static_cast<char *>(file)[0] = 'x'; // its bytes unrecorded
                rewind();
                CHECK(strstr(lastError(), "made writable") != nullptr);
                return;
              }
              fail("rewound a file mapping whose bytes it did not record");
            }),
            "");
}

TEST(Snapshot, ExcludedRangesKeepTheirBytes) {
  EXPECT_EQ(inChild([] {
              char *before = keptAcrossRewinds<char>();
              void *mem = mmap(nullptr, Page, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
              CHECK(mem != MAP_FAILED);
              char *after = static_cast<char *>(mem);
              before[0] = 1;
              after[0] = 1;
              if (take() == 0) {
                CHECK(exclude({uintptr_t(after), uintptr_t(after) + 1}));
                before[0] = 2;
                after[0] = 2;
                g_value = 8;
                rewind();
                rewindReturned();
              }
              CHECK(g_value == 7); // the rest did come back
              CHECK(before[0] == 2);
              CHECK(after[0] == 2);
            }),
            "");
}

TEST(Snapshot, RewindWithoutSnapshotReturns) {
  EXPECT_EQ(inChild([] {
              rewind();
              CHECK(strstr(lastError(), "no snapshot") != nullptr);
            }),
            "");
}

} // namespace
