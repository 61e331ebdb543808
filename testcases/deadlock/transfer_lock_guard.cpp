// Bank transfers with std::lock_guard: transfer() locks the source account,
// then the destination. Alice pays Bob while Bob pays Alice: each thread can
// hold its source account's mutex and wait for the other's. Deadlock.
// Fix: lock both at once with std::scoped_lock (transfer_scoped_lock.cpp).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.cycle > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.cycle"
// REPLAY: "id":{{ ?}}"deadlock.cycle"
// TEXT-DAG: error: {{.*}}[deadlock.cycle]
#include <functional>
#include <mutex>
#include <thread>

struct Account {
  std::mutex m;
  int balance = 100;
};

Account alice, bob;

void transfer(Account &from, Account &to, int amount) {
  std::lock_guard<std::mutex> hold_from(from.m);
  // TEXT-DAG: {{.*}}transfer_lock_guard.cpp:[[@LINE+1]]:{{[0-9]+}}
  std::lock_guard<std::mutex> hold_to(to.m); // waits while holding from.m
  from.balance -= amount;
  to.balance += amount;
}

int main() {
  std::thread t1(transfer, std::ref(alice), std::ref(bob), 10);
  std::thread t2(transfer, std::ref(bob), std::ref(alice), 20);
  t1.join();
  t2.join();
}
