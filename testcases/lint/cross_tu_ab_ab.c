// The clean twin of cross_tu_ab_ba.c: the thread from transfer_ba.c takes
// the two locks in the same order as the one from transfer_ab.c.
//
// RUN: %tangle-lint %s %S/Inputs/cross_tu/transfer_ab.c %S/Inputs/cross_tu/transfer_ba.c -- -I%S/Inputs/cross_tu > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include "accounts.h"

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, transfer_ab, NULL);
  pthread_create(&t2, NULL, transfer_ab_too, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
