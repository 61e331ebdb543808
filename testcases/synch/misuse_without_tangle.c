// Built without tangle's runtime, tangle/sync.h still links (tangle_misuse
// is weak) and reports misuse itself: the message with its id on standard
// error, then abort().
//
// RUN: %clang -I%srcroot/runtime/include -pthread %s -o %t
// RUN: %t 2> %t.err; test $? -eq 134
// RUN: FileCheck %s --input-file %t.err
// CHECK: BoundedSemaphore released too many times{{.*}}[sync.bounded-semaphore-overrelease]
#include <tangle/sync.h>

int main(void) {
  tangle_semaphore_t s;
  tangle_bounded_semaphore_init(&s, 1);
  tangle_semaphore_acquire(&s);
  tangle_semaphore_release(&s);
  tangle_semaphore_release(&s); // above the initial value 1
  return 0;
}
