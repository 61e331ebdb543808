// --reuse-process and the ways a thread of the program ends other than by
// returning. A pooled thread never ends for real (it goes back to its
// pool), so the runtime does what glibc would at the thread's end:
// - pthread_exit with nothing to unwind (no cleanup handler, no C++
//   destructor or cleanup attribute on the way up) goes straight back to
//   the pooled thread's start, as a return would: every execution runs in
//   the one worker, and the join sees the value passed to pthread_exit;
// - with a pthread_cleanup_push handler (-DCLEANUP), glibc's unwinding
//   must run it, and it ends the pooled OS thread: such an execution ends
//   its worker (single use), and the next gets a new one, set up the same
//   way, so every execution still runs in a worker;
// - destructors of thread-specific data (-DKEY) run as the thread ends,
//   before it counts as ended (their lock is seen, with or without the
//   option: 20 executions, where the destructor's lock once went unseen
//   without it, after the thread's exit, and 6 were explored);
// - pthread_exit in main (-DMAIN_EXIT) would end the worker's own main
//   thread: the first execution (run by the first worker, which probes)
//   does it, and so every execution runs in a process each.
// With fibers (the default): the first runs its threads as fibers; the
// cleanup's first worker refuses (fibers share one OS thread, which glibc's
// unwinding would end) and the others run OS threads; the keys' first
// worker refuses for the same reason (thread-specific data is glibc's per
// OS thread). A first worker whose run of the first request is dropped
// probed for the run: it is not counted among the workers (20, not 21).
// Each way gives the executions and verdict it gives without the option;
// the asserts check what the program sees.
//
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-predict --no-lint --no-reuse-process --format json > %t.fork.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=FORK --input-file %t.fork.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DCLEANUP > %t.cleanup.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=CLEANUP --input-file %t.cleanup.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DKEY > %t.key.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=KEY --input-file %t.key.json
// RUN: %tangle check %s --no-predict --no-lint --no-reuse-process --format json -- -DKEY > %t.key.fork.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=KEYFORK --input-file %t.key.fork.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers -- -DMAIN_EXIT > %t.main.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=MAIN --input-file %t.main.txt
//
// CHECK: "executions": 6,
// CHECK: "reuse": {
// CHECK-NEXT: "executions": 6,
// CHECK-NEXT: "fibers": 6,
// CHECK-NEXT: "workers": 1
// CHECK: "verdict": "clean"
//
// FORK: "executions": 6,
// FORK-NOT: "reuse"
// FORK: "verdict": "clean"
//
// CLEANUP: "executions": 20,
// CLEANUP: "reuse": {
// CLEANUP-NEXT: "executions": 0,
// CLEANUP-NEXT: "fibers_declined": "pthread_exit through cleanup handlers or destructors, which would end the fibers' one OS thread",
// CLEANUP-NEXT: "single_use": 20,
// CLEANUP-NEXT: "single_use_by": "pthread_exit through cleanup handlers or destructors, which ends the thread's pooled OS thread",
// CLEANUP-NEXT: "workers": 20
// CLEANUP: "verdict": "clean"
//
// KEY: "executions": 20,
// KEY: "reuse": {
// KEY-NEXT: "executions": 20,
// KEY-NEXT: "fibers_declined": "thread-specific data (pthread_setspecific), which glibc keeps per OS thread",
// KEY-NEXT: "workers": 1
// KEY: "verdict": "clean"
//
// KEYFORK: "executions": 20,
// KEYFORK: "verdict": "clean"
//
// MAIN: note: --reuse-process: the first execution did what a worker process would have to end or refuse for (pthread_exit in main, which would end the worker's main thread), so every execution ran in a process of its own, as without the option
// MAIN: tangle: clean: no deadlock or lock misuse in {{[0-9]+}} executions
#include <assert.h>
#include <pthread.h>
#include <stdint.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;
static int cleaned;
#ifdef KEY
static pthread_key_t key;
static int destroyed;

static void destroy(void *value) {
  pthread_mutex_lock(&lock);
  destroyed += (int)(intptr_t)value;
  pthread_mutex_unlock(&lock);
}
#endif

static void cleanup(void *arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  ++cleaned;
  pthread_mutex_unlock(&lock);
}

static void *worker(void *arg) {
#ifdef KEY
  pthread_setspecific(key, (void *)(intptr_t)10);
#endif
  pthread_cleanup_push(cleanup, arg);
  for (int i = 0; i < 2; ++i) {
    pthread_mutex_lock(&lock);
    ++counter;
    pthread_mutex_unlock(&lock);
  }
#ifdef CLEANUP
  pthread_exit(arg);
#endif
  pthread_cleanup_pop(0);
  pthread_exit(arg);
  return NULL;
}

int main(void) {
  pthread_t t[2];
#ifdef KEY
  pthread_key_create(&key, destroy);
#endif
  for (intptr_t i = 0; i < 2; ++i)
    pthread_create(&t[i], NULL, worker, (void *)(i + 1));
#ifdef MAIN_EXIT
  for (int i = 0; i < 2; ++i)
    pthread_detach(t[i]);
  pthread_exit(NULL);
#endif
  for (intptr_t i = 0; i < 2; ++i) {
    void *result = NULL;
    pthread_join(t[i], &result);
    assert(result == (void *)(i + 1));
  }
  assert(counter == 4);
#ifdef CLEANUP
  assert(cleaned == 2);
#else
  assert(cleaned == 0);
#endif
#ifdef KEY
  assert(destroyed == 20);
#endif
  return 0;
}
