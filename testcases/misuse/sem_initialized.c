// The twin of sem_never_initialized.c: sem_init before the producer starts,
// sem_destroy after it is joined. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// TEXT: tangle: clean: {{.*}}every interleaving explored
#include <pthread.h>
#include <semaphore.h>

sem_t ready;
int data;

void *producer(void *arg) {
  data = 1;
  sem_post(&ready);
  return NULL;
}

int main(void) {
  sem_init(&ready, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  sem_wait(&ready);
  pthread_join(t, NULL);
  sem_destroy(&ready);
  return data == 1 ? 0 : 1;
}
