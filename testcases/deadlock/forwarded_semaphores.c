// Two threads take two semaphores in opposite orders through CS:APP-style
// wrappers defined in another file (P and V around sem_wait and sem_post,
// Pthread_create around pthread_create). Each wrapper only forwards its
// parameters to one library call, so the report names the lines of this
// file that called them, where the student can change the order, not the
// one line inside P that every wait goes through. The twin waits through
// Pcounted, which also counts the waits: code of its own, whose line the
// report keeps. `tangle run` (with a barrier that makes the deadlock sure)
// names the blocked waits at this file's lines too; its recorded steps keep
// one frame each, the call inside the wrapper, so those stay semwrap.c's.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s %S/Inputs/forwarders/semwrap.c --no-lint -- -I%S/Inputs/forwarders > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s %S/Inputs/forwarders/semwrap.c --no-lint -- -I%S/Inputs/forwarders -DCOUNTED > %t.counted.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=COUNTED --input-file %t.counted.txt
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle run %s %S/Inputs/forwarders/semwrap.c --hang-after 1 -- -I%S/Inputs/forwarders -DBARRIER > %t.run.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=RECORD --input-file %t.run.txt
// RUN: %python %S/../Inputs/leftovers.py %t.m %t.tmp
//
// CHECK-NOT: semwrap.c
// CHECK: forwarded_semaphores.c:82:3: note: thread 1 (one) is created here
// CHECK: forwarded_semaphores.c:58:3: note: thread 1 (one) waits here to wait on semaphore b
// CHECK: forwarded_semaphores.c:69:3: note: thread 2 (two) waits here to wait on semaphore a
// CHECK: sem_wait a {{.*}}forwarded_semaphores.c:53
// CHECK: sem_wait b {{.*}}forwarded_semaphores.c:65
// CHECK-NOT: semwrap.c
// CHECK: replay this interleaving
// CHECK: tangle: bugs: 1 finding
//
// COUNTED: forwarded_semaphores.c:58:3: note: thread 1 (one) waits here to wait on semaphore b
// COUNTED: sem_wait a {{.*}}Inputs/forwarders/semwrap.c:31
// COUNTED: sem_wait b {{.*}}forwarded_semaphores.c:65
// COUNTED: tangle: bugs: 1 finding
//
// RECORD: error: deadlock: {{.*}}thread 1 waits on semaphore b in one at line 58; {{.*}}thread 2 waits on semaphore a in two at line 69;
// RECORD: forwarded_semaphores.c:58:3: note: thread 1 (one) waits here to wait on semaphore b
// RECORD: forwarded_semaphores.c:69:3: note: thread 2 (two) waits here to wait on semaphore a
// RECORD: tangle: bugs: 1 finding in one recorded run
#include "semwrap.h"

#include <stddef.h>

sem_t a, b;
#ifdef BARRIER
pthread_barrier_t both; // each holds its first semaphore: a sure deadlock
#endif

static void *one(void *arg) {
#ifdef COUNTED
  Pcounted(&a);
#else
  P(&a);
#endif
#ifdef BARRIER
  pthread_barrier_wait(&both);
#endif
  P(&b);
  V(&b);
  V(&a);
  return NULL;
}

static void *two(void *arg) {
  P(&b);
#ifdef BARRIER
  pthread_barrier_wait(&both);
#endif
  P(&a);
  V(&a);
  V(&b);
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  Sem_init(&a, 0, 1);
  Sem_init(&b, 0, 1);
#ifdef BARRIER
  pthread_barrier_init(&both, NULL, 2);
#endif
  Pthread_create(&t1, NULL, one, NULL);
  Pthread_create(&t2, NULL, two, NULL);
  Pthread_join(t1, NULL);
  Pthread_join(t2, NULL);
  return 0;
}
