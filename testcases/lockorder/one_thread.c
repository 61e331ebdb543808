// A latent lock-order inversion: one thread takes `accounts` then `journal` in
// deposit, and later `journal` then `accounts` in audit. It cannot deadlock here
// -- a single thread -- but it would if deposit and audit ever ran in two
// threads at once. A warning that does not count: the verdict stays clean.
// Twin: one_thread_ordered.c.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// TEXT: one_thread.c:40:3: warning: lock-order inversion: main thread takes accounts then journal in deposit and journal then accounts in audit; it cannot deadlock here, since one thread (main thread) takes both orders, but it would if deposit and audit ever ran in two threads at once [lock.order-inversion] (dynamic, not counted)
// TEXT-NEXT: one_thread.c:40:3: note: main thread locks journal here (step {{[0-9]+}}) while holding accounts
// TEXT-NEXT: one_thread.c:56:3: note: called from here
// TEXT-NEXT: one_thread.c:39:3: note: main thread locked accounts here (step {{[0-9]+}})
// TEXT-NEXT: one_thread.c:56:3: note: called from here
// TEXT-NEXT: one_thread.c:49:3: note: main thread locks accounts here (step {{[0-9]+}}) while holding journal
// TEXT-NEXT: one_thread.c:57:3: note: called from here
// TEXT-NEXT: one_thread.c:48:3: note: main thread locked journal here (step {{[0-9]+}})
// TEXT: note: possible unsafe locking scenario if these ran in 2 threads at once:
// TEXT: *** DEADLOCK ***
// TEXT: note: the execution that showed these locks taken:
// TEXT: note: fix: Take these locks in one global order everywhere (always lock accounts before journal)
// TEXT: note: replay this interleaving: tangle replay --schedule
// TEXT: tangle: clean: no deadlock or lock misuse in 1 execution (every interleaving explored, {{.*}}); 1 lock-order warning, not counted
// JSON-DAG: "verdict":{{ ?}}"clean"
// JSON-DAG: "id":{{ ?}}"lock.order-inversion"
// JSON-DAG: "counted":{{ ?}}false
// JSON-DAG: "severity":{{ ?}}"warning"
// JSON-DAG: "reason":{{ ?}}"same-thread"
// JSON-DAG: "held_stack":
// JSON-DAG: "acquired_stack":
#include <pthread.h>

pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t journal = PTHREAD_MUTEX_INITIALIZER;
int balance, entries;

void deposit(int amount) {
  pthread_mutex_lock(&accounts);
  pthread_mutex_lock(&journal);
  balance += amount;
  entries++;
  pthread_mutex_unlock(&journal);
  pthread_mutex_unlock(&accounts);
}

void audit(void) {
  pthread_mutex_lock(&journal);
  pthread_mutex_lock(&accounts);
  entries += balance != 0;
  pthread_mutex_unlock(&accounts);
  pthread_mutex_unlock(&journal);
}

int main(void) {
  deposit(10);
  audit();
  return 0;
}
