// The ticket example with stdio, as the course writes it: each seller reads
// the count with fscanf and writes it back with fprintf, with no lock.
// stdio is checked at its own entry points (glibc's stdio reads and writes
// the file internally). Fix: ticket_stdio_mutex.c.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json race.file > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.file"
// CHECK-DAG: "object":{{ ?}}"tickets.txt"
// CHECK-DAG: "lost_update":{{ ?}}true
// REPLAY-DAG: "id":{{ ?}}"race.file"
// TEXT-DAG: ticket_stdio.c:[[@LINE+11]]:{{[0-9]+}}: note: thread {{[12]}} (sell) reads tickets.txt here
// TEXT-DAG: ticket_stdio.c:[[@LINE+13]]:{{[0-9]+}}: note: thread {{[12]}} (sell) writes tickets.txt here
// TEXT-DAG: error: file race on tickets.txt{{.*}}one update is lost [race.file]
#include <pthread.h>
#include <stdio.h>

#define TICKETS "tickets.txt"

static void *sell(void *arg) {
  int left = 0;
  FILE *f = fopen(TICKETS, "r");
  fscanf(f, "%d", &left);
  fclose(f);
  f = fopen(TICKETS, "w");
  fprintf(f, "%d\n", left - 1);
  fclose(f);
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
