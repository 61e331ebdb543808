// The C++ forms: three workers wait for main with `while (!ready.load())
// {}`, `while (!ready) {}` (std::atomic<bool>'s operator bool, a call out
// of line at -O0) and an acquire load compared with a value around
// std::this_thread::yield(). Each loop only loads and compares
// (analyzer/SpinLoops.h): clean, complete, 8 executions (RUN 1; 64 before
// the rule). -DIMPURE counts the turns in a volatile local: as before (RUN
// 2).
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint --format json -- -DIMPURE > %t.impure.json
// RUN: FileCheck %s --check-prefix=IMPURE --input-file %t.impure.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "executions":{{ ?}}8,
// IMPURE-DAG: "verdict":{{ ?}}"clean"
// IMPURE-DAG: "complete":{{ ?}}true
// IMPURE-DAG: "executions":{{ ?}}64,
#include <atomic>
#include <thread>

std::atomic<bool> ready{false};
std::atomic<int> x{0};

#ifdef IMPURE
#define TURN ++turns
#else
#define TURN
#endif

int main() {
  std::thread loads([] {
    volatile int turns = 0;
    while (!ready.load()) {
      TURN;
    }
  });
  std::thread converts([] {
    volatile int turns = 0;
    while (!ready) {
      TURN;
    }
  });
  std::thread yields([] {
    volatile int turns = 0;
    while (x.load(std::memory_order_acquire) != 2) {
      TURN;
      std::this_thread::yield();
    }
  });
  ready.store(true);
  x.store(2);
  loads.join();
  converts.join();
  yields.join();
  return 0;
}
