// std::async runs square on its own thread; get() waits for it through a
// futex. Two tasks, both results read: clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <future>

int square(int x) { return x * x; }

int main() {
  std::future<int> a = std::async(std::launch::async, square, 3);
  std::future<int> b = std::async(std::launch::async, square, 4);
  return a.get() + b.get() == 25 ? 0 : 1;
}
