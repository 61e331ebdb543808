// The course's ticket example with threads: each seller reads the count from
// a file and writes it back, with nothing held across the update. Two sellers
// read the same count and one sale is lost.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>
#include <stdio.h>

#define TICKETS "tickets.txt"

static void *sell(void *arg) {
  FILE *f = fopen(TICKETS, "r");
  int left = 0;
  fscanf(f, "%d", &left);
  fclose(f);
  // CHECK: :[[@LINE+2]]:7: warning: file 'tickets.txt' is read and written back in thread 'sell' and written in another instance of thread 'sell' with no lock held by both across the update; concurrent updates can be lost [tangle-shared-file-unlocked]
  // CHECK-NEXT: :[[@LINE-3]]:3: note: the value written back is read here
  f = fopen(TICKETS, "w");
  fprintf(f, "%d\n", left - 1);
  fclose(f);
  return NULL;
}

int main(void) {
  pthread_t sellers[4];
  for (int i = 0; i < 4; i++)
    // CHECK: :[[@LINE+1]]:5: note: thread 'sell' is started here, more than once
    pthread_create(&sellers[i], NULL, sell, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(sellers[i], NULL);
  return 0;
}
