// std::scoped_lock (C++17) names the mutexes in opposite orders, but it
// locks them with a deadlock-avoidance algorithm (std::lock): it never waits
// for one mutex while holding the other. So this is clean.
// (Helgrind reports a false lock-order inversion here.)
//
// RUN: %tangle check %s --format json -- -std=c++17 > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <mutex>
#include <thread>

std::mutex a, b;
int shared;

void left() {
  std::scoped_lock both(a, b);
  shared++;
}

void right() {
  std::scoped_lock both(b, a); // opposite order: fine with scoped_lock
  shared--;
}

int main() {
  std::thread t1(left), t2(right);
  t1.join();
  t2.join();
}
