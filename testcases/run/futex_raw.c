// tangle run records raw futexes as controlled mode models them: a
// FUTEX_WAIT is a futex-wait (-> 0 queued, -> 11 EAGAIN: the word had
// changed) and, when queued, a futex-resume (-> 0 woken, -> 110 timed
// out); a FUTEX_WAKE is a futex-wake (-> the number woken). The trace
// keeps them, the run names nothing unwatched, and the replay of the
// recorded order takes them as its steps (0 races, not "races not
// checked"). A FUTEX_CMP_REQUEUE (the twin) moves waiters from one word
// to another, which the trace cannot say: it runs unrecorded, the run says
// it did not watch it, with its line (the helper's system call), and the
// replay, which does not model it either, says it did not check races.
//
// RUN: %tangle run %s --trace %t.trace > %t.txt 2>&1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle trace-dump %t.trace > %t.dump
// RUN: FileCheck %s --check-prefix=DUMP --input-file %t.dump
// RUN: %tangle run %s -- -DREQUEUE > %t.requeue.txt 2>&1
// RUN: FileCheck %s --check-prefix=REQUEUE --input-file %t.requeue.txt
//
// CHECK: ; 0 races in the replay of the recorded order
// CHECK-NOT: did not watch
// CHECK: tangle: no hang in this run: the program exited with status 0
//
// DUMP-NOT: not watched: futex
// DUMP: thread 0:
// DUMP: futex-wait 0x{{[0-9a-f]+}} -> 0
// DUMP-NEXT: futex-resume 0x{{[0-9a-f]+}} -> 110
// DUMP: futex-wait 0x{{[0-9a-f]+}} -> {{0|11}}
// DUMP: thread 1 (parent 0):
// DUMP: futex-wake 0x{{[0-9a-f]+}} -> {{0|1}}
//
// REQUEUE: races not checked (the replay of the recorded order stopped: {{.*}}unmodelled-call)
// REQUEUE: note: this run did not watch futex operations other than wait and wake (first at {{.*}}futex_raw.c:[[@LINE+14]])
// REQUEUE: tangle: no hang in what this run recorded: the program exited with status 0
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

atomic_uint flag; // 0 until the waker sets it
unsigned other;   // nobody ever wakes it

long futex(void *word, int op, unsigned value, const struct timespec *timeout,
           void *word2, unsigned value3) {
  return syscall(SYS_futex, word, op, value, timeout, word2, value3);
}

void *waker(void *arg) {
  atomic_store(&flag, 1);
  futex(&flag, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
#ifdef REQUEUE
  futex(&flag, FUTEX_CMP_REQUEUE_PRIVATE, 0, 0, &other, 1); // nobody waits
#endif
  return 0;
}

int main(void) {
  // Times out: nobody wakes `other`.
  struct timespec brief = {0, 1000};
  futex(&other, FUTEX_WAIT_PRIVATE, 0, &brief, 0, 0);
  pthread_t t;
  pthread_create(&t, 0, waker, 0);
  // Waits at least once: queued until the wake, or EAGAIN once flag is 1.
  do
    futex(&flag, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0);
  while (atomic_load(&flag) == 0);
  pthread_join(t, 0);
  return 0;
}
