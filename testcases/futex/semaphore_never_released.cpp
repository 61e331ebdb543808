// The worker returns early without releasing the semaphore: main waits in
// acquire forever. deadlock.stall, "waits to acquire a
// std::counting_semaphore". Fix: release on every path (semaphore_handoff.cpp).
//
// RUN: %tangle check %s --format json -- -std=c++20 > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s -- -std=c++20 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
#include <semaphore>
#include <thread>

std::counting_semaphore<1> ready(0);
int data;

void produce(int n) {
  if (n == 0)
    return; // forgets ready.release()
  data = n;
  ready.release();
}

int main() {
  std::thread worker(produce, 0);
  // TEXT: {{.*}}semaphore_never_released.cpp:[[@LINE+1]]:{{[0-9]+}}: error: deadlock: {{.*}}waits to acquire a std::counting_semaphore{{.*}}[deadlock.stall]
  ready.acquire();
  worker.join();
  return data;
}
