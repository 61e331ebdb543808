// Clean twin of null_deref.c: the reader checks the pointer it copied.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <stddef.h>

struct account {
  int balance;
};

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
struct account savings = {100};
struct account *current = &savings;
int seen;

void *closer(void *arg) {
  pthread_mutex_lock(&m);
  current = NULL;
  pthread_mutex_unlock(&m);
  return NULL;
}

void *reader(void *arg) {
  pthread_mutex_lock(&m);
  struct account *a = current;
  pthread_mutex_unlock(&m);
  if (a != NULL) // closed accounts are skipped
    seen = a->balance;
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, reader, NULL);
  pthread_create(&t2, NULL, closer, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
