// The racing block is freed after the race, and the next allocation of the
// same size gets the same address (glibc hands a freed chunk out again).
// The race is named by the block the address held when the threads raced,
// `account->balance`, not by the later one (`totals[0]`). Before, the
// namer took the last block that ever covered the address.
//
// RUN: %tangle check %s --no-lint > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
//
// CHECK: error: data race on account->balance: {{.*}}[race.data]
// CHECK-NOT: totals
// CHECK: tangle: bugs: 1 finding
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct account {
  long balance;
  long id;
};

struct account *account;

static void *deposit(void *arg) {
  account->balance += 10;
  return arg;
}

int main(void) {
  account = malloc(sizeof *account);
  account->balance = 0;
  pthread_t t;
  pthread_create(&t, NULL, deposit, NULL);
  account->balance += 20; // races with deposit's update
  pthread_join(t, NULL);
  printf("balance %ld\n", account->balance);
  free(account);
  long *totals = malloc(2 * sizeof *totals); // the same chunk again
  totals[0] = 1;
  totals[1] = (long)(totals == (long *)account);
  printf("same chunk: %ld\n", totals[1]);
  free(totals);
  return 0;
}
