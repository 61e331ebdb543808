// `tangle check FILE.c` also runs the static checks. The course's ticket
// example with threads: each seller reads the count from a file and writes
// it back with no lock held across the update. The static
// tangle-shared-file-unlocked is confirmed by the exploration's race.file
// and shown as a note under it (one story): verdict bugs, exit 1. With --no-lint only the
// exploration runs, and it finds the race.file by itself.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cd %t.dir
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// RUN: %tangle check %s --no-lint --format json > %t.nolint.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=NOLINT --input-file %t.nolint.json
//
// CHECK: error: file race on tickets.txt: {{.*}}[race.file] (dynamic)
// JSON-DAG: "verdict": "bugs"
// JSON-DAG: "source": "static"
// JSON-DAG: "id": "tangle-shared-file-unlocked"
// JSON-DAG: "confirmation": "confirmed"
// JSON-DAG: "counted": true
// JSON-DAG: "ran": true
// NOLINT-DAG: "verdict": "bugs"
// NOLINT-DAG: "id": "race.file"
// NOLINT-DAG: "ran": false
// NOLINT-NOT: "source": "static"
#include <pthread.h>
#include <stdio.h>

#define TICKETS "tickets.txt"

static void *sell(void *arg) {
  int left = 10;
  FILE *f = fopen(TICKETS, "r");
  if (f) {
    fscanf(f, "%d", &left);
    fclose(f);
  }
  // CHECK: check_static_ticket.c:[[@LINE+1]]:7: note: the static checks warn of this too: file 'tickets.txt' is read and written back in thread 'sell' {{.*}} [tangle-shared-file-unlocked]
  f = fopen(TICKETS, "w");
  if (f) {
    fprintf(f, "%d\n", left - 1);
    fclose(f);
  }
  return NULL;
}

int main(void) {
  pthread_t sellers[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&sellers[i], NULL, sell, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(sellers[i], NULL);
  return 0;
}
// CHECK-NOT: warning:
// CHECK: tangle: bugs:
