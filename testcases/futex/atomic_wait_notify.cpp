// C++20 std::atomic::wait / notify_one: main sleeps until the worker has
// changed the flag and notified. Clean. atomic_wait_no_notify.cpp forgets
// the notify.
//
// RUN: %tangle check %s --format json -- -std=c++20 > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <atomic>
#include <thread>

std::atomic<int> flag{0};
int data;

int main() {
  std::thread worker([] {
    data = 42;
    flag.store(1);
    flag.notify_one();
  });
  flag.wait(0);
  int value = data;
  worker.join();
  return value == 42 ? 0 : 1;
}
