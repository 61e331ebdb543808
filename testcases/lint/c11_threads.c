// C11 <threads.h> in lint: thrd_create/thrd_join start and join threads,
// mtx_lock/mtx_trylock/mtx_unlock are locks (recursive when mtx_init says
// mtx_recursive), cnd_wait is a condition wait. Before, lint knew none of
// them and was silent on every program here. Each variant has its twin:
// the lock order (AB/BA against one order), a plain relock against a
// recursive one, a wait without a loop against one in a loop, an unlocked
// counter against a locked one, a thread joined before the next starts.
// `tangle check` gives the same verdicts (testcases/c11/).
//
// RUN: %tangle-lint %s -- -DABBA > %t.abba.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=ABBA --input-file %t.abba.txt
// RUN: %tangle-lint %s -- -DSAME_ORDER > %t.same.txt; test $? -eq 0
// RUN: test ! -s %t.same.txt
// RUN: %tangle-lint %s -- -DRELOCK > %t.relock.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=RELOCK --input-file %t.relock.txt
// RUN: %tangle-lint %s -- -DRELOCK -DRECURSIVE > %t.recursive.txt; test $? -eq 0
// RUN: test ! -s %t.recursive.txt
// RUN: %tangle-lint %s -- -DWAIT_IF > %t.waitif.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=WAITIF --input-file %t.waitif.txt
// RUN: %tangle-lint %s -- -DWAIT_WHILE > %t.waitwhile.txt; test $? -eq 0
// RUN: test ! -s %t.waitwhile.txt
// RUN: %tangle-lint %s -- -DUNLOCKED > %t.unlocked.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=UNLOCKED --input-file %t.unlocked.txt
// RUN: %tangle-lint %s -- -DUNLOCKED -DJOIN_FIRST > %t.joined.txt; test $? -eq 0
// RUN: test ! -s %t.joined.txt
// RUN: %tangle-lint %s -- -DTRYLOCK_RETURN > %t.try.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TRY --input-file %t.try.txt
//
// ABBA: warning: lock-order inversion: thread 'first' locks 'b' while holding 'a', and thread 'second' locks them in the opposite order; the two can deadlock [tangle-lock-order-inversion]
// RELOCK: warning: 'a' is locked again while this thread already holds it; a non-recursive lock deadlocks here [tangle-double-lock]
// WAITIF: warning: condition wait outside a loop{{.*}}[tangle-cond-wait-no-loop]
// UNLOCKED: warning: 'counter' is written in thread 'first' and written in thread 'second' with no lock held by both: a data race [tangle-shared-global-unlocked]
// TRY: warning: 'a' is still held when 'first' returns and its thread ends [tangle-missing-unlock]
#include <threads.h>

static mtx_t a, b;
static cnd_t ready_cv;
static int counter, ready;

static void add(void) {
#ifdef UNLOCKED
  counter++;
#else
  mtx_lock(&a);
  counter++;
  mtx_unlock(&a);
#endif
}

static int first(void *arg) {
#ifdef TRYLOCK_RETURN
  // mtx_trylock returns thrd_success (0) when it got the lock.
  if (mtx_trylock(&a) == thrd_success)
    return 0;
  return 1;
#endif
  mtx_lock(&a);
#ifdef RELOCK
  mtx_lock(&a);
  mtx_unlock(&a);
#endif
#if defined(ABBA) || defined(SAME_ORDER)
  mtx_lock(&b);
  mtx_unlock(&b);
#endif
  ready = 1;
  cnd_signal(&ready_cv);
  mtx_unlock(&a);
  add();
  return 0;
}

static int second(void *arg) {
#ifdef ABBA
  mtx_lock(&b);
  mtx_lock(&a);
  mtx_unlock(&a);
  mtx_unlock(&b);
#elif defined(SAME_ORDER)
  mtx_lock(&a);
  mtx_lock(&b);
  mtx_unlock(&b);
  mtx_unlock(&a);
#endif
  mtx_lock(&a);
#ifdef WAIT_IF
  if (!ready)
    cnd_wait(&ready_cv, &a);
#elif defined(WAIT_WHILE)
  while (!ready)
    cnd_wait(&ready_cv, &a);
#endif
  mtx_unlock(&a);
  add();
  return 0;
}

int main(void) {
#ifdef RECURSIVE
  mtx_init(&a, mtx_plain | mtx_recursive);
#else
  mtx_init(&a, mtx_plain);
#endif
  mtx_init(&b, mtx_plain);
  cnd_init(&ready_cv);
  thrd_t x, y;
  thrd_create(&x, first, NULL);
#ifdef JOIN_FIRST
  thrd_join(x, NULL);
#endif
  thrd_create(&y, second, NULL);
#ifndef JOIN_FIRST
  thrd_join(x, NULL);
#endif
  thrd_join(y, NULL);
  return 0;
}
