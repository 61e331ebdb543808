// Four workers wait for main's flags, each with another form of a loop
// that only loads and compares: `while (!atomic_load(&a));`, an acquire
// load compared with a value, `for (;;) { if (...) break; }`, and a
// do-while on an _Atomic flag with sched_yield. Main sets the flags and
// joins. Each loop is recognised (analyzer/SpinLoops.h) and its repeated
// turns stand for its first: clean, complete, 16 executions (RUN 1; 256
// before the rule). -DIMPURE gives each loop a counter (a volatile local
// incremented per turn): none is recognised, every turn is a class, as
// before (RUN 2).
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint --format json -- -DIMPURE > %t.impure.json
// RUN: FileCheck %s --check-prefix=IMPURE --input-file %t.impure.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "executions":{{ ?}}16,
// IMPURE-DAG: "verdict":{{ ?}}"clean"
// IMPURE-DAG: "complete":{{ ?}}true
// IMPURE-DAG: "executions":{{ ?}}256,
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

atomic_int a, b;
_Atomic int c;

#ifdef IMPURE
#define TURN ++turns
#else
#define TURN
#endif

void *plain(void *arg) {
  volatile int turns = 0;
  (void)arg;
  while (!atomic_load(&a))
    TURN;
  return 0;
}

void *acquire(void *arg) {
  volatile int turns = 0;
  (void)arg;
  while (atomic_load_explicit(&b, memory_order_acquire) != 2) {
    TURN;
  }
  return 0;
}

void *breaks(void *arg) {
  volatile int turns = 0;
  (void)arg;
  for (;;) {
    if (atomic_load(&a))
      break;
    TURN;
  }
  return 0;
}

void *yields(void *arg) {
  volatile int turns = 0;
  (void)arg;
  do {
    TURN;
    sched_yield();
  } while (!c);
  return 0;
}

int main(void) {
  void *(*forms[])(void *) = {plain, acquire, breaks, yields};
  pthread_t t[4];
  for (int i = 0; i < 4; ++i)
    pthread_create(&t[i], 0, forms[i], 0);
  atomic_store(&a, 1);
  atomic_store(&b, 2);
  c = 1;
  for (int i = 0; i < 4; ++i)
    pthread_join(t[i], 0);
  return 0;
}
