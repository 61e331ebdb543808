// Every way to get a heap block is seen: a block that glibc hands out again
// after a free, through posix_memalign, aligned_alloc, memalign or
// reallocarray (none of which calls malloc inside glibc), is a new block,
// not a use of freed memory. Each allocation below gets the block just
// freed back from the allocator's cache; the writes that follow are the
// new owner's. Clean. Twin: free_while_reading.c (a real use of a block
// another thread frees).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { Size = 200 };

static char *fresh(int how) {
  free(malloc(Size));
  void *block = NULL;
  switch (how) {
  case 0:
    if (posix_memalign(&block, 16, Size))
      return NULL;
    break;
  case 1:
    block = aligned_alloc(16, Size);
    break;
  case 2:
    block = memalign(16, Size);
    break;
  default:
    block = reallocarray(NULL, Size / 8, 8);
  }
  return block;
}

static void *worker(void *arg) {
  char *block = arg;
  block[0] = 1;
  free(block);
  return NULL;
}

int main(void) {
  for (int how = 0; how < 4; how++) {
    char *block = fresh(how);
    if (!block)
      return 1;
    memset(block, 0, Size);
    pthread_t t;
    pthread_create(&t, NULL, worker, block);
    pthread_join(t, NULL);
  }
  return 0;
}
