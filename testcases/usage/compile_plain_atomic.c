// A program written for GCC, which takes C11's atomic functions on a plain
// object: clang, which tangle compiles with, takes them on _Atomic objects
// only. tangle shows clang's error and says what to change, then exits 2.
// The same program with the counter declared atomic_size_t (-DFIXED)
// compiles and is clean.
//
// RUN: %tangle check %s --no-lint > %t.out 2>&1; test $? -eq 2
// RUN: FileCheck %s --input-file %t.out
// RUN: %tangle check %s --no-lint --format json -- -DFIXED > %t.json
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.json
//
// CHECK: error: address argument to atomic operation must be a pointer to _Atomic type
// CHECK: tangle: note: clang takes the C11 atomic functions (atomic_fetch_add, atomic_load...) on _Atomic objects only, where GCC also takes plain ones: declare the variable _Atomic (atomic_int, atomic_size_t, _Atomic(T))
// CHECK-NEXT: tangle: error: {{.*}}compile_plain_atomic.c does not compile
//
// FIXED: "verdict": "clean"
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#ifdef FIXED
atomic_size_t served;
#else
size_t served;
#endif

void *serve(void *arg) {
  (void)arg;
  atomic_fetch_add(&served, 1);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, serve, NULL);
  atomic_fetch_add(&served, 1);
  pthread_join(t, NULL);
  return atomic_load(&served) == 2 ? 0 : 1;
}
