// A counter block from posix_memalign, cache-line aligned as lock-free code
// allocates (sysprog21's qsbr and mpmc do), shared by two threads that
// update it without a lock. tangle names the field through the pointer
// that posix_memalign stored the block in. Twin: heap_field_fixed.c (the
// same update under a lock).
//
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// CHECK: heap_posix_memalign.c:[[@LINE+11]]:{{[0-9]+}}: error: data race on c->misses: thread 1 (bump) writes it at {{.*}}heap_posix_memalign.c:[[@LINE+11]] holding no lock, while main thread writes it at {{.*}}heap_posix_memalign.c:[[@LINE+23]] holding no lock{{.*}}[race.data]
#include <pthread.h>
#include <stdlib.h>

struct counter {
  long hits;
  long misses;
};

static void *bump(void *arg) {
  struct counter *c = arg;
  c->misses++;
  return NULL;
}

int main(void) {
  struct counter *c;
  int failed = posix_memalign((void **)&c, 64, sizeof *c);
  if (failed)
    return 1;
  c->misses = 0;
  pthread_t t;
  pthread_create(&t, NULL, bump, c);
  c->misses++;
  pthread_join(t, NULL);
  free(c);
  return 0;
}
