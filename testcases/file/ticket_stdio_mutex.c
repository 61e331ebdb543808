// Clean twin of ticket_stdio.c: the sellers hold one mutex across fopen,
// fscanf, fprintf and fclose.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <stdio.h>

#define TICKETS "tickets.txt"

pthread_mutex_t tickets_lock = PTHREAD_MUTEX_INITIALIZER;

static void *sell(void *arg) {
  int left = 0;
  pthread_mutex_lock(&tickets_lock);
  FILE *f = fopen(TICKETS, "r");
  fscanf(f, "%d", &left);
  fclose(f);
  f = fopen(TICKETS, "w");
  fprintf(f, "%d\n", left - 1);
  fclose(f);
  pthread_mutex_unlock(&tickets_lock);
  return NULL;
}

int main(void) {
  FILE *f = fopen(TICKETS, "w");
  fprintf(f, "10\n");
  fclose(f);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, sell, NULL);
  pthread_create(&t2, NULL, sell, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
