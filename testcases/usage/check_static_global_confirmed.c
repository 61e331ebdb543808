// tangle-shared-global-unlocked counts in the verdict through the race
// detector: its warning on the unlocked counter is confirmed by race.data.
// The array each thread writes at its own index is not warned about.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict": "bugs"
// CHECK-DAG: "id": "race.data"
// CHECK-DAG: "id": "tangle-shared-global-unlocked"
// CHECK-DAG: "confirmation": "confirmed"
// CHECK-DAG: "counted": true
// CHECK-NOT: "slot"
#include <pthread.h>

static int slot[2];
static int hits;

static void *worker(void *arg) {
  long id = (long)arg;
  slot[id] = 1;
  hits++;
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (long i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, (void *)i);
  for (long i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return slot[0] + slot[1] + hits == 4 ? 0 : 1;
}
