// Three std::threads each add 1 to one std::atomic<int> 100 times, relaxed,
// and nobody looks at what fetch_add returns: blind updates. Two of them
// commute (whichever runs first, the counter ends the same and nothing saw
// the value in between), so tangle runs one order of all 300 instead of
// every one: clean, complete, in a single execution. Before the reduction
// this program ran until the timeout (5,294 executions in 60 s).
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "executions":{{ ?}}1,
//
// Twin (-DUSED): each thread keeps the ticket its first fetch_add returned,
// and main asserts that thread 0 took ticket 0. It need not: a used result
// makes the order of the updates matter, so they are explored in every
// order, and one where thread 1 or 2 comes first fails the assertion.
// RUN: %tangle check %s --no-lint --max-findings 1 > %t.used.txt 2>&1 -- -DUSED; test $? -eq 1
// RUN: FileCheck %s --check-prefix=USED --input-file %t.used.txt
// USED: error: assertion failed in main thread: {{.*}}first[0] == 0{{.*}}[program.assert]
// USED: atomic update  counter
#include <atomic>
#include <cassert>
#include <thread>

constexpr int Threads = 3, Iterations = 100;
std::atomic<int> counter{0};
int first[Threads];

void work(int id) {
  for (int i = 0; i < Iterations; i++) {
#ifdef USED
    int ticket = counter.fetch_add(1, std::memory_order_relaxed);
    if (i == 0)
      first[id] = ticket;
#else
    counter.fetch_add(1, std::memory_order_relaxed);
#endif
  }
}

int main() {
  std::thread threads[Threads];
  for (int id = 0; id < Threads; id++)
    threads[id] = std::thread(work, id);
  for (std::thread &t : threads)
    t.join();
  assert(counter.load() == Threads * Iterations);
#ifdef USED
  assert(first[0] == 0); // wrong: any thread may come first
#endif
}
