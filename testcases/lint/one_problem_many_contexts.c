// One problem, one warning: the downloaders update 'bwritten' without a
// lock and four progress threads read it. Every pair of threads meets the
// same unlocked update, but a CI user wants to fix one line, not read
// eleven warnings: the first pair is the warning, the other threads are
// notes, three of them, then "and 1 more". The twin, two_problems.c, has
// two unrelated unlocked updates: two warnings.
// Fix: take one mutex around the update and the reads, or make it _Atomic.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>
#include <stdio.h>

static long bwritten; // bytes written so far, updated without a lock

static void *http_get(void *arg) {
  for (int i = 0; i < 100; i++)
    // CHECK: one_problem_many_contexts.c:[[#WARN:@LINE+4]]:5: warning: 'bwritten' is written in thread 'http_get' #1 and written in thread 'http_get' #2 with no lock held by both: a data race [tangle-shared-global-unlocked]
    // CHECK-NEXT: :[[#START:]]:3: note: thread 'http_get' #1 is started here
    // CHECK-NEXT: :[[@LINE+2]]:5: note: written here in thread 'http_get' #2
    // CHECK-NEXT: :[[#START+1]]:3: note: thread 'http_get' #2 is started here
    bwritten += (long)arg;
  return NULL;
}

static void *progress(void *arg) {
  (void)arg;
  for (int i = 0; i < 10; i++)
    // CHECK-NEXT: :[[@LINE+4]]:27: note: also read here in thread 'progress' #1
    // CHECK-NEXT: :[[@LINE+3]]:27: note: also read here in thread 'progress' #2
    // CHECK-NEXT: :[[@LINE+2]]:27: note: also read here in thread 'progress' #3
    // CHECK-NEXT: one_problem_many_contexts.c:[[#WARN]]:5: note: and 1 more
    printf("%ld bytes\n", bwritten);
  return NULL;
}

int main(void) {
  pthread_t get1, get2, show[4];
  pthread_create(&get1, NULL, http_get, (void *)1);
  pthread_create(&get2, NULL, http_get, (void *)2);
  pthread_create(&show[0], NULL, progress, NULL);
  pthread_create(&show[1], NULL, progress, NULL);
  pthread_create(&show[2], NULL, progress, NULL);
  pthread_create(&show[3], NULL, progress, NULL);
  pthread_join(get1, NULL);
  pthread_join(get2, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(show[i], NULL);
  return 0;
}
// CHECK-NEXT: 1 finding by tangle-lint.
