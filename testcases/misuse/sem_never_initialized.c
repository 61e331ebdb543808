// The semaphore is declared but never given to sem_init: POSIX says using
// it is undefined (on glibc a zeroed sem_t happens to work as value 0).
// sem.uninitialized at each use. Fix: sem_init before the threads start
// (sem_initialized.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"sem.uninitialized"
// TEXT-DAG: note: fix: Call sem_init (or sem_open) before any thread uses the semaphore
#include <pthread.h>
#include <semaphore.h>

sem_t ready; // never initialised
int data;

void *producer(void *arg) {
  data = 1;
  sem_post(&ready);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  // TEXT-DAG: {{.*}}sem_never_initialized.c:[[@LINE+1]]:{{[0-9]+}}: error: main thread uses ready (sem_wait), which was never initialised with sem_init or sem_open{{.*}}[sem.uninitialized]
  sem_wait(&ready);
  pthread_join(t, NULL);
  return data;
}
