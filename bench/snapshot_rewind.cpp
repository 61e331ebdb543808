// runtime/snapshot's rewind against what it replaces: a fork of the same
// process per execution (fork, the execution in the child, _exit, waitpid).
// Each case is an "execution": its work, then a rewind (or the fork round
// trip). Rounds interleave the ways, cases and modes; medians are printed.
// Last, the first rewind of a child just forked, with nothing changed.
//
//   build/bin/snapshot-rewind [rounds] [rewinds per measurement] [forks]
//
// Cases: empty; write a byte in each of the N pages (1, 16, 256) of a heap
// block made present before the snapshot (and freed after the case: the
// pages present at the snapshot are what every rewind compares); malloc and free a 1 MiB block; malloc a
// 1 MiB block and keep it (the rewind unmaps it); ten threads parked in a
// futex whose thread-local variable changed (the main thread writes it
// through its address: the threads stay in the kernel, as the reuse
// worker's pooled threads will be as it rewinds; in the fork row each
// execution creates ten threads that write it, and joins them).
#include "runtime/snapshot.h"

#include "runtime/futex.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <malloc.h>
#include <new>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace snapshot = tangle::rt::snapshot;

namespace {

constexpr size_t Page = 4096;
constexpr int Threads = 10;

double now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) / 1e3; // µs
}

enum Case { Empty, Touch1, Touch16, Touch256, MallocFree, MallocKeep, Tls10, Cases };
const char *const Names[Cases] = {
    "empty", "touch 1 heap page", "touch 16 heap pages",
    "touch 256 heap pages", "malloc+free 1 MiB", "malloc 1 MiB, kept",
    "10 parked threads, TLS changed"};

// Outlives rewinds: excluded.
struct Kept {
  int remaining;
  double start, end, rewinding, beforeRewind;
  std::atomic<uint32_t> parkWord; // never changes: the threads stay parked
  std::atomic<int> parkedCount;
  int *tls[Threads];
  int tids[Threads];
};
Kept *kept;

char *g_block; // the touch cases' pages, present at the snapshot
void *volatile g_sink;
__thread int t_value;

void *parked(void *arg) {
  int index = int(reinterpret_cast<intptr_t>(arg));
  kept->tls[index] = &t_value;
  kept->tids[index] = int(syscall(SYS_gettid));
  kept->parkedCount.fetch_add(1);
  for (;;)
    tangle::rt::futexWait(&kept->parkWord, 0);
}

// Until the thread is in the futex system call.
void waitParked(int tid) {
  char path[64], text[8];
  snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", tid);
  for (;;) {
    int fd = open(path, O_RDONLY);
    ssize_t n = read(fd, text, 4);
    close(fd);
    if (n == 4 && memcmp(text, "202 ", 4) == 0)
      return;
    sched_yield();
  }
}

void *writesItsTls(void *arg) {
  t_value = int(reinterpret_cast<intptr_t>(arg));
  return nullptr;
}

int blockPages(Case c) {
  return c == Touch1 ? 1 : c == Touch16 ? 16 : c == Touch256 ? 256 : 0;
}

void work(Case c, int round) {
  switch (c) {
  case Empty:
  case Cases:
    break;
  case Touch1:
  case Touch16:
  case Touch256: {
    for (int i = 0; i < blockPages(c); ++i)
      g_block[size_t(i) * Page] = char(round);
    break;
  }
  case MallocFree:
  case MallocKeep: {
    char *p = static_cast<char *>(malloc(1 << 20));
    p[0] = char(round);
    g_sink = p;
    if (c == MallocFree)
      free(p);
    break;
  }
  case Tls10:
    break; // per way: see runRewind and runFork
  }
}

// µs per execution (its work and the rewind), and per rewind alone.
struct Result {
  double execution, rewind;
  snapshot::Stats stats;
};

enum Mode { Compare, CopyWithoutCompare, Mincore, Modes };

Result runRewind(Case c, int reps, Mode mode) {
  snapshot::setCopyWithoutCompare(mode == CopyWithoutCompare);
  snapshot::setPresenceByMincore(mode == Mincore);
  kept->remaining = reps;
  kept->rewinding = 0;
  snapshot::Stats before = snapshot::allRewinds();
  int taken = snapshot::take();
  if (taken < 0) {
    fprintf(stderr, "take: %s\n", snapshot::lastError());
    exit(1);
  }
  double t = now();
  if (taken == 0)
    kept->start = t;
  else
    kept->rewinding += t - kept->beforeRewind;
  if (kept->remaining > 0) {
    int round = kept->remaining--;
    work(c, round);
    if (c == Tls10)
      for (int i = 0; i < Threads; ++i)
        *kept->tls[i] = round;
    kept->beforeRewind = now();
    snapshot::rewind();
    fprintf(stderr, "rewind: %s\n", snapshot::lastError());
    exit(1);
  }
  Result result;
  result.execution = (t - kept->start) / reps;
  result.rewind = kept->rewinding / reps;
  snapshot::Stats after = snapshot::allRewinds();
  uint64_t *out = &result.stats.rewinds;
  const uint64_t *a = &after.rewinds, *b = &before.rewinds;
  for (size_t k = 0; k < sizeof(snapshot::Stats) / sizeof(uint64_t); ++k)
    out[k] = a[k] - b[k];
  return result;
}

double runFork(Case c, int reps) {
  double start = now();
  for (int rep = 0; rep < reps; ++rep) {
    pid_t pid = fork();
    if (pid == 0) {
      work(c, rep);
      if (c == Tls10) {
        pthread_t threads[Threads];
        for (int i = 0; i < Threads; ++i)
          pthread_create(&threads[i], nullptr, writesItsTls,
                         reinterpret_cast<void *>(intptr_t(rep)));
        for (int i = 0; i < Threads; ++i)
          pthread_join(threads[i], nullptr);
      }
      _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
  }
  return (now() - start) / reps;
}

// The first rewind of a process just forked, its pages still shared
// copy-on-write with its parent (as a worker forked from the fork server
// would be): µs inside rewind(), measured in the child.
double firstRewindAfterFork(bool copyWithoutCompare) {
  int fds[2];
  if (pipe(fds) != 0)
    exit(1);
  pid_t pid = fork();
  if (pid == 0) {
    snapshot::setCopyWithoutCompare(copyWithoutCompare);
    snapshot::setPresenceByMincore(false);
    if (snapshot::take() == 0)
      snapshot::rewind();
    double us = double(snapshot::lastRewind().nanoseconds) / 1e3;
    if (write(fds[1], &us, sizeof(us)) != sizeof(us))
      _exit(1);
    _exit(0);
  }
  double us = 0;
  if (read(fds[0], &us, sizeof(us)) != sizeof(us))
    exit(1);
  close(fds[0]);
  close(fds[1]);
  int status;
  waitpid(pid, &status, 0);
  return us;
}

double median(double *values, int n) {
  std::sort(values, values + n);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

} // namespace

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 5;
  int reps = argc > 2 ? atoi(argv[2]) : 200;
  int forks = argc > 3 ? atoi(argv[3]) : 50;
  if (rounds < 1 || rounds > 99 || reps < 1 || forks < 1) {
    fprintf(stderr, "usage: %s [rounds<100] [rewinds] [forks]\n", argv[0]);
    return 2;
  }
  void *mem = mmap(nullptr, Page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED ||
      !snapshot::exclude({uintptr_t(mem), uintptr_t(mem) + Page}))
    return 1;
  kept = new (mem) Kept{};
  // A fixed threshold: freeing an mmap'd block would otherwise raise it
  // for good, and the 1 MiB blocks of later rounds come from the heap.
  mallopt(M_MMAP_THRESHOLD, 128 << 10);
  pthread_t threads[Threads];
  for (int i = 0; i < Threads; ++i)
    pthread_create(&threads[i], nullptr, parked,
                   reinterpret_cast<void *>(intptr_t(i)));
  while (kept->parkedCount.load() < Threads)
    sched_yield();
  for (int i = 0; i < Threads; ++i)
    waitParked(kept->tids[i]);

  static double fork[Cases][100], rewind[Modes][Cases][100],
      alone[Cases][100], inside[Cases][100], maps[Cases][100];
  static snapshot::Stats stats[Cases];
  static double firstCompared[100], firstCopied[100];
  for (int r = 0; r < rounds; ++r)
    for (int c = 0; c < Cases; ++c) {
      Case k = Case(c);
      size_t bytes = size_t(blockPages(k)) * Page;
      g_block = static_cast<char *>(bytes ? malloc(bytes) : nullptr);
      if (bytes)
        memset(g_block, 1, bytes);
      Result compared = runRewind(k, reps, Compare);
      fork[c][r] = runFork(k, forks);
      rewind[Compare][c][r] = compared.execution;
      for (int m = Compare + 1; m < Modes; ++m)
        rewind[m][c][r] = runRewind(k, reps, Mode(m)).execution;
      alone[c][r] = compared.rewind;
      inside[c][r] = double(compared.stats.nanoseconds) / 1e3 /
                     double(compared.stats.rewinds);
      maps[c][r] = double(compared.stats.mapsNanoseconds) / 1e3 /
                   double(compared.stats.rewinds);
      stats[c] = compared.stats;
      free(g_block);
    }
  for (int r = 0; r < rounds; ++r) {
    firstCompared[r] = firstRewindAfterFork(false);
    firstCopied[r] = firstRewindAfterFork(true);
  }

  snapshot::Recorded recorded = snapshot::recorded();
  printf("snapshot: %u mappings, %llu pages recorded; %d rounds of %d "
         "rewinds and %d forks, medians, µs per execution\n\n",
         recorded.mappings, (unsigned long long)recorded.pages, rounds, reps,
         forks);
  printf("| execution | fork | rewind | of which the rewind | of which "
         "inside | of which /proc/self/maps | fork / rewind | rewind, copying without "
         "comparing | rewind, mincore | per rewind: pages compared, copied, "
         "zeroed, mappings unmapped, re-created |\n");
  printf("|---|---|---|---|---|---|---|---|---|---|\n");
  for (int c = 0; c < Cases; ++c) {
    double f = median(fork[c], rounds), w = median(rewind[Compare][c], rounds);
    const snapshot::Stats &s = stats[c];
    double n = double(s.rewinds);
    printf("| %s | %.0f | %.1f | %.1f | %.1f | %.1f | %.0f | %.1f | %.1f | %.0f, "
           "%.0f, %.0f, %.1f, %.1f |\n",
           Names[c], f, w, median(alone[c], rounds), median(inside[c], rounds),
           median(maps[c], rounds),
           f / w, median(rewind[CopyWithoutCompare][c], rounds),
           median(rewind[Mincore][c], rounds),
           double(s.pagesCompared) / n, double(s.pagesCopied) / n,
           double(s.pagesZeroed) / n, double(s.mappingsUnmapped) / n,
           double(s.mappingsRecreated) / n);
  }
  printf("\nfirst rewind in a child just forked (pages shared copy-on-write): "
         "%.1f µs comparing first, %.1f µs copying without comparing\n",
         median(firstCompared, rounds), median(firstCopied, rounds));
  return 0;
}
