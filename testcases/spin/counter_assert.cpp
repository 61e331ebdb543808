// Main spins until the worker's store, counting its turns, and asserts it
// did not make exactly one: the assertion fails only when the store falls
// between main's first and second load. The loop counts, so it is not a
// loop that only loads and compares (analyzer/SpinLoops.h): every turn
// stays a class of its own and the failure is found (program.assert).
// Dropping repeated loads outright would lose it (docs/exploration.md,
// "libstdc++'s C++20 waits"). -DFIXED asserts what always holds: clean.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint --format json -- -DFIXED > %t.fixed.json
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.assert"
// FIXED-DAG: "verdict":{{ ?}}"clean"
// FIXED-DAG: "complete":{{ ?}}true
#include <atomic>
#include <cassert>
#include <thread>

std::atomic<bool> f{false};

int main() {
  std::thread t([] { f.store(true); });
  int n = 0;
  while (!f.load())
    ++n;
#ifdef FIXED
  assert(n >= 0);
#else
  assert(n != 1);
#endif
  t.join();
  return 0;
}
