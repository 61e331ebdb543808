// A value handed over through a lock: each worker adds to `sum` and counts
// itself in `done` under the lock; main reads `done` under the same lock
// and reads `sum` only once all three are done. The release after the
// count and the acquisition before its read order the two: clean. The twin,
// handoff_counter_unlocked.c, reads `done` without the lock.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
// RUN: %tangle-lint --format=json %s -- > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// JSON: "findings": []
// JSON: "verdict": "clean"
#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long sum;
static int done;

static void *work(void *arg) {
  pthread_mutex_lock(&m);
  sum += (long)arg;
  done++;
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t[3];
  for (long i = 0; i < 3; i++) {
    pthread_create(&t[i], NULL, work, (void *)i);
    pthread_detach(t[i]);
  }
  for (;;) {
    pthread_mutex_lock(&m);
    int finished = done == 3;
    pthread_mutex_unlock(&m);
    if (finished)
      break;
    usleep(1000);
  }
  return sum == 3 ? 0 : 1;
}
