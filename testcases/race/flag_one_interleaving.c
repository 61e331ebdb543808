// A race reachable under one interleaving only. The writer fills `message`
// and then sets `published` under the lock; the reader checks the flag under
// the lock and, if nothing is published yet, writes a default message
// itself -- outside the lock, while the writer may be writing it too.
// When the writer goes first (the default schedule), the lock orders
// everything; only when the reader checks first do the two writes race.
// Fix: flag_one_interleaving_fixed.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --max-executions 1 --format json > %t.one.json; test $? -eq 3
// RUN: FileCheck %s --check-prefix=ONE --input-file %t.one.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// ONE: "verdict":{{ ?}}"incomplete"
#include <pthread.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int published;
int message;

void *writer(void *arg) {
  message = 42;
  pthread_mutex_lock(&lock);
  published = 1;
  pthread_mutex_unlock(&lock);
  return NULL;
}

void *reader(void *arg) {
  pthread_mutex_lock(&lock);
  int seen = published;
  pthread_mutex_unlock(&lock);
  if (!seen)
    message = -1; // "nothing yet": races with the writer's message = 42
  return NULL;
}

int main(void) {
  pthread_t w, r;
  pthread_create(&w, NULL, writer, NULL);
  pthread_create(&r, NULL, reader, NULL);
  pthread_join(w, NULL);
  pthread_join(r, NULL);
  return 0;
}
