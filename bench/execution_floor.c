// What one execution of a controlled exploration costs at the least, for
// three ways of running it (docs/runtime.md, "Cost"; bench/execution_floor.sh
// prints the table). Each runs the same schedule: THREADS threads and main
// take STEPS visible steps in turn, one CPU, each step a write to a global.
//
//   fork   what tangle does today: a process per execution (the fork
//          server's fork, then pthread_create of each thread), one futex
//          wake and one wait per hand-off, exit and wait at the end.
//   pool   one process for all executions: the threads are created once and
//          park between executions; the hand-offs are the same futexes; the
//          memory is put back by copying the pages present at the snapshot.
//   fiber  one process and one kernel thread: each thread is a stack of its
//          own, switched to by a user-level context switch; each switch also
//          swaps the contents of the static thread-local block (each fiber
//          keeps its own errno and __thread variables at the same
//          addresses); the memory is put back as in pool.
//
// Only the floor: none of tangle's own work (its model of each step, the
// analysis) is here. Usage: execution_floor MODE THREADS STEPS REPS
// (THREADS are besides main). Prints microseconds per execution.
#define _GNU_SOURCE
#include <link.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MaxThreads = 64, MaxRegions = 256, Page = 4096 };

static int threads, steps;
static int program_global[1024]; // the program's state an execution changes

// Shared with every process and never put back: the schedule's state.
struct control {
  _Atomic int turn;   // the step that may run
  _Atomic int parked; // pool: threads done with this execution
  // Each thread waits on a word of its own (one more per execution for the
  // pool's start), so that a hand-off wakes only the thread it is for.
  struct {
    _Atomic int word;
    char pad[60];
  } wait[MaxThreads + 1];
};
static struct control *control;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}
static void futex_wait(_Atomic int *word, int value) {
  syscall(SYS_futex, word, FUTEX_WAIT, value, NULL, NULL, 0);
}
static void futex_wake(_Atomic int *word) {
  syscall(SYS_futex, word, FUTEX_WAKE, INT32_MAX, NULL, NULL, 0);
}

// Step i is thread i % (threads + 1)'s (0: main): wait for the turn, write,
// hand the turn on.
static void run_steps(int self) {
  for (int i = self; i < steps; i += threads + 1) {
    int turn;
    while ((turn = atomic_load(&control->turn)) != i) {
      int seen = atomic_load(&control->wait[self].word);
      if (atomic_load(&control->turn) != i)
        futex_wait(&control->wait[self].word, seen);
    }
    program_global[(i * 7) % 1024] += i;
    atomic_store(&control->turn, i + 1);
    int next = (i + 1) % (threads + 1);
    atomic_fetch_add(&control->wait[next].word, 1);
    futex_wake(&control->wait[next].word);
  }
}

static void *thread_body(void *arg) {
  run_steps((int)(intptr_t)arg);
  return NULL;
}

// --- the memory snapshot of pool and fiber ---

struct region {
  char *start;
  size_t pages;
  unsigned char *present; // per page, at the snapshot
  char *copy;
};
static struct region regions[MaxRegions];
static int region_count;
static size_t snapshot_pages;

// Every writable private mapping but the given range (the running stack, which
// a real restore would leave from a stack of its own) and the thread stacks
// of the pool (their frames are live; their thread-local blocks would be in).
static void take_snapshot(const char *skip_begin, const char *skip_end) {
  FILE *maps = fopen("/proc/self/maps", "r");
  char line[512];
  while (region_count < MaxRegions && fgets(line, sizeof line, maps)) {
    unsigned long begin, end;
    char perms[5];
    if (sscanf(line, "%lx-%lx %4s", &begin, &end, perms) != 3)
      continue;
    if (perms[1] != 'w' || perms[3] != 'p' || end - begin >= (8ul << 20))
      continue;
    if ((char *)begin < skip_end && (char *)end > skip_begin)
      continue;
    struct region *r = &regions[region_count++];
    r->start = (char *)begin;
    r->pages = (end - begin) / Page;
  }
  fclose(maps);
  // The copies live in mappings made after the list: never put back.
  for (int i = 0; i < region_count; ++i) {
    struct region *r = &regions[i];
    r->present = mmap(NULL, r->pages * (Page + 1), PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    r->copy = (char *)r->present + ((r->pages + Page - 1) / Page) * Page;
    mincore(r->start, r->pages * Page, r->present);
    for (size_t p = 0; p < r->pages; ++p)
      snapshot_pages += r->present[p] & 1;
  }
  // Copied once the tables (in the copied .bss) are complete.
  for (int i = 0; i < region_count; ++i) {
    struct region *r = &regions[i];
    for (size_t p = 0; p < r->pages; ++p)
      if (r->present[p] & 1)
        memcpy(r->copy + p * Page, r->start + p * Page, Page);
  }
}

// The pages present at the snapshot get their bytes back. (Pages an
// execution made present would be zeroed, mappings it made unmapped; none
// here.) `regions` itself is in the copied .bss: it holds the same values
// before and after, so copying it over itself is harmless.
static void restore_snapshot(void) {
  for (int i = 0; i < region_count; ++i) {
    struct region *r = &regions[i];
    for (size_t p = 0; p < r->pages; ++p)
      if (r->present[p] & 1)
        memcpy(r->start + p * Page, r->copy + p * Page, Page);
  }
}

static void take_snapshot_around_stack(void) {
  char here;
  uintptr_t sp = (uintptr_t)&here;
  take_snapshot((const char *)(sp - (64 << 10)), (const char *)(sp + (64 << 10)));
}

// --- fork ---

static double run_fork(int reps) {
  double start = now();
  for (int rep = 0; rep < reps; ++rep) {
    pid_t pid = fork();
    if (pid == 0) {
      atomic_store(&control->turn, 0);
      pthread_t tid[MaxThreads];
      for (int t = 0; t < threads; ++t)
        pthread_create(&tid[t], NULL, thread_body, (void *)(intptr_t)(t + 1));
      run_steps(0);
      for (int t = 0; t < threads; ++t)
        pthread_join(tid[t], NULL);
      _exit(0);
    }
    waitpid(pid, NULL, 0);
  }
  return (now() - start) / reps;
}

// --- pool ---

static void *pooled_body(void *arg) {
  int self = (int)(intptr_t)arg;
  for (;;) {
    // Parked until the turn is one of this execution's own steps.
    atomic_fetch_add(&control->parked, 1);
    futex_wake(&control->parked);
    run_steps(self);
  }
  return NULL;
}

static double run_pool(int reps) {
  pthread_t tid[MaxThreads];
  for (int t = 0; t < threads; ++t)
    pthread_create(&tid[t], NULL, pooled_body, (void *)(intptr_t)(t + 1));
  int parked;
  while ((parked = atomic_load(&control->parked)) != threads)
    futex_wait(&control->parked, parked);
  take_snapshot_around_stack();
  double start = now();
  for (int rep = 0; rep < reps; ++rep) {
    atomic_store(&control->parked, 0);
    atomic_store(&control->turn, 0);
    run_steps(0);
    while ((parked = atomic_load(&control->parked)) != threads)
      futex_wait(&control->parked, parked);
    restore_snapshot();
  }
  return (now() - start) / reps;
}

// --- fiber ---

// switch_stack(&from_sp, to_sp): pushes the callee-saved registers, swaps
// the stack pointer, pops the other context's and returns into it.
__asm__(".text\n"
        ".globl switch_stack\n"
        "switch_stack:\n"
        "  pushq %rbp\n  pushq %rbx\n  pushq %r12\n"
        "  pushq %r13\n  pushq %r14\n  pushq %r15\n"
        "  movq %rsp, (%rdi)\n  movq %rsi, %rsp\n"
        "  popq %r15\n  popq %r14\n  popq %r13\n"
        "  popq %r12\n  popq %rbx\n  popq %rbp\n"
        "  ret\n");
void switch_stack(void **from, void *to);

static void *fiber_sp[MaxThreads + 1];
static char *fiber_tls[MaxThreads + 1]; // each fiber's thread-local bytes
static size_t tls_size;                 // the static thread-local block
static char *tls_live;                  // stands in for the block at %fs
static int fiber_current, fiber_turn;

static int add_tls(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size, (void)data;
  for (int i = 0; i < info->dlpi_phnum; ++i)
    if (info->dlpi_phdr[i].p_type == PT_TLS)
      tls_size += (info->dlpi_phdr[i].p_memsz + 63) & ~(size_t)63;
  return 0;
}

static void fiber_switch(int next) {
  int me = fiber_current;
  memcpy(fiber_tls[me], tls_live, tls_size);
  memcpy(tls_live, fiber_tls[next], tls_size);
  fiber_current = next;
  switch_stack(&fiber_sp[me], fiber_sp[next]);
}

static void fiber_steps(int self) {
  for (int i = self; i < steps; i += threads + 1) {
    program_global[(i * 7) % 1024] += i;
    fiber_turn = i + 1;
    if (fiber_turn < steps)
      fiber_switch(fiber_turn % (threads + 1));
  }
}

static void fiber_entry(void) {
  fiber_steps(fiber_current);
  for (;;)
    fiber_switch(0);
}

static void *fiber_start(char *stack, size_t size) {
  void **top = (void **)(stack + size);
  *--top = NULL;               // keeps the entry's frame 16-byte aligned
  *--top = (void *)fiber_entry; // switch_stack's ret goes here
  for (int i = 0; i < 6; ++i)   // the callee-saved registers it pops
    *--top = NULL;
  return top;
}

static double run_fiber(int reps) {
  enum { StackSize = 64 << 10 };
  dl_iterate_phdr(add_tls, NULL);
  tls_size += 512; // glibc's own thread-local variables beyond PT_TLS: errno, tcache...
  tls_live = malloc(tls_size);
  char *stacks = malloc((size_t)threads * StackSize);
  for (int t = 0; t <= threads; ++t)
    fiber_tls[t] = calloc(1, tls_size);
  take_snapshot_around_stack();
  double start = now();
  for (int rep = 0; rep < reps; ++rep) {
    for (int t = 1; t <= threads; ++t)
      fiber_sp[t] = fiber_start(stacks + (size_t)(t - 1) * StackSize, StackSize);
    fiber_current = 0;
    fiber_turn = 0;
    fiber_steps(0);
    while (fiber_turn < steps) // steps of others after main's last
      fiber_switch(fiber_turn % (threads + 1));
    restore_snapshot();
  }
  return (now() - start) / reps;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s fork|pool|fiber THREADS STEPS REPS\n", argv[0]);
    return 2;
  }
  threads = atoi(argv[2]);
  steps = atoi(argv[3]);
  int reps = atoi(argv[4]);
  if (threads < 1 || threads > MaxThreads || steps < 1 || reps < 1) {
    fprintf(stderr, "execution_floor: 1 to %d threads, steps and reps > 0\n",
            MaxThreads);
    return 2;
  }
  cpu_set_t one;
  CPU_ZERO(&one);
  sched_getaffinity(0, sizeof one, &one);
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
    if (CPU_ISSET(cpu, &one)) { // the first allowed CPU, as tangle pins
      CPU_ZERO(&one);
      CPU_SET(cpu, &one);
      break;
    }
  sched_setaffinity(0, sizeof one, &one);
  control = mmap(NULL, Page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                 -1, 0);
  double seconds;
  if (!strcmp(argv[1], "fork"))
    seconds = run_fork(reps);
  else if (!strcmp(argv[1], "pool"))
    seconds = run_pool(reps);
  else if (!strcmp(argv[1], "fiber"))
    seconds = run_fiber(reps);
  else {
    fprintf(stderr, "execution_floor: unknown mode %s\n", argv[1]);
    return 2;
  }
  printf("%.1f", seconds * 1e6);
  if (snapshot_pages)
    printf(" %zu", snapshot_pages);
  printf("\n");
  return 0;
}
