// --reuse-process when a rewind fails after the worker answered. A worker
// tells tangle an execution ended before it rewinds its memory (tangle
// analyses the execution meanwhile, on its own CPU when it has one), so a
// rewind that then fails leaves a request tangle may already have sent:
// the fork server runs that request in a new worker. Here main maps 1,200
// separate pages (alternate protections keep them from merging) when
// thread 2 took the lock first, which the first execution does not do: the
// rewind after such an execution finds more mappings than its table holds
// and gives the worker up. The same executions and verdict as without the
// option, and a note that names why some executions were their worker's
// last. Three executions map the pages: three workers, each ended by its
// failed rewind after it answered; so with tangle and the program on one
// CPU (TANGLE_SPLIT=0), where tangle analyses an execution only after the
// rewind has failed.
//
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: env TANGLE_SPLIT=0 %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json > %t.one.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.one.json
// RUN: %tangle check %s --no-predict --no-lint --no-reuse-process --format json > %t.fresh.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=FRESH --input-file %t.fresh.json
//
// CHECK: "executions": 6,
// CHECK: "reuse": {
// CHECK-NEXT: "executions": 6,
// CHECK-NEXT: "fibers": 6,
// CHECK-NEXT: "single_use": 3,
// CHECK-NEXT: "single_use_by": "more mappings than the snapshot's table holds",
// CHECK-NEXT: "workers": 3
// CHECK: "verdict": "clean"
//
// FRESH: "executions": 6,
// FRESH: "verdict": "clean"
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;
static intptr_t first;

static void *worker(void *arg) {
  for (int i = 0; i < 2; ++i) {
    pthread_mutex_lock(&lock);
    if (!first)
      first = (intptr_t)arg;
    ++counter;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

int main(void) {
  pthread_t t[2];
  for (intptr_t i = 0; i < 2; ++i)
    pthread_create(&t[i], NULL, worker, (void *)(i + 1));
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], NULL);
  if (first == 2) {
    char *pages =
        mmap(NULL, 2400 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages != MAP_FAILED)
      for (int i = 0; i < 2400; i += 2)
        mprotect(pages + i * 4096, 4096, PROT_READ | PROT_WRITE);
  }
  return counter == 4 ? 0 : 1;
}
