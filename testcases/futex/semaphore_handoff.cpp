// A std::counting_semaphore hands a value from a worker to main: release
// after the write, acquire before the read. Clean.
// semaphore_never_released.cpp releases on one path only.
//
// RUN: %tangle check %s --format json -- -std=c++20 > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <semaphore>
#include <thread>

std::counting_semaphore<1> ready(0);
int data;

int main() {
  std::thread worker([] {
    data = 42;
    ready.release();
  });
  ready.acquire();
  int value = data;
  worker.join();
  return value == 42 ? 0 : 1;
}
