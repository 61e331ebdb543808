// The worker forgets to set the promise: main waits in future::get for a
// value nobody will ever give. tangle says so instead of hanging:
// deadlock.stall, "main thread waits to get the value of a std::future".
// Fix: set the value (or an exception) on every path (promise_future.cpp).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// CHECK-DAG: "summary":{{ ?}}"deadlock: every live thread is blocked: main thread waits to get the value of a std::future in main at line {{[0-9]+}}; no thread will set it
#include <future>
#include <thread>

int compute(int x, std::promise<int> &out) {
  if (x < 0)
    return -1; // forgets out.set_value on this path
  out.set_value(x * 2);
  return 0;
}

int main() {
  std::promise<int> answer;
  std::future<int> result = answer.get_future();
  std::thread worker([&] { compute(-5, answer); });
  // TEXT: {{.*}}future_never_set.cpp:[[@LINE+1]]:{{[0-9]+}}: error: deadlock: {{.*}}a std::future{{.*}}[deadlock.stall]
  int value = result.get();
  worker.join();
  return value;
}
