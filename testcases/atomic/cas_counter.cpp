// Three std::threads increment a std::atomic<int> with a compare-exchange
// loop, the lock-free idiom: a failed compare_exchange_weak reloads the
// value and tries again. tangle interleaves every load and compare-exchange;
// the assertion holds in all of them.
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "executions":{{ ?}}{{[1-9][0-9]*}}
#include <atomic>
#include <cassert>
#include <thread>

std::atomic<int> count{0};

void add() {
  int seen = count.load();
  while (!count.compare_exchange_weak(seen, seen + 1)) {
    // seen now holds the current value: try again
  }
}

int main() {
  std::thread a(add), b(add), c(add);
  a.join();
  b.join();
  c.join();
  assert(count.load() == 3);
}
