// Two consumers each take one item if an unlocked test says one is left,
// and count it under the lock (the pattern of a real producer/consumer
// homework: `while (args->consumed < target)` outside the lock). The
// unlocked read races with the other thread's locked increment: race.data.
// But no update is lost: each increment reads the count again under the
// lock, so the early unlocked read is not what the write came from, and
// the report must not say "one update is lost". Before, each thread's
// first read (the unlocked test) was paired with its later write, and in
// the interleaving where both tested before either counted, a lost update
// was claimed. Twin: lost_update_shown.c (read, then write back what was
// read: lost).
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "id":{{ ?}}"race.data"
// CHECK-DAG: "lost_update":{{ ?}}false
// CHECK-NOT: "lost_update":{{ ?}}true
// TEXT: error: data race on consumed: {{.*}}[race.data]
// TEXT-NOT: one update is lost
// TEXT: tangle: bugs:
#include <pthread.h>

enum { Items = 2 };
pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int consumed;

void *consumer(void *arg) {
  if (consumed < Items) { // unlocked: the race
    pthread_mutex_lock(&lock);
    consumed++;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, consumer, 0);
  pthread_create(&b, 0, consumer, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return consumed == Items ? 0 : 1;
}
