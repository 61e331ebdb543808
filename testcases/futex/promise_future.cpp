// A std::promise set by a worker and read through its std::future by main:
// correct, clean. libstdc++ blocks future::get in the futex system call;
// before tangle modelled futexes this was a false program.hang after 10 s.
// future_never_set.cpp forgets to set the value.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-NOT: program.hang
// TEXT: tangle: clean: {{.*}}every interleaving explored
#include <future>
#include <thread>

int main() {
  std::promise<int> answer;
  std::future<int> result = answer.get_future();
  std::thread worker([&] { answer.set_value(42); });
  int value = result.get();
  worker.join();
  return value == 42 ? 0 : 1;
}
