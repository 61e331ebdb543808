// Two units each count into a `static long hits` of their own, from two
// threads that run at the same time: two variables, no race.
//
// RUN: %tangle-lint %s %S/Inputs/cross_tu/hits_a.c %S/Inputs/cross_tu/hits_b.c -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
// The flagged twin: with -DSHARED_HITS the two units share one global.
// RUN: %tangle-lint %s %S/Inputs/cross_tu/hits_a.c %S/Inputs/cross_tu/hits_b.c -- -DSHARED_HITS > %t.shared.txt; test $? -eq 1
// RUN: FileCheck %S/Inputs/cross_tu/hits_a.c --check-prefix=SHARED --input-file %t.shared.txt --implicit-check-not=warning:
#include <pthread.h>

void *hit_a(void *arg);
void *hit_b(void *arg);

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, hit_a, NULL);
  pthread_create(&b, NULL, hit_b, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
