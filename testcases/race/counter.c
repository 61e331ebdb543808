// Two threads increment a shared counter with no lock: the course's "shared
// data between threads". count++ is a read and a write; the two threads'
// writes are not ordered by anything. Fix: counter_mutex.c or
// counter_atomic.cpp.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// CHECK-DAG: "races_checked":{{ ?}}true
// TEXT: counter.c:[[@LINE+7]]:{{[0-9]+}}: error: data race on count{{.*}}[race.data]
// TEXT: note: fix: {{.*}}mutex{{.*}}atomic
#include <pthread.h>

int count;

void *worker(void *arg) {
  count++;
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, worker, NULL);
  pthread_create(&t2, NULL, worker, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return count == 2 ? 0 : 1;
}
