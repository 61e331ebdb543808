// Twin of lost_update_shown.c: one thread updates `account.balance` (read,
// count, write back); the other reads the neighbouring field
// `account.limit`, counts, and stores it into `balance` without reading
// `balance`. The two writes and the read race, but only one thread
// read-modify-writes `balance`, so no interleaving loses an update of it:
// `lost_update` is false. The two fields share one 8-byte granule of the
// race detector's shadow; the read of `limit` is not a read of `balance`.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: test $(grep -c '"lost_update": *true' %t.json) -eq 0
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "id":{{ ?}}"race.data"
// CHECK-DAG: "lost_update":{{ ?}}false
// TEXT: error: data race on account.balance: {{.*}}and nothing orders the two [race.data]
// TEXT-NOT: one update is lost
#include <pthread.h>

pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
int updates;

// A scheduling point both threads contend for, between the read and the
// write, as in lost_update_shown.c.
static void count_update(void) {
  pthread_mutex_lock(&log_lock);
  updates++;
  pthread_mutex_unlock(&log_lock);
}

struct account {
  int balance;
  int limit;
} account = {100, 50};

void *deposit(void *arg) {
  int seen = account.balance;
  count_update();
  account.balance = seen + 10;
  return NULL;
}

void *reset(void *arg) {
  int limit = account.limit;
  count_update();
  account.balance = limit;
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, deposit, NULL);
  pthread_create(&b, NULL, reset, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
