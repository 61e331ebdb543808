// Clean twin of transfer_lock_guard.cpp: std::scoped_lock takes both account
// mutexes together, with a deadlock-avoidance algorithm, whatever the order
// in which the accounts are named.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <functional>
#include <mutex>
#include <thread>

struct Account {
  std::mutex m;
  int balance = 100;
};

Account alice, bob;

void transfer(Account &from, Account &to, int amount) {
  std::scoped_lock both(from.m, to.m); // no wait while holding one of them
  from.balance -= amount;
  to.balance += amount;
}

int main() {
  std::thread t1(transfer, std::ref(alice), std::ref(bob), 10);
  std::thread t2(transfer, std::ref(bob), std::ref(alice), 20);
  t1.join();
  t2.join();
}
