// A thread that never allocates gets no malloc arena of its own, natively
// or recorded: record mode hands a created thread its start (routine,
// argument, number) in a static slot, not in a block the new thread would
// free (glibc's first malloc or free in a thread creates an arena for it;
// docs/runtime.md, "Threads"). The program exits with how many heaps
// malloc has (malloc_info: the main arena and one per thread arena) after
// four threads that only lock a mutex: one, under tangle as natively. The
// twin (-DALLOCATE) frees a block in each thread, and has an arena per
// thread: the count sees them.
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %t.bin; test $? -eq 1
// RUN: %tangle run --no-predict -- %t.bin > %t.txt 2>&1
// RUN: FileCheck %s --check-prefix=ONE --input-file %t.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DALLOCATE %s -o %t.alloc
// RUN: %t.alloc; test $? -eq 5
// RUN: %tangle run --no-predict -- %t.alloc > %t.alloc.txt 2>&1
// RUN: FileCheck %s --check-prefix=FIVE --input-file %t.alloc.txt
//
// ONE: tangle: no hang in this run: the program exited with status 1 (
// FIVE: tangle: no hang in this run: the program exited with status 5 (
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
pthread_barrier_t together;
long counter;

void *work(void *arg) {
#ifdef ALLOCATE
  free(arg);
#endif
  // All four alive at once, so that glibc cannot hand one thread's arena
  // to the next.
  pthread_barrier_wait(&together);
  pthread_mutex_lock(&lock);
  ++counter;
  pthread_mutex_unlock(&lock);
  return 0;
}

int main(void) {
  pthread_t threads[4];
  pthread_barrier_init(&together, 0, 4);
  for (int i = 0; i < 4; ++i)
    pthread_create(&threads[i], 0, work, malloc(16));
  for (int i = 0; i < 4; ++i)
    pthread_join(threads[i], 0);
  char *text = 0;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  malloc_info(0, out);
  fclose(out);
  int heaps = 0;
  for (const char *p = text; (p = strstr(p, "<heap nr=")); ++p)
    ++heaps;
  return heaps;
}
