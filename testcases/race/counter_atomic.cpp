// counter.c fixed with std::atomic<int>: concurrent increments of an atomic
// are not a data race.
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "races_checked":{{ ?}}true
#include <atomic>
#include <thread>

std::atomic<int> count{0};

int main() {
  std::thread t1([] { count++; });
  std::thread t2([] { count.fetch_add(1); });
  t1.join();
  t2.join();
  return count.load() == 2 ? 0 : 1;
}
