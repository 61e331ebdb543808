// A thread that reads one variable under a lock 3,000 times in a row, alone:
// its turns look like a poll's, but a poll without a sleep is never taken
// for a hang (it may be a loop that ends by itself, as this one does): the
// check is clean, no deadlock.stall.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=deadlock.stall
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int limit = 7;

static void *reader(void *arg) {
  long sum = 0;
  for (int i = 0; i < 3000; ++i) {
    pthread_mutex_lock(&lock);
    sum += limit;
    pthread_mutex_unlock(&lock);
  }
  return (void *)sum;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, reader, NULL);
  void *sum;
  pthread_join(t, &sum);
  return (long)sum == 21000 ? 0 : 1;
}
