// Two programs in one run: this main and Inputs/cross_tu/tally_main_b.c
// each start one add_tally thread from the library unit tally.c. Each
// program is linked with the library on its own; their threads run in
// different processes and never together, so nothing is reported.
//
// RUN: %tangle-lint %s %S/Inputs/cross_tu/tally_main_b.c %S/Inputs/cross_tu/tally.c -- -I%S/Inputs/cross_tu > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
// The flagged twin: this program starts the thread twice.
// RUN: %tangle-lint %s %S/Inputs/cross_tu/tally_main_b.c %S/Inputs/cross_tu/tally.c -- -I%S/Inputs/cross_tu -DTWICE > %t.twice.txt; test $? -eq 1
// RUN: FileCheck %S/Inputs/cross_tu/tally.c --check-prefix=TWICE --input-file %t.twice.txt --implicit-check-not=warning:
#include "tally.h"
#include <pthread.h>

int main(void) {
  pthread_t t, u;
  pthread_create(&t, NULL, add_tally, NULL);
#ifdef TWICE
  pthread_create(&u, NULL, add_tally, NULL);
  pthread_join(u, NULL);
#endif
  pthread_join(t, NULL);
  return 0;
}
