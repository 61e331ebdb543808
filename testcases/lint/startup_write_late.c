// The twin of startup_write.c: main writes the setting after the first
// pthread_create, while the threads read it: a data race.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>
#include <stdio.h>

static int verbose;
static long results[4];

static void *work(void *arg) {
  long id = (long)arg;
  if (verbose)
    printf("worker %ld\n", id);
  results[id] = id * 2;
  return NULL;
}

int main(int argc, char **argv) {
  pthread_t t[4];
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  // CHECK: :[[@LINE+1]]:3: warning: 'verbose' is written in main thread and read in thread 'work' with no lock held by both: a data race [tangle-shared-global-unlocked]
  verbose = argc > 1;
  // CHECK: startup_write_late.c:14:7: note: read here in thread 'work'
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  long sum = 0;
  for (int i = 0; i < 4; i++)
    sum += results[i];
  return sum == 12 ? 0 : 1;
}
