// Accounts in an array made by new[] (each with a std::string, so new[]
// keeps a count in front of them): one thread updates accounts[1].balance
// under its mutex, the other without. The racy field is named through the
// pointer that received the block and the element type: accounts[1].balance
// (heap, allocated at the new[] in main). With -DFIXED both take the lock.
//
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// CHECK: error: data race on accounts[1].balance: {{.*}} holding accounts[1].lock, {{.*}}[race.data]
// CHECK: holds accounts[1].lock (heap, allocated at {{.*}}heap_array_new.cpp:[[#@LINE+16]] in main)
// RUN: %tangle check %s --no-lint --format json -- -DFIXED > %t.json
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.json
// FIXED-DAG: "verdict":{{ ?}}"clean"
// FIXED-DAG: "complete":{{ ?}}true
#include <mutex>
#include <string>
#include <thread>

struct Account {
  std::string owner;
  std::mutex lock;
  long balance = 0;
};

int main() {
  Account *accounts = new Account[3];
  std::thread deposit([&] {
    std::lock_guard<std::mutex> hold(accounts[1].lock);
    accounts[1].balance += 10;
  });
  std::thread fee([&] {
#ifdef FIXED
    std::lock_guard<std::mutex> hold(accounts[1].lock);
#endif
    accounts[1].balance -= 1;
  });
  deposit.join();
  fee.join();
  delete[] accounts;
  return 0;
}
