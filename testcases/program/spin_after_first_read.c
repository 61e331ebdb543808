// A subscriber of a broadcast queue (sysprog21/concurrent-programs'
// broadcast): it takes its starting index from `head` once, then polls
// `tail` until a publisher moves it. The thread's first read (`head`)
// comes before the loop and is never read again; the runtime counted a
// spin's repeats on that first read only, so the loop was never preempted,
// the publisher never ran, and the exploration stopped at the execution
// timeout, incomplete. Each read now counts its own repeats: the poll of
// `tail` is a spin, the publisher gets its turn, and the plain read racing
// with the publisher's atomic increment is reported (race.data, true: C11
// makes it a data race). -DFIXED reads `tail` atomically: clean.
//
// RUN: %tangle check %s --no-lint --execution-timeout 5 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=program.hang
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// CHECK-DAG: "complete":{{ ?}}true
// RUN: %tangle check %s --no-lint --execution-timeout 5 --format json -- -DFIXED > %t.fixed.json
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.json --implicit-check-not=race.data
// FIXED-DAG: "verdict":{{ ?}}"clean"
// FIXED-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <stdint.h>

struct queue {
  uint64_t head, tail;
};
static struct queue q = {1, 1};

static void *subscriber(void *arg) {
  uint64_t idx = q.head;
#ifdef FIXED
  while (idx == __atomic_load_n(&q.tail, __ATOMIC_ACQUIRE)) {
  }
#else
  while (idx == *(volatile uint64_t *)&q.tail) {
  }
#endif
  return arg;
}

static void *publisher(void *arg) {
  __atomic_fetch_add(&q.tail, 1, __ATOMIC_RELEASE);
  return arg;
}

int main(void) {
  pthread_t s, p;
  pthread_create(&s, NULL, subscriber, NULL);
  pthread_create(&p, NULL, publisher, NULL);
  pthread_join(s, NULL);
  pthread_join(p, NULL);
  return 0;
}
