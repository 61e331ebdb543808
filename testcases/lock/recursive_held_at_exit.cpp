// A std::recursive_mutex still held when its thread ends: deposit() locks it
// twice (once in log_balance()) but unlocks only once. The count never gets
// back to zero, so the thread exits owning the mutex.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json lock.recursive-unbalanced > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.recursive-unbalanced"
// REPLAY: "id":{{ ?}}"lock.recursive-unbalanced"
#include <mutex>
#include <thread>

std::recursive_mutex mutexA;
int balance, logged;

void log_balance() {
  mutexA.lock(); // second level...
  logged = balance;
  // ...bug: no matching mutexA.unlock() here
}

void deposit() {
  mutexA.lock();
  balance += 10;
  log_balance();
  mutexA.unlock(); // count 2 -> 1: still held when the thread ends
}

int main() {
  std::thread t(deposit);
  t.join();
}
