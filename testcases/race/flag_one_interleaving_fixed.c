// flag_one_interleaving.c fixed: the reader writes its default under the
// same lock, and only if nothing has been published; the writer publishes
// the message and the flag in one critical section.
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int published;
int message;

void *writer(void *arg) {
  pthread_mutex_lock(&lock);
  message = 42;
  published = 1;
  pthread_mutex_unlock(&lock);
  return NULL;
}

void *reader(void *arg) {
  pthread_mutex_lock(&lock);
  if (!published)
    message = -1;
  pthread_mutex_unlock(&lock);
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
