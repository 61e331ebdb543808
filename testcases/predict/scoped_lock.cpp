// Two threads take the same two mutexes in opposite orders, but through
// std::scoped_lock, which takes them together (std::lock's try-and-back-off):
// a try-lock never waits, so there is no lock-order edge and nothing is
// predicted. Its twin with plain lock_guards is predict_command.c (in C).
//
// RUN: %tangle run %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"no-hang"
// CHECK-DAG: "feasible":{{ ?}}0
// CHECK-NOT: "id":{{ ?}}"deadlock.cycle"
#include <mutex>
#include <thread>

std::mutex a, b;
int shared;

int main() {
  std::thread x([] {
    std::scoped_lock both(a, b);
    ++shared;
  });
  std::thread y([] {
    std::scoped_lock both(b, a);
    --shared;
  });
  x.join();
  y.join();
  return 0;
}
