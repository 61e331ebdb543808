// The C++ form of the course's RLock: std::recursive_mutex may be locked
// again by its owner. Two threads each lock it twice and unlock it twice.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <mutex>
#include <thread>

std::recursive_mutex mutexA;
int balance, logged;

void log_balance() {
  std::lock_guard<std::recursive_mutex> again(mutexA); // second level
  logged = balance;
}

void deposit() {
  std::lock_guard<std::recursive_mutex> hold(mutexA);
  balance += 10;
  log_balance();
}

int main() {
  std::thread t1(deposit), t2(deposit);
  t1.join();
  t2.join();
}
