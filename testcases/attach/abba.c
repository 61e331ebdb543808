// tangle attach: a program that tangle did not start (built natively with
// clang, no tangle runtime) deadlocks for real: each thread takes one lock,
// waits at a barrier until the other has taken its own (certain, not a
// matter of timing, as a sleep would be on a loaded machine), and wants the
// other's. tangle attach stops it with ptrace, reads each thread's futex
// wait and glibc's mutex owner field, and reports the cycle like tangle run
// does: both mutexes and threads by name, the line each waits at, and the
// line where each holder locked what it holds (found in its function's
// machine code: the last call passing that mutex to pthread_mutex_lock).
// Then it detaches: the process is still there, each thread blocked in the
// same call. The twin (not_hung.c) attaches to a process whose threads run.
//
// REQUIRES: ptrace
// RUN: %clang -g -O0 -pthread %s -o %t.bin
// RUN: %python %S/../Inputs/attach.py --threads 3 --blocked --output %t.txt --program %t.bin -- %tangle attach {pid}
// RUN: FileCheck %s --input-file %t.txt
// RUN: %python %S/../Inputs/attach.py --threads 3 --blocked --output %t.json --program %t.bin -- %tangle attach {pid} --format json
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
//
// CHECK: abba.c:[[#]]:3: error: deadlock: thread {{[12]}} waits for {{accounts|audit}} held by thread {{[12]}}, which waits for {{accounts|audit}} held by thread {{[12]}} [deadlock.cycle]
// CHECK-DAG: abba.c:45:3: note: thread 1 (deposit) holds accounts, locked here
// CHECK-DAG: abba.c:47:3: note: thread 1 (deposit) waits here to lock audit, held by thread 2 (report)
// CHECK-DAG: abba.c:54:3: note: thread 2 (report) holds audit, locked here
// CHECK-DAG: abba.c:56:3: note: thread 2 (report) waits here to lock accounts, held by thread 1 (deposit)
// CHECK: note: attached to a process tangle did not start: there is no schedule to replay
// CHECK: tangle: bugs: 1 finding in process [[#]] (3 threads, {{.*}})
// CHECK: attach exit code: 1
// CHECK: process after attach: unchanged, 3 threads blocked
//
// JSON-DAG: "command": "attach"
// JSON-DAG: "verdict": "bugs"
// JSON-DAG: "id": "deadlock.cycle"
// JSON-DAG: "found_by": "attach"
// JSON-DAG: "no_schedule": "attached to a process tangle did not start{{.*}}"
// JSON-DAG: "start_routine": "deposit"
// JSON: attach exit code: 1
// JSON: process after attach: unchanged, 3 threads blocked
#include <pthread.h>

pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t audit = PTHREAD_MUTEX_INITIALIZER;
pthread_barrier_t both_locked;

void *deposit(void *arg) {
  pthread_mutex_lock(&accounts);
  pthread_barrier_wait(&both_locked);
  pthread_mutex_lock(&audit);
  pthread_mutex_unlock(&audit);
  pthread_mutex_unlock(&accounts);
  return 0;
}

void *report(void *arg) {
  pthread_mutex_lock(&audit);
  pthread_barrier_wait(&both_locked);
  pthread_mutex_lock(&accounts);
  pthread_mutex_unlock(&accounts);
  pthread_mutex_unlock(&audit);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_barrier_init(&both_locked, 0, 2);
  pthread_create(&t1, 0, deposit, 0);
  pthread_create(&t2, 0, report, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
