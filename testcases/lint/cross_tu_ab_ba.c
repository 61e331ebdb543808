// Two threads take lock_a and lock_b in opposite orders, each in its own
// translation unit (transfer_ab.c, transfer_ba.c): a lock-order inversion
// that only the linked program shows. Each site is reported in its own file.
//
// RUN: %tangle-lint %s %S/Inputs/cross_tu/transfer_ab.c %S/Inputs/cross_tu/transfer_ba.c -- -I%S/Inputs/cross_tu > %t.txt; test $? -eq 1
// RUN: FileCheck %S/Inputs/cross_tu/transfer_ab.c --check-prefix=ABBA --input-file %t.txt --implicit-check-not=warning:
// RUN: FileCheck %S/Inputs/cross_tu/transfer_ba.c --check-prefix=ABBA --input-file %t.txt
// RUN: FileCheck %s --input-file %t.txt
#include "accounts.h"

int main(void) {
  pthread_t t1, t2;
  // CHECK: cross_tu_ab_ba.c:[[@LINE+1]]:3: note: thread 'transfer_ab' is started here
  pthread_create(&t1, NULL, transfer_ab, NULL);
  // CHECK: cross_tu_ab_ba.c:[[@LINE+1]]:3: note: thread 'transfer_ba' is started here
  pthread_create(&t2, NULL, transfer_ba, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
