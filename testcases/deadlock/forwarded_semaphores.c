// Two threads take two semaphores in opposite orders through CS:APP-style
// wrappers defined in another file (P and V around sem_wait and sem_post,
// Pthread_create around pthread_create). Each wrapper only forwards its
// parameters to one library call, so the report names the lines of this
// file that called them, where the student can change the order, not the
// one line inside P that every wait goes through. The twin waits through
// Pcounted, which also counts the waits: code of its own, whose line the
// report keeps.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s %S/Inputs/forwarders/semwrap.c --no-lint -- -I%S/Inputs/forwarders > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s %S/Inputs/forwarders/semwrap.c --no-lint -- -I%S/Inputs/forwarders -DCOUNTED > %t.counted.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=COUNTED --input-file %t.counted.txt
// RUN: %python %S/../Inputs/leftovers.py %t.m %t.tmp
//
// CHECK-NOT: semwrap.c
// CHECK: forwarded_semaphores.c:61:3: note: thread 1 (one) is created here
// CHECK: forwarded_semaphores.c:43:3: note: thread 1 (one) waits here to wait on semaphore b
// CHECK: forwarded_semaphores.c:51:3: note: thread 2 (two) waits here to wait on semaphore a
// CHECK: sem_wait a {{.*}}forwarded_semaphores.c:41
// CHECK: sem_wait b {{.*}}forwarded_semaphores.c:50
// CHECK-NOT: semwrap.c
// CHECK: replay this interleaving
// CHECK: tangle: bugs: 1 finding
//
// COUNTED: forwarded_semaphores.c:43:3: note: thread 1 (one) waits here to wait on semaphore b
// COUNTED: sem_wait a {{.*}}Inputs/forwarders/semwrap.c:31
// COUNTED: sem_wait b {{.*}}forwarded_semaphores.c:50
// COUNTED: tangle: bugs: 1 finding
#include "semwrap.h"

#include <stddef.h>

sem_t a, b;

static void *one(void *arg) {
#ifdef COUNTED
  Pcounted(&a);
#else
  P(&a);
#endif
  P(&b);
  V(&b);
  V(&a);
  return NULL;
}

static void *two(void *arg) {
  P(&b);
  P(&a);
  V(&a);
  V(&b);
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  Sem_init(&a, 0, 1);
  Sem_init(&b, 0, 1);
  Pthread_create(&t1, NULL, one, NULL);
  Pthread_create(&t2, NULL, two, NULL);
  Pthread_join(t1, NULL);
  Pthread_join(t2, NULL);
  return 0;
}
