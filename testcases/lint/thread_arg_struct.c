// One struct of arguments for the thread, changed by its creator before
// the join: the thread can read x as 1 or 2. The twins join before the
// change, change only a member the thread does not read, only read the
// struct after the create, or change it under the lock the thread reads
// it under (a struct shared on purpose), or x is _Atomic, or the thread
// polls x in a loop (a flag shared on purpose, whose fix is an atomic, not
// a copy; this check leaves it alone), or the thread waits for main's
// sem_post after the change before it reads: no warning.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
// RUN: FileCheck %s --check-prefix=NOTE --input-file %t.txt
// RUN: %tangle-lint %s -- -DJOIN_FIRST > %t.join.txt; test $? -eq 0
// RUN: test ! -s %t.join.txt
// RUN: %tangle-lint %s -- -DOTHER_MEMBER > %t.other.txt; test $? -eq 0
// RUN: test ! -s %t.other.txt
// RUN: %tangle-lint %s -- -DREAD_ONLY > %t.read.txt; test $? -eq 0
// RUN: test ! -s %t.read.txt
// RUN: %tangle-lint %s -- -DLOCKED > %t.locked.txt; test $? -eq 0
// RUN: test ! -s %t.locked.txt
// RUN: %tangle-lint %s -- -DATOMIC > %t.atomic.txt; test $? -eq 0
// RUN: test ! -s %t.atomic.txt
// RUN: %tangle-lint %s -- -DPOLLED > %t.polled.txt; test $? -eq 0
// RUN: test ! -s %t.polled.txt
// RUN: %tangle-lint %s -- -DGO > %t.go.txt; test $? -eq 0
// RUN: test ! -s %t.go.txt
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

struct args {
#ifdef ATOMIC
  _Atomic int x;
#else
  int x;
#endif
  int y;
};

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static sem_t go;

static void *worker(void *arg);

int main(void) {
  pthread_t t;
  struct args a;
  a.x = 1;
  a.y = 0;
  sem_init(&go, 0, 0);
  // CHECK: thread_arg_struct.c:[[@LINE+1]]:36: warning: thread 'worker' is given the address of 'a', which main thread changes before joining it while the thread reads it through its parameter: a data race, and the thread can see the changed value; give each thread its own copy (an element of an array with one per thread, or a malloc'd copy the thread frees) [tangle-thread-arg-changed]
  pthread_create(&t, NULL, worker, &a);
#if defined(JOIN_FIRST)
  pthread_join(t, NULL);
  a.x = 2;
#elif defined(OTHER_MEMBER)
  a.y = 2;
  pthread_join(t, NULL);
#elif defined(READ_ONLY)
  printf("%d\n", a.x);
  pthread_join(t, NULL);
#elif defined(LOCKED)
  pthread_mutex_lock(&m);
  a.x = 2;
  pthread_mutex_unlock(&m);
  pthread_join(t, NULL);
#else
  // NOTE: thread_arg_struct.c:[[@LINE+1]]:3: note: 'a' is changed here in main thread
  a.x = 2;
#ifdef GO
  sem_post(&go);
#endif
  pthread_join(t, NULL);
#endif
  return 0;
}

static void *worker(void *arg) {
  struct args *in = arg;
#ifdef GO
  sem_wait(&go);
#endif
  pthread_mutex_lock(&m);
#ifdef POLLED
  while (in->x == 1)
    ;
  printf("%d\n", in->y);
#else
  // NOTE: thread_arg_struct.c:[[@LINE+1]]:18: note: read here in thread 'worker', through the pointer it was given
  printf("%d\n", in->x);
#endif
  pthread_mutex_unlock(&m);
  return NULL;
}
