// Configuration written by main (and by a function main calls) before the
// first pthread_create is ordered with the threads by their creation, and
// so is the read of the result after the last join: clean. The twin,
// startup_write_late.c, writes the same setting after the threads start.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>
#include <stdio.h>

static int verbose;
static const char *prefix;
static long results[4];

static void configure(void) { prefix = "worker"; }

static void *work(void *arg) {
  long id = (long)arg;
  if (verbose)
    printf("%s %ld\n", prefix, id);
  results[id] = id * 2;
  return NULL;
}

int main(int argc, char **argv) {
  verbose = argc > 1;
  configure();
  pthread_t t[4];
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  long sum = 0;
  for (int i = 0; i < 4; i++)
    sum += results[i];
  verbose = 0;
  return sum == 12 ? 0 : 1;
}
