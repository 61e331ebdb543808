// What a fiber cannot be (docs/runtime.md, "Fibers"): all fibers run on one
// OS thread, whose glibc descriptor and signal mask they share, and their
// thread-local variables live at one set of addresses. So a program with
// thread-local variables of its own, or whose threads use thread-specific
// data or set a signal mask, runs its threads as OS threads in the worker:
// the first execution (the first worker's, which probes) or the program's
// modules say so, and the report says why. Same count and verdict either way.
//
// Thread-local variables of the program's own:
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DTLS > %t.tls.json; test $? -eq 0
// RUN: FileCheck %s --check-prefixes=CHECK,TLS --input-file %t.tls.json
// Thread-specific data, in every execution (the first one meets it):
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DKEY > %t.key.json; test $? -eq 0
// RUN: FileCheck %s --check-prefixes=CHECK,KEY --input-file %t.key.json
// A thread's signal mask:
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DMASK > %t.mask.json; test $? -eq 0
// RUN: FileCheck %s --check-prefixes=CHECK,MASK --input-file %t.mask.json
// Thread-specific data only when thread 2 took the lock first, which the
// first execution does not do: a worker running fibers meets it, refuses
// that execution, and the fork server runs it again in a worker
// of OS threads, and every execution after it. The objects keep their
// addresses (a fiber runs on its pooled thread's stack, from where the
// thread would start): no execution reports program.nondeterministic.
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DKEY -DLATER > %t.later.json; test $? -eq 0
// RUN: FileCheck %s --check-prefixes=CHECK,LATER --input-file %t.later.json
// The text report's note:
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers -- -DKEY > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
//
// CHECK: "executions": 6,
// CHECK: "reuse": {
// TLS: "fibers_declined": "thread-local variables of the program's own (the program), whose addresses every fiber would share",
// KEY: "fibers_declined": "thread-specific data (pthread_setspecific), which glibc keeps per OS thread",
// MASK: "fibers_declined": "a signal mask set (pthread_sigmask), which is the OS thread's",
// LATER: "fibers": {{[1-5]}},
// LATER-NEXT: "fibers_declined": "thread-specific data (pthread_setspecific), which glibc keeps per OS thread",
// CHECK: "verdict": "clean"
//
// TEXT: note: --reuse-process: the workers ran the program's threads as OS threads, not as fibers of one OS thread, because of thread-specific data (pthread_setspecific), which glibc keeps per OS thread
#include <assert.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static intptr_t first;
static int counter;
#ifdef TLS
static __thread int mine;
#endif
#ifdef KEY
static pthread_key_t key;
#endif

static void *worker(void *arg) {
  intptr_t i = (intptr_t)arg;
#ifdef MASK
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &set, 0);
#endif
  for (int round = 0; round < 2; ++round) {
    pthread_mutex_lock(&lock);
    if (!first)
      first = i;
#ifdef TLS
    mine += (int)i;
#endif
#if defined(KEY) && defined(LATER)
    if (first == 2)
      pthread_setspecific(key, arg);
#elif defined(KEY)
    pthread_setspecific(key, arg);
#endif
    ++counter;
    pthread_mutex_unlock(&lock);
  }
#ifdef TLS
  assert(mine == 2 * i);
#endif
  return 0;
}

int main(void) {
#ifdef KEY
  pthread_key_create(&key, 0);
#endif
  pthread_t t[2];
  for (intptr_t i = 0; i < 2; ++i)
    pthread_create(&t[i], 0, worker, (void *)(i + 1));
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], 0);
  assert(counter == 4);
  return 0;
}
